// The internet headline of `npm run report`: a function counts when any one of its AZs reaches the internet, since
// Lambda may place its ENI in that AZ; `destinations.internet.verdict` (every AZ) would hide a one-AZ leak.
import { functionsByInternetVerdict, internetVerdictFromAnyAz, Verdict } from '@lambda-vpc/reachability';
import { add, analyze, body, FN, Fixture, fnOf, natVpc, ref, remove } from './fixtures';

/** natVpc with a NAT gateway per AZ: private-b now routes 0.0.0.0/0 to `nat-b` in public-b, not across AZs. */
function perAzNatVpc(): Fixture {
  const json = natVpc();
  add(json, 'aws_eip', 'nat-b', { domain: 'vpc' });
  add(json, 'aws_nat_gateway', 'nat-b', {
    subnet_id: ref('aws_subnet', 'public-b'),
    allocation_id: ref('aws_eip', 'nat-b', 'allocation_id'),
    connectivity_type: 'public',
  });
  const route = body(json, 'aws_route', 'private-default-b');
  route.nat_gateway_id = ref('aws_nat_gateway', 'nat-b');
  return json;
}

/** Each of the function's subnets: its AZ, whether it reaches the internet, and via what. */
function internetByAz(json: Fixture): { az?: string; verdict: Verdict; via?: string }[] {
  return fnOf(json).destinations.internet.paths.map((p) => ({
    az: p.availabilityZone,
    verdict: p.verdict,
    via: p.via,
  }));
}

describe('a function in two AZs where only eu-west-1a has a 0.0.0.0/0 route to NAT', () => {
  const json = natVpc();
  remove(json, 'aws_route', 'private-default-b');

  it('reaches the internet from eu-west-1a only, so the every-AZ verdict is no', () => {
    expect(internetByAz(json)).toEqual([
      { az: 'eu-west-1a', verdict: 'yes', via: 'nat-gateway' },
      { az: 'eu-west-1b', verdict: 'no', via: undefined },
    ]);
    expect(fnOf(json).destinations.internet.verdict).toBe('no');
  });

  it('is counted by the headline: 1 function reaches the internet', () => {
    const result = analyze(json);
    expect(internetVerdictFromAnyAz(result.functions[0]!)).toBe('yes');
    expect(functionsByInternetVerdict(result).yes.map((fn) => fn.function)).toEqual([FN]);
    expect(functionsByInternetVerdict(result).yes).toHaveLength(1);
  });
});

describe("a NAT gateway per AZ where only eu-west-1a's NAT subnet routes to the internet gateway", () => {
  const json = perAzNatVpc();
  remove(json, 'aws_route', 'public-default-b');

  it('reaches the internet through nat in eu-west-1a, and not through nat-b in eu-west-1b', () => {
    const [a, b] = fnOf(json).destinations.internet.paths;
    expect(a).toMatchObject({ availabilityZone: 'eu-west-1a', verdict: 'yes', via: 'nat-gateway' });
    expect(a!.path).toContain('aws_nat_gateway.nat');
    expect(b).toMatchObject({ availabilityZone: 'eu-west-1b', verdict: 'no', via: 'nat-gateway' });
    expect(b!.path).toContain('aws_nat_gateway.nat-b');
    expect(b!.reason).toMatch(/the NAT's subnet aws_subnet.public-b has no route to the internet/);
  });

  it('is counted by the headline: 1 function reaches the internet', () => {
    expect(functionsByInternetVerdict(analyze(json)).yes.map((fn) => fn.function)).toEqual([FN]);
  });
});

describe('the headline count over every AZ and every function', () => {
  it('counts a function whose every AZ reaches the internet once', () => {
    const json = perAzNatVpc();
    expect(internetByAz(json).map((p) => p.verdict)).toEqual(['yes', 'yes']);
    expect(functionsByInternetVerdict(analyze(json)).yes.map((fn) => fn.function)).toEqual([FN]);
  });

  it('counts no function when no AZ has a 0.0.0.0/0 route', () => {
    const json = natVpc();
    remove(json, 'aws_route', 'private-default-a');
    remove(json, 'aws_route', 'private-default-b');
    const result = analyze(json);
    expect(internetVerdictFromAnyAz(result.functions[0]!)).toBe('no');
    expect(functionsByInternetVerdict(result).yes).toEqual([]);
  });

  it(
    'counts only the functions with a path, in result order, when a second function sits in the closed AZ ' + 'alone',
    () => {
      const json = natVpc();
      remove(json, 'aws_route', 'private-default-b');
      add(json, 'aws_lambda_function', 'closed', {
        function_name: 'unit-closed',
        role: ref('aws_iam_role', 'fn', 'arn'),
        vpc_config: {
          subnet_ids: [ref('aws_subnet', 'private-b')],
          security_group_ids: [ref('aws_security_group', 'fn')],
        },
      });
      const result = analyze(json);
      expect(result.functions.map((fn) => [fn.function, internetVerdictFromAnyAz(fn)])).toEqual([
        [FN, 'yes'],
        ['aws_lambda_function.closed', 'no'],
      ]);
      expect(functionsByInternetVerdict(result).yes.map((fn) => fn.function)).toEqual([FN]);
    },
  );

  it('counts a function none of whose subnets is in the stack as unknown, stopped at the function', () => {
    const json = natVpc();
    body(json, 'aws_lambda_function', 'fn').vpc_config.subnet_ids = ['subnet-0123456789abcdef0'];
    const result = analyze(json);
    expect(result.functions[0]!.destinations.internet).toMatchObject({ verdict: 'unknown', stoppedAt: FN, paths: [] });
    expect(functionsByInternetVerdict(result)).toEqual({ yes: [], no: [], unknown: [result.functions[0]] });
  });
});
