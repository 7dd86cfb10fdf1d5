// Each variant module's intent, held with the reachability analyzer over every real stack of every
// environment; then the same checks over deep copies of real stacks with one change each, which the analyzer
// must report.
import {
  analyzeReachability,
  FunctionReachability,
  intentViolations,
  ReachabilityResult,
  SubnetReach,
} from '@lambda-vpc/reachability';
import { NAT_EGRESS, PRIVATE_ONLY, PRIVATELINK, VARIANTS, variantNamed, variantsOf } from '@lambda-vpc/stacks';
import { TerraformBody, TerraformJson } from '../test-support/terraform-json';
import { environmentApps, synthAllEnvironments } from './environments';

const { stacks } = synthAllEnvironments();
const analyses: Record<string, ReachabilityResult> = Object.fromEntries(
  Object.entries(stacks).map(([name, json]) => [name, analyzeReachability(name, json)]),
);
const stacksOf = (variant: string) =>
  Object.keys(analyses)
    .filter((name) => analyses[name]!.variant === variant)
    .sort();

/** The on-premises CIDRs an environment lets reach its PrivateLink endpoint (none when not set). */
const onPremisesCidrs: Record<string, string[]> = Object.fromEntries(
  environmentApps().map((app) => [
    `${app.config.name}-privatelink`,
    [...(app.config.variants.privatelink?.onPremisesCidrs ?? [])],
  ]),
);

const where = (fn: FunctionReachability, p: SubnetReach) => `${fn.function} from ${p.subnet}`;

/** The intent a stack's variant module declares: the data the reachability checks hold it to. */
const intentOf = (name: string) => variantNamed(analyses[name]!.variant)!.intent;

/** Where `result` (an analysis of stack `name`, or of a changed copy of it) breaks its variant's intent. */
const violations = (name: string, result: ReachabilityResult) => intentViolations(result, intentOf(name));

/**
 * PrivateLink's outside callers, from the environment's config: the on-premises CIDRs reach the endpoint on 443
 * only, and nothing else outside the VPC is admitted.
 */
function outsideCallers(result: ReachabilityResult, onPremises: string[]): string[] {
  const endpoint = result.endpoints.find((e) => e.service === 'lambda');
  if (!endpoint) return ['no Lambda interface endpoint'];
  return [
    ...endpoint.admits.cidrs
      .filter((cidr) => !onPremises.includes(cidr))
      .map((cidr) => `${endpoint.endpoint} admits ${cidr}, which is not an on-premises CIDR`),
    ...onPremises
      .filter((cidr) => !endpoint.admits.cidrs.includes(cidr))
      .map((cidr) => `${endpoint.endpoint} does not admit on-premises ${cidr} on 443`),
    ...endpoint.admits.rules
      .filter((r) => onPremises.includes(r.source) && !(r.protocol === 'tcp' && r.fromPort === 443 && r.toPort === 443))
      .map(
        (r) =>
          `${r.rule} admits ${r.source} on ${r.protocol} ${r.fromPort ?? 'all'}-${r.toPort ?? 'all'}, not 443 only`,
      ),
  ];
}

describe('variant intents, over every stack of every environment', () => {
  it('covers every stack of every environment, and every registered variant some environment deploys', () => {
    const apps = environmentApps();
    expect(apps.length).toBeGreaterThanOrEqual(3);
    const deployed = apps.flatMap((app) =>
      variantsOf(app.config).map((variant) => `${app.config.name}-${variant.name}`),
    );
    expect(Object.keys(analyses).sort()).toEqual(deployed.sort());
    for (const variant of VARIANTS) expect(stacksOf(variant.name).length).toBeGreaterThan(0);
  });

  it.each(Object.keys(analyses).sort())("%s: keeps every promise of its variant's intent", (name) => {
    expect(intentOf(name)).toBeDefined();
    expect(violations(name, analyses[name]!)).toEqual([]);
  });

  it(
    'holds private-only and privatelink to no internet, nat-egress to NAT only, and DynamoDB or the Lambda API to ' +
      'their endpoints',
    () => {
      expect([PRIVATE_ONLY.intent, NAT_EGRESS.intent, PRIVATELINK.intent]).toEqual([
        { internet: 'none', dynamodb: 'gateway-endpoint' },
        { internet: 'through-nat', dynamodb: 'gateway-endpoint' },
        { internet: 'none', lambdaApi: 'interface-endpoint' },
      ]);
    },
  );

  it.each(stacksOf('privatelink'))(
    '%s: the on-premises CIDRs reach the endpoint on 443 only, and nothing else outside the VPC',
    (name) => {
      expect(outsideCallers(analyses[name]!, onPremisesCidrs[name]!)).toEqual([]);
    },
  );
});

