import { query } from '@lambda-vpc/reachability';
import { add, addLambdaEndpoint, body, FN, fnOf, natVpc, ref, remove, STACK } from './fixtures';

describe('nextHop: where the route in the function subnet sends the flow', () => {
  it('names the NAT gateway for the internet, and the gateway endpoint for DynamoDB, in every subnet', () => {
    const fn = fnOf(natVpc());
    expect(fn.destinations.internet.paths.map((p) => [p.subnet, p.nextHop])).toEqual([
      ['aws_subnet.private-a', { address: 'aws_nat_gateway.nat' }],
      ['aws_subnet.private-b', { address: 'aws_nat_gateway.nat' }],
    ]);
    expect(fn.destinations.dynamodb.paths.map((p) => p.nextHop)).toEqual([
      { address: 'aws_vpc_endpoint.dynamodb' },
      { address: 'aws_vpc_endpoint.dynamodb' },
    ]);
  });

  it("names the interface endpoint and the subnet of the ENI reached, in the function subnet's own AZ", () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    expect(fnOf(json).destinations['lambda-api'].paths.map((p) => [p.subnet, p.nextHop])).toEqual([
      ['aws_subnet.private-a', { address: 'aws_vpc_endpoint.lambda', subnet: 'aws_subnet.private-a' }],
      ['aws_subnet.private-b', { address: 'aws_vpc_endpoint.lambda', subnet: 'aws_subnet.private-b' }],
    ]);
  });

  it(
    'names the target of a route whose path is blocked further on, and the literal ID of a target outside the ' +
      'stack',
    () => {
      const json = natVpc();
      body(json, 'aws_nat_gateway', 'nat').connectivity_type = 'private';
      add(json, 'aws_route', 'tgw', {
        route_table_id: ref('aws_route_table', 'private-a'),
        destination_cidr_block: '172.16.0.0/12',
        transit_gateway_id: 'tgw-0abc',
      });
      const internet = fnOf(json).destinations.internet.paths[0]!;
      expect([internet.verdict, internet.nextHop]).toEqual(['no', { address: 'aws_nat_gateway.nat' }]);
      expect(query(STACK, json, FN, { cidr: '172.16.0.0/16', port: 443 }).paths[0]!.nextHop).toEqual({
        address: 'tgw-0abc',
      });
    },
  );

  it('is absent when no route matches', () => {
    const json = natVpc();
    remove(json, 'aws_route', 'private-default-b');
    const paths = fnOf(json).destinations.internet.paths;
    expect(paths.map((p) => [p.verdict, p.nextHop])).toEqual([
      ['yes', { address: 'aws_nat_gateway.nat' }],
      ['no', undefined],
    ]);
  });
});

describe("egressAllowed: whether the function's own security groups let the flow out", () => {
  it("is true on an unreachable path the function's rules allow, so something further on blocks it", () => {
    const json = natVpc();
    remove(json, 'aws_route', 'public-default-a');
    expect(fnOf(json).destinations.internet.paths.map((p) => [p.verdict, p.egressAllowed])).toEqual([
      ['no', true],
      ['no', true],
    ]);
  });

  it('is false where no egress rule allows the flow, whatever the routes say', () => {
    const json = natVpc();
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-internet');
    const fn = fnOf(json);
    expect(fn.destinations.internet.paths.map((p) => [p.verdict, p.egressAllowed, p.nextHop])).toEqual([
      ['no', false, { address: 'aws_nat_gateway.nat' }],
      ['no', false, { address: 'aws_nat_gateway.nat' }],
    ]);
    expect(fn.destinations.dynamodb.paths.map((p) => p.egressAllowed)).toEqual([true, true]);
  });

  it('is absent when no flow could be built', () => {
    expect(query(STACK, natVpc(), FN, { cidr: '10.0.0/24', port: 443 }).paths.map((p) => p.egressAllowed)).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('the flow a destination traces', () => {
  it("is TCP 443 for the named destinations, and the question's protocol and port for a query", () => {
    const fn = fnOf(natVpc());
    expect(Object.values(fn.destinations).map((reach) => [reach.protocol, reach.port])).toEqual(
      Array(5).fill(['tcp', 443]),
    );
    expect(query(STACK, natVpc(), FN, { cidr: '10.0.0.0/24', port: 53, protocol: 'udp' })).toMatchObject({
      protocol: 'udp',
      port: 53,
    });
    expect(query(STACK, natVpc(), FN, { cidr: '10.0.0/24', port: 53 })).not.toHaveProperty('protocol');
  });
});
