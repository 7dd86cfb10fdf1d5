import { analyzeReachability, formatReachabilityTable, intentViolations } from '@lambda-vpc/reachability';
import { add, body, Fixture, FN, fnOf, natVpc, ref, remove, STACK, ZONES } from './fixtures';

const NAT_INTENT = { internet: 'through-nat', dynamodb: 'gateway-endpoint' } as const;

/**
 * {@link natVpc} made dual-stack as DualStack.egressOnlyGateway() makes it: an IPv6 block on each private subnet, an
 * egress-only internet gateway with a ::/0 route in each private table, the function allowed IPv6 and let out to
 * ::/0 on 443.
 */
function dualStackVpc(): Fixture {
  const json = natVpc();
  body(json, 'aws_vpc', 'vpc').assign_generated_ipv6_cidr_block = true;
  add(json, 'aws_egress_only_internet_gateway', 'eigw', { vpc_id: ref('aws_vpc', 'vpc') });
  ZONES.forEach((zone, i) => {
    const z = zone.slice(-1);
    Object.assign(body(json, 'aws_subnet', `private-${z}`), {
      ipv6_cidr_block: `\${cidrsubnet(aws_vpc.vpc.ipv6_cidr_block, 8, ${4 + i})}`,
      assign_ipv6_address_on_creation: true,
    });
    add(json, 'aws_route', `private-ipv6-${z}`, {
      route_table_id: ref('aws_route_table', `private-${z}`),
      destination_ipv6_cidr_block: '::/0',
      egress_only_gateway_id: ref('aws_egress_only_internet_gateway', 'eigw'),
    });
  });
  add(json, 'aws_vpc_security_group_egress_rule', 'fn-internet-ipv6', {
    security_group_id: ref('aws_security_group', 'fn'),
    cidr_ipv6: '::/0',
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
  });
  const fn = body(json, 'aws_lambda_function', 'fn');
  fn.vpc_config = { ...(fn.vpc_config as object), ipv6_allowed_for_dual_stack: true };
  return json;
}

describe('the IPv6 internet from a dual-stack subnet', () => {
  it('is reached through the egress-only internet gateway, with no NAT on the path', () => {
    const ipv6 = fnOf(dualStackVpc()).destinations['internet-ipv6'];
    expect(ipv6).toMatchObject({ verdict: 'yes', via: 'egress-only-internet-gateway', protocol: 'tcp', port: 443 });
    expect(ipv6.paths.map((path) => path.path)).toEqual(
      ['a', 'b'].map((z) => [
        FN,
        'aws_security_group.fn',
        `aws_route_table.private-${z}`,
        `aws_route.private-ipv6-${z}`,
        'aws_egress_only_internet_gateway.eigw',
      ]),
    );
  });

  it('leaves the IPv4 internet to NAT: both destinations reachable, each its own way', () => {
    const fn = fnOf(dualStackVpc());
    expect(fn.destinations.internet).toMatchObject({ verdict: 'yes', via: 'nat-gateway' });
    expect(fn.destinations.internet.path).toContain('aws_nat_gateway.nat');
    expect(fn.destinations['internet-ipv6'].path).not.toContain('aws_nat_gateway.nat');
  });

  it('keeps the nat-egress intent: IPv4 through NAT, ::/0 only to an egress-only gateway', () => {
    expect(intentViolations(analyzeReachability(STACK, dualStackVpc()), NAT_INTENT)).toEqual([]);
  });

  it('shows both in the report: a row per destination, and the ::/0 routes among the routes to the internet', () => {
    const text = formatReachabilityTable(analyzeReachability(STACK, dualStackVpc()));
    expect(text).toMatch(/internet-ipv6 +2 AZs +yes +egress-only-internet-gateway/);
    expect(text).toMatch(/aws_route\.private-ipv6-a +::\/0 +aws_route_table\.private-a/);
  });
});