/** A deep copy of a real stack, to change. */
const copyOf = (name: string): TerraformBody => structuredClone(stacks[name]) as TerraformBody;
const analyze = (name: string, json: TerraformBody) => analyzeReachability(name, json as TerraformJson);
const refTo = (address: string, attribute = 'id') => `\${${address}.${attribute}}`;
const nameOf = (address: string) => address.slice(address.indexOf('.') + 1);

describe('mutations the analyzer must report', () => {
  it.each(stacksOf('private-only'))(
    '%s: a new internet gateway and 0.0.0.0/0 route in a function subnet appear in internetRoutes and fail the intent',
    (name) => {
      const before = analyses[name]!;
      const fn = before.functions[0]!;
      const table = fn.subnets[0]!.routeTable!;
      const json = copyOf(name);
      json.resource.aws_internet_gateway = { intruder: { vpc_id: refTo(fn.vpc!) } };
      json.resource.aws_route = {
        ...json.resource.aws_route,
        intruder: {
          route_table_id: refTo(table),
          destination_cidr_block: '0.0.0.0/0',
          gateway_id: refTo('aws_internet_gateway.intruder'),
        },
      };
      const after = analyze(name, json);

      expect(before.internetRoutes).toEqual([]);
      expect(after.internetRoutes).toEqual([
        {
          route: 'aws_route.intruder',
          routeTable: table,
          destination: '0.0.0.0/0',
          target: 'aws_internet_gateway.intruder',
          targetKind: 'internet-gateway',
          subnets: [fn.subnets[0]!.subnet],
        },
      ]);
      // A Lambda ENI has no public IP, so the function itself still cannot get out, and the analyzer says why.
      const path = after.functions[0]!.destinations.internet.paths[0]!;
      expect(path).toMatchObject({ verdict: 'no', via: 'internet-gateway' });
      expect(path.path).toEqual(expect.arrayContaining(['aws_route.intruder', 'aws_internet_gateway.intruder']));
      expect(path.reason).toMatch(/a Lambda ENI has no public IP/);
      expect(violations(name, after)).toEqual([
        `aws_route.intruder in ${table} routes 0.0.0.0/0 to aws_internet_gateway.intruder (internet-gateway)`,
      ]);
    },
  );

  it.each(stacksOf('privatelink'))(
    '%s: opening the endpoint security group to 0.0.0.0/0 shows in admits.cidrs and fails the intent',
    (name) => {
      const before = analyses[name]!.endpoints[0]!;
      const json = copyOf(name);
      json.resource.aws_vpc_security_group_ingress_rule.intruder = {
        security_group_id: refTo(before.securityGroups[0]!),
        cidr_ipv4: '0.0.0.0/0',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
      };
      const after = analyze(name, json);

      expect(before.admits.cidrs).not.toContain('0.0.0.0/0');
      expect(after.endpoints[0]!.admits.cidrs).toEqual([...before.admits.cidrs, '0.0.0.0/0']);
      expect(violations(name, after)).toEqual([]);
      expect(outsideCallers(after, onPremisesCidrs[name]!)).toEqual([
        `${before.endpoint} admits 0.0.0.0/0, which is not an on-premises CIDR`,
      ]);
    },
  );

  it.each(stacksOf('private-only'))(
    '%s: dropping a route-table association loses the gateway-endpoint path to DynamoDB (no route table)',
    (name) => {
      // A function that calls DynamoDB: the probe, or one the environment declares.
      const fn = analyses[name]!.functions.find((f) => f.destinations.dynamodb.verdict === 'yes')!;
      const subnet = fn.subnets[0]!.subnet;
      const json = copyOf(name);
      const associations = json.resource.aws_route_table_association as TerraformBody;
      const dropped = Object.keys(associations).filter((key) => associations[key].subnet_id === refTo(subnet));
      expect(dropped).toHaveLength(1);
      delete associations[dropped[0]!];
      const after = analyze(name, json).functions.find((f) => f.function === fn.function)!;

      expect(fn.destinations.dynamodb.verdict).toBe('yes');
      expect(after.destinations.dynamodb.verdict).toBe('no');
      expect(after.subnets[0]!.routeTable).toBe(`${fn.vpc} (main route table)`);
      const lost = after.destinations.dynamodb.paths[0]!;
      expect(lost).toMatchObject({ subnet, verdict: 'no' });
      expect(lost.via).toBeUndefined();
      expect(lost.reason).toMatch(/^no route table: /);
      // The other AZs keep their endpoint path.
      expect(
        after.destinations.dynamodb.paths.slice(1).every((p) => p.verdict === 'yes' && p.via === 'gateway-endpoint'),
      ).toBe(true);
      const lines = violations(name, analyze(name, json));
      expect(lines).toContain(`${fn.function} from ${subnet} does not reach DynamoDB: ${lost.reason}`);
      // Every function of the subnet (the probe, and those the environment declares) loses that path, and only it.
      expect(
        lines.filter((line) => !line.includes(` from ${subnet} does not reach DynamoDB: no route table: `)),
      ).toEqual([]);
    },
  );

  it.each(stacksOf('privatelink'))(
    '%s: widening the endpoint policy to Principal "*" shows in principals and fails the intent',
    (name) => {
      const before = analyses[name]!.endpoints[0]!;
      const json = copyOf(name);
      const endpoint = json.resource.aws_vpc_endpoint[nameOf(before.endpoint)];
      const document = JSON.parse(endpoint.policy);
      for (const statement of document.Statement) statement.Principal = '*';
      endpoint.policy = JSON.stringify(document);
      const after = analyze(name, json);

      expect(before).toMatchObject({ open: false, principals: expect.not.arrayContaining(['*']) });
      expect(after.endpoints[0]).toMatchObject({ open: true, principals: ['*'] });
      expect(after.functions.every((fn) => fn.destinations['lambda-api'].policyOpen === true)).toBe(true);
      expect(violations(name, after)).toEqual([`${before.endpoint} policy allows principal "*"`]);
    },
  );

  it.each(stacksOf('nat-egress'))(
    '%s: taking the private tables off the DynamoDB endpoint sends DynamoDB through NAT, which fails the intent',
    (name) => {
      const json = copyOf(name);
      for (const endpoint of Object.values(json.resource.aws_vpc_endpoint as TerraformBody))
        endpoint.route_table_ids = [];
      const after = analyze(name, json);
      expect(
        after.functions[0]!.destinations.dynamodb.paths.every(
          (p) => p.verdict === 'yes' && (p.via === 'nat-gateway' || p.via === 'nat-instance'),
        ),
      ).toBe(true);
      expect(violations(name, after)).toEqual(
        after.functions[0]!.destinations.dynamodb.paths.map(
          (p) => `${where(after.functions[0]!, p)} reaches DynamoDB via ${p.via}, not the gateway endpoint`,
        ),
      );
    },
  );
});

