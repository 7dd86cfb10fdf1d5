import { analyzeReachability, formatReachabilityTable, query } from '@lambda-vpc/reachability';
import {
  add,
  addLambdaEndpoint,
  addSecretsManagerEndpoint,
  analyze,
  FN,
  fnOf,
  natVpc,
  ref,
  remove,
  STACK,
} from './fixtures';

describe('result', () => {
  it('names the function, its construct path, subnets, groups, role and all five destinations', () => {
    const fn = fnOf(natVpc());
    expect(fn).toMatchObject({
      function: FN,
      constructPath: `${STACK}/fn`,
      vpc: 'aws_vpc.vpc',
      securityGroups: ['aws_security_group.fn'],
      role: 'aws_iam_role.fn',
      subnets: [
        {
          subnet: 'aws_subnet.private-a',
          availabilityZone: 'eu-west-1a',
          cidr: '10.0.10.0/24',
          routeTable: 'aws_route_table.private-a',
        },
        {
          subnet: 'aws_subnet.private-b',
          availabilityZone: 'eu-west-1b',
          cidr: '10.0.11.0/24',
          routeTable: 'aws_route_table.private-b',
        },
      ],
    });
    expect(Object.keys(fn.destinations)).toEqual(['internet', 'internet-ipv6', 'dynamodb', 's3', 'lambda-api']);
  });

  it('is plain JSON: serializing and parsing it changes nothing', () => {
    const result = analyze(natVpc());
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('lists functions without vpc_config apart, and analyzes only VPC-attached ones', () => {
    const json = natVpc();
    add(json, 'aws_lambda_function', 'outside', { function_name: 'outside', role: ref('aws_iam_role', 'fn', 'arn') });
    const result = analyze(json);
    expect(result.functions.map((f) => f.function)).toEqual([FN]);
    expect(result.unattachedFunctions).toEqual(['aws_lambda_function.outside']);
  });

  it('answers extra cidr:port questions per function', () => {
    const result = analyzeReachability(STACK, natVpc(), { queries: [{ cidr: '10.0.0.0/24', port: 443 }] });
    expect(result.functions[0]!.queries!['10.0.0.0/24:443']).toMatchObject({ verdict: 'yes', via: 'local' });
  });

  it('lets the internet stand-in address be chosen', () => {
    const json = natVpc();
    add(json, 'aws_route', 'blackhole-ish', {
      route_table_id: ref('aws_route_table', 'private-a'),
      destination_cidr_block: '8.8.8.0/24',
      vpc_peering_connection_id: 'pcx-1',
    });
    const result = analyzeReachability(STACK, json, { internetAddress: '8.8.8.8' });
    expect(result.functions[0]!.destinations.internet.paths[0]).toMatchObject({
      verdict: 'unknown',
      stoppedAt: 'pcx-1',
      via: 'vpc-peering',
    });
  });
});

describe('query', () => {
  it('refuses an unknown function and reports a malformed CIDR', () => {
    expect(() => query(STACK, natVpc(), 'nope', { cidr: '10.0.0.0/24', port: 443 })).toThrow(
      'no aws_lambda_function aws_lambda_function.nope in stack unit-stack',
    );
    expect(query(STACK, natVpc(), FN, { cidr: '10.0.0/24', port: 443 }).reason).toBe(
      '"10.0.0/24" is not an IPv4 address or CIDR block',
    );
  });

  it('does not carry private addresses through NAT and an internet gateway', () => {
    expect(query(STACK, natVpc(), FN, { cidr: '172.16.0.0/16', port: 443 }).reason).toMatch(
      /172.16.0.0\/16 is private address space/,
    );
  });
});

describe('formatReachabilityTable', () => {
  it('prints one row per function and destination, with via, policy and the first hops', () => {
    const text = formatReachabilityTable(analyze(natVpc()));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Reachability of unit-stack (eu-west-1)');
    expect(lines[2]).toMatch(/^function\s+destination\s+AZ\s+reaches\s+via\s+policy\s+first hops \/ why not$/);
    expect(text).toMatch(
      /\nfn\s+internet\s+2 AZs\s+yes\s+nat-gateway\s+aws_security_group.fn > aws_route_table.private-a > aws_route.private-default-a > aws_nat_gateway.nat > … \(\+3\)\n/,
    );
    expect(text).toMatch(
      /\nfn\s+dynamodb\s+2 AZs\s+yes\s+gateway-endpoint\s+allows\s+aws_security_group.fn > aws_route_table.private-a > aws_vpc_endpoint.dynamodb\n/,
    );
    expect(text).toContain('route to 0.0.0.0/0');
    expect(text).toContain('note: no network ACL is declared');
  });

  it('lists each interface endpoint with the functions that reach it', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    addSecretsManagerEndpoint(json);
    remove(json, 'aws_vpc_security_group_ingress_rule', 'secretsmanager-from-fn');
    const lines = formatReachabilityTable(analyze(json)).split('\n');
    const header = lines.findIndex((line) => line.startsWith('interface endpoint'));
    expect(lines[header]).toMatch(
      /^interface endpoint\s+service\s+private DNS\s+admits on 443\s+reached by\s+principals\s+resources$/,
    );
    expect(lines[header + 2]).toMatch(/^aws_vpc_endpoint.lambda\s+lambda\s+yes\s+aws_security_group.fn\s+fn\s+/);
    expect(lines[header + 3]).toMatch(
      /^aws_vpc_endpoint.secretsmanager\s+secretsmanager\s+yes\s+nothing\s+no function\s+aws_iam_role.fn\s+arn:aws:secretsmanager:/,
    );
  });

  it('splits a destination into one row per AZ when the AZs differ, with the first reason', () => {
    const json = natVpc();
    remove(json, 'aws_route_table_association', 'private-b');
    const text = formatReachabilityTable(analyze(json));
    expect(text).toMatch(/\nfn\s+dynamodb\s+eu-west-1a\s+yes\s+gateway-endpoint/);
    expect(text).toMatch(/\nfn\s+dynamodb\s+eu-west-1b\s+no\s+-\s+no route table: aws_subnet.private-b/);
  });
});