describe('what blocks the IPv6 internet, named', () => {
  it('is unreachable in an IPv4-only stack, saying so, and does not break the nat-egress intent', () => {
    const json = natVpc();
    const ipv6 = fnOf(json).destinations['internet-ipv6'];
    expect(ipv6.verdict).toBe('no');
    expect(ipv6.reason).toBe(
      `${FN} has ipv6_allowed_for_dual_stack off: Lambda gives its ENIs no IPv6 traffic, so IPv6 destinations are ` +
        'unreachable whatever the routes say; aws_subnet.private-a has no IPv6 block (ipv6_cidr_block): it is not ' +
        'dual-stack; security group egress: no rule of aws_security_group.fn allows tcp/443 to the IPv6 internet ' +
        '(::/0); no route in aws_route_table.private-a sends ::/0 anywhere',
    );
    expect(intentViolations(analyzeReachability(STACK, json), NAT_INTENT)).toEqual([]);
  });

  it('Lambda IPv6 off, everything else in place', () => {
    const json = dualStackVpc();
    const fn = body(json, 'aws_lambda_function', 'fn');
    fn.vpc_config = { ...(fn.vpc_config as object), ipv6_allowed_for_dual_stack: false };
    expect(fnOf(json).destinations['internet-ipv6'].reason).toBe(
      `${FN} has ipv6_allowed_for_dual_stack off: Lambda gives its ENIs no IPv6 traffic, so IPv6 destinations are ` +
        'unreachable whatever the routes say',
    );
  });

  it('no egress rule to ::/0', () => {
    const json = dualStackVpc();
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-internet-ipv6');
    const ipv6 = fnOf(json).destinations['internet-ipv6'];
    expect(ipv6.reason).toBe(
      'security group egress: no rule of aws_security_group.fn allows tcp/443 to the IPv6 internet (::/0)',
    );
    expect(ipv6.paths.every((path) => path.egressAllowed === false)).toBe(true);
  });

  it('no ::/0 route in one AZ: only the other AZ reaches it', () => {
    const json = dualStackVpc();
    remove(json, 'aws_route', 'private-ipv6-b');
    expect(fnOf(json).destinations['internet-ipv6'].reason).toBe(
      'only 1 of 2 subnets reach it (aws_subnet.private-b: no route in aws_route_table.private-b sends ::/0 anywhere)',
    );
  });

  it('::/0 to an internet gateway: reachable, but the intent refuses it (an IGW admits inbound IPv6)', () => {
    const json = dualStackVpc();
    for (const z of ['a', 'b']) {
      const route = body(json, 'aws_route', `private-ipv6-${z}`);
      delete route.egress_only_gateway_id;
      route.gateway_id = ref('aws_internet_gateway', 'igw');
    }
    const fn = fnOf(json);
    expect(fn.destinations['internet-ipv6']).toMatchObject({ verdict: 'yes', via: 'internet-gateway' });
    expect(intentViolations(analyzeReachability(STACK, json), NAT_INTENT)).toEqual([
      `${FN} from aws_subnet.private-a reaches the IPv6 internet via internet-gateway, not an egress-only internet ` +
        'gateway',
      `${FN} from aws_subnet.private-b reaches the IPv6 internet via internet-gateway, not an egress-only internet ` +
        'gateway',
      "aws_route.private-ipv6-a sends a function subnet's ::/0 to aws_internet_gateway.igw (internet-gateway), " +
        'not an egress-only gateway',
      "aws_route.private-ipv6-b sends a function subnet's ::/0 to aws_internet_gateway.igw (internet-gateway), " +
        'not an egress-only gateway',
    ]);
  });

  it('an intent of no internet refuses a function that reaches the IPv6 internet', () => {
    const violations = intentViolations(analyzeReachability(STACK, dualStackVpc()), { internet: 'none' });
    expect(violations).toContain(
      `${FN} from aws_subnet.private-a reaches the IPv6 internet via egress-only-internet-gateway`,
    );
    expect(violations).toContain(
      'aws_route.private-ipv6-a in aws_route_table.private-a routes ::/0 to aws_egress_only_internet_gateway.eigw ' +
        '(egress-only-internet-gateway)',
    );
  });
});

describe('::/0 to a transit gateway', () => {
  it('is unknown, stopped at the transit gateway, and the nat-egress intent refuses it', () => {
    const json = dualStackVpc();
    for (const z of ['a', 'b']) {
      const route = body(json, 'aws_route', `private-ipv6-${z}`);
      delete route.egress_only_gateway_id;
      route.transit_gateway_id = 'tgw-0123456789abcdef0';
    }
    const ipv6 = fnOf(json).destinations['internet-ipv6'];
    expect(ipv6.paths.map((p) => [p.verdict, p.stoppedAt, p.via])).toEqual([
      ['unknown', 'tgw-0123456789abcdef0', 'transit-gateway'],
      ['unknown', 'tgw-0123456789abcdef0', 'transit-gateway'],
    ]);
    expect(intentViolations(analyzeReachability(STACK, json), NAT_INTENT)).toContain(
      `${FN} from aws_subnet.private-a may reach the IPv6 internet: unknown, the path leaves through ` +
        'tgw-0123456789abcdef0 (transit-gateway), not an egress-only internet gateway',
    );
  });
});