describe("a declared function is held to its variant's intent where it calls, not where it does not", () => {
  const name = 'dev-private-only';
  const orders = (result: ReachabilityResult) => result.functions.find((fn) => fn.function.endsWith('.orders'))!;

  it('dev declares orders, which calls DynamoDB through the gateway endpoint and keeps the promise', () => {
    expect(orders(analyses[name]!).destinations.dynamodb.verdict).toBe('yes');
    expect(violations(name, analyses[name]!)).toEqual([]);
  });

  it('without an egress rule toward DynamoDB it does not call it, and the DynamoDB promise does not apply', () => {
    const json = copyOf(name);
    delete json.resource.aws_vpc_security_group_egress_rule['orders_egress_dynamodb_tcp443'];
    const after = analyze(name, json);
    expect(orders(after).destinations.dynamodb.paths.every((p) => p.egressAllowed === false)).toBe(true);
    expect(violations(name, after)).toEqual([]);
  });

  it('a caller the endpoint policy leaves out breaks the promise, named by its role', () => {
    const json = copyOf(name);
    const endpoint = json.resource.aws_vpc_endpoint['dynamodb-endpoint'];
    const policy = JSON.parse(endpoint.policy);
    policy.Statement = policy.Statement.filter((s: { Sid: string }) => s.Sid !== 'OrdersUsesTheTable');
    endpoint.policy = JSON.stringify(policy);
    const after = analyze(name, json);
    const fn = orders(after);
    expect(violations(name, after)).toEqual(
      fn.destinations.dynamodb.paths.map(
        (p) => `the DynamoDB endpoint policy does not allow ${fn.role} (${where(fn, p)})`,
      ),
    );
  });
});
