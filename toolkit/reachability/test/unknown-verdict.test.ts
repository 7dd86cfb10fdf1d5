// A path the analysis cannot follow to its end (a route out of the stack to a transit gateway, a NAT gateway that is
// not in the stack, a route destination that is not literal) is `unknown`, with the hop where the analysis stops:
// never `no`, in the result, the table, the headline count or the intents.
import {
  formatReachabilityTable,
  functionsByInternetVerdict,
  internetHeadline,
  intentViolations,
} from '@lambda-vpc/reachability';
import { add, analyze, body, FN, fnOf, natVpc, ref, remove, TGW, transitGatewayVpc } from './fixtures';

const PRIVATE_ONLY = { internet: 'none', dynamodb: 'gateway-endpoint' } as const;
const NAT_EGRESS = { internet: 'through-nat', dynamodb: 'gateway-endpoint' } as const;

describe('the internet through a transit gateway, with security-group egress to 0.0.0.0/0 on 443', () => {
  const json = transitGatewayVpc();

  it('is unknown in every AZ, stopped at the transit gateway, with the reason naming it', () => {
    const internet = fnOf(json).destinations.internet;
    expect(internet.paths.map((p) => [p.availabilityZone, p.verdict, p.stoppedAt, p.via])).toEqual([
      ['eu-west-1a', 'unknown', TGW, 'transit-gateway'],
      ['eu-west-1b', 'unknown', TGW, 'transit-gateway'],
    ]);
    expect(internet).toMatchObject({ verdict: 'unknown', stoppedAt: TGW, via: 'transit-gateway' });
    expect(internet.reason).toBe(
      `aws_route.private-default-a (0.0.0.0/0) sends it to ${TGW} (transit-gateway): whether that reaches the ` +
        'internet (203.0.113.10/32) is outside this stack',
    );
    expect(internet.paths[0]!.path.slice(-2)).toEqual(['aws_route.private-default-a', TGW]);
  });

  it('is counted apart in the headline, not as a function that does not reach the internet', () => {
    const result = analyze(json);
    expect(functionsByInternetVerdict(result)).toEqual({ yes: [], no: [], unknown: result.functions });
    expect(internetHeadline(result)).toBe('0 reach the internet, 1 unknown');
  });

  it('prints `unknown` and the hop in the table', () => {
    const row = formatReachabilityTable(analyze(json))
      .split('\n')
      .find((line) => /^fn\s+internet\s/.test(line));
    expect(row).toMatch(
      new RegExp(`^fn\\s+internet\\s+2 AZs\\s+unknown\\s+transit-gateway\\s+stops at ${TGW}: aws_route.private-`),
    );
  });

  it('breaks private-only (not even unknown is allowed) and nat-egress (no NAT), naming the hop', () => {
    const result = analyze(json);
    expect(intentViolations(result, PRIVATE_ONLY)).toEqual(
      expect.arrayContaining([
        `${FN} from aws_subnet.private-a may reach the internet: unknown, the path leaves through ${TGW} ` +
          '(transit-gateway)',
      ]),
    );
    expect(intentViolations(result, NAT_EGRESS)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${FN} from aws_subnet.private-b is not known to reach the internet: the analysis stops at ${TGW}:`,
          ),
        ),
      ]),
    );
  });

  it('is no when a check blocks it as well: a block is known whatever lies past the transit gateway', () => {
    const blocked = transitGatewayVpc();
    remove(blocked, 'aws_vpc_security_group_egress_rule', 'fn-internet');
    const internet = fnOf(blocked).destinations.internet;
    expect(internet.paths.map((p) => [p.verdict, p.stoppedAt])).toEqual([
      ['no', undefined],
      ['no', undefined],
    ]);
    expect(internetHeadline(analyze(blocked))).toBe('0 reach the internet');
  });
});

describe('other paths the analysis cannot follow', () => {
  it('stops at a NAT gateway that is not in the stack', () => {
    const json = natVpc();
    body(json, 'aws_route', 'private-default-a').nat_gateway_id = 'nat-0123456789abcdef0';
    const [a, b] = fnOf(json).destinations.internet.paths;
    expect([a!.verdict, a!.stoppedAt, a!.reason]).toEqual([
      'unknown',
      'nat-0123456789abcdef0',
      'NAT gateway nat-0123456789abcdef0 is not in this stack, so its onward path is unknown',
    ]);
    expect(b!.verdict).toBe('yes');
    // Every AZ must reach it for the destination to be yes; one unknown and no no: unknown.
    expect(fnOf(json).destinations.internet.verdict).toBe('unknown');
  });

  it('stops at the route table when nothing matches but a route has a destination that is not literal', () => {
    const json = natVpc();
    remove(json, 'aws_route', 'private-default-a');
    add(json, 'aws_route', 'partner-a', {
      route_table_id: ref('aws_route_table', 'private-a'),
      destination_cidr_block: '${var.partner_cidr}',
      transit_gateway_id: TGW,
    });
    const a = fnOf(json).destinations.internet.paths[0]!;
    expect([a.verdict, a.stoppedAt]).toEqual(['unknown', 'aws_route_table.private-a']);
    expect(a.reason).toMatch(
      /aws_route.partner-a \(\?\) has a destination that is not literal: it may match the internet/,
    );
  });

  it('still says no when nothing matches and every destination is literal', () => {
    const json = natVpc();
    remove(json, 'aws_route', 'private-default-a');
    expect(fnOf(json).destinations.internet.paths[0]!.verdict).toBe('no');
  });
});

describe('a security group egress rule whose block is not literal', () => {
  it('leaves a flow no literal rule allows unknown, stopped at that rule, rather than denied', () => {
    const json = natVpc();
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-internet');
    add(json, 'aws_vpc_security_group_egress_rule', 'fn-partner', {
      security_group_id: ref('aws_security_group', 'fn'),
      cidr_ipv4: '${var.partner_cidr}',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
    const a = fnOf(json).destinations.internet.paths[0]!;
    expect([a.verdict, a.stoppedAt, a.egressAllowed]).toEqual([
      'unknown',
      'aws_vpc_security_group_egress_rule.fn-partner',
      false,
    ]);
    expect(a.reason).toBe(
      'security group egress: aws_vpc_security_group_egress_rule.fn-partner has a block that is not literal: it may ' +
        'allow tcp/443 to the internet (203.0.113.10/32)',
    );
  });
});
