// The three variants' intents, asserted with the reachability analyzer over every real stack of every
// environment; then the same checks over deep copies of real stacks with one change each, which the analyzer
// must report.
import { analyzeReachability, FunctionReachability, ReachabilityResult, SubnetReach } from '@lambda-vpc/reachability';
import { TerraformJson } from '../test-support/terraform-json';
import { environmentApps, synthAllEnvironments } from './environments';

const { stacks } = synthAllEnvironments();
const analyses: Record<string, ReachabilityResult> = Object.fromEntries(Object.entries(stacks).map(([name, json]) => [name, analyzeReachability(name, json)]));
const stacksOf = (variant: string) => Object.keys(analyses).filter((name) => analyses[name]!.variant === variant).sort();

/** The on-premises CIDRs an environment lets reach its PrivateLink endpoint (none when not set). */
const onPremisesCidrs: Record<string, string[]> = Object.fromEntries(environmentApps()
  .map((app) => [`${app.config.name}-privatelink`, [...(app.config.variants.privatelink?.onPremisesCidrs ?? [])]]));

const isNat = (hop: string) => hop.startsWith('aws_nat_gateway.') || hop.startsWith('aws_instance.');
const where = (fn: FunctionReachability, p: SubnetReach) => `${fn.function} from ${p.subnet}`;

/** Every function reaches no internet, and no route table has a route to 0.0.0.0/0. */
function noInternet(result: ReachabilityResult): string[] {
  return [
    ...result.functions.flatMap((fn) => fn.destinations.internet.paths.filter((p) => p.reachable).map((p) => `${where(fn, p)} reaches the internet via ${p.via}`)),
    ...result.internetRoutes.map((r) => `${r.route} in ${r.routeTable} routes ${r.destination} to ${r.target} (${r.targetKind})`),
  ];
}

/** Every path to DynamoDB ends at the stack's DynamoDB gateway endpoint, never through a NAT, and its policy allows the function. */
function dynamodbThroughGatewayEndpoint(result: ReachabilityResult): string[] {
  const endpoints = result.gatewayEndpoints.filter((e) => e.service === 'dynamodb').map((e) => e.endpoint);
  return result.functions.flatMap((fn) => fn.destinations.dynamodb.paths.flatMap((p) => {
    if (!p.reachable) return [`${where(fn, p)} does not reach DynamoDB: ${p.reason}`];
    if (p.via !== 'gateway-endpoint' || !endpoints.includes(p.path[p.path.length - 1]!)) return [`${where(fn, p)} reaches DynamoDB via ${p.via}, not the gateway endpoint`];
    if (p.path.some(isNat)) return [`${where(fn, p)} reaches DynamoDB through a NAT`];
    return p.policyAllows ? [] : [`the DynamoDB endpoint policy does not allow ${fn.role} (${where(fn, p)})`];
  }));
}

/** private-only: no function reaches the internet and every function reaches DynamoDB through the gateway endpoint. */
function privateOnlyIntent(result: ReachabilityResult): string[] {
  return [...(result.functions.length === 0 ? ['no VPC-attached function'] : []), ...noInternet(result), ...dynamodbThroughGatewayEndpoint(result)];
}

/** NAT-egress: functions reach the internet only through NAT then IGW, and DynamoDB through the endpoint, not NAT. */
function natEgressIntent(result: ReachabilityResult): string[] {
  const functionSubnets = new Set(result.functions.flatMap((fn) => fn.subnets.map((s) => s.subnet)));
  return [
    ...(result.functions.length === 0 ? ['no VPC-attached function'] : []),
    ...result.functions.flatMap((fn) => fn.destinations.internet.paths.flatMap((p) => {
      const nat = p.path.findIndex(isNat);
      const last = p.path[p.path.length - 1]!;
      if (!p.reachable) return [`${where(fn, p)} does not reach the internet: ${p.reason}`];
      if (!(p.via === 'nat-gateway' || p.via === 'nat-instance') || nat < 0 || !last.startsWith('aws_internet_gateway.')) {
        return [`${where(fn, p)} reaches the internet via ${p.via} (${p.path.join(' > ')}), not NAT then IGW`];
      }
      return [];
    })),
    // "Only": no table of a function subnet sends 0.0.0.0/0 anywhere but to a NAT.
    ...result.internetRoutes.filter((r) => r.subnets.some((s) => functionSubnets.has(s)) && !['nat-gateway', 'network-interface'].includes(r.targetKind))
      .map((r) => `${r.route} sends a function subnet's 0.0.0.0/0 to ${r.target} (${r.targetKind}), not a NAT`),
    ...dynamodbThroughGatewayEndpoint(result),
  ];
}

/**
 * PrivateLink: the caller reaches the Lambda API through the interface endpoint, nothing reaches the internet,
 * and the on-premises CIDRs reach the endpoint on 443 only (and the endpoint policy names principals, not `*`).
 */
function privatelinkIntent(result: ReachabilityResult, onPremises: string[]): string[] {
  const lambdaEndpoints = result.endpoints.filter((e) => e.service === 'lambda');
  const endpoint = lambdaEndpoints[0];
  if (!endpoint || lambdaEndpoints.length !== 1) return [`expected one Lambda interface endpoint, found ${lambdaEndpoints.length}`];
  return [
    ...(result.functions.length === 0 ? ['no VPC-attached caller'] : []),
    ...result.functions.flatMap((fn) => fn.destinations['lambda-api'].paths.flatMap((p) => {
      if (!p.reachable) return [`${where(fn, p)} does not reach the Lambda API: ${p.reason}`];
      if (p.via !== 'interface-endpoint' || p.path[p.path.length - 1] !== endpoint.endpoint) return [`${where(fn, p)} reaches the Lambda API via ${p.via}, not ${endpoint.endpoint}`];
      return p.policyAllows ? [] : [`the endpoint policy does not allow ${fn.role} to invoke`];
    })),
    ...noInternet(result),
    ...(endpoint.privateDns ? [] : [`${endpoint.endpoint} has private DNS off`]),
    ...endpoint.admits.cidrs.filter((cidr) => !onPremises.includes(cidr)).map((cidr) => `${endpoint.endpoint} admits ${cidr}, which is not an on-premises CIDR`),
    ...onPremises.filter((cidr) => !endpoint.admits.cidrs.includes(cidr)).map((cidr) => `${endpoint.endpoint} does not admit on-premises ${cidr} on 443`),
    ...endpoint.admits.rules.filter((r) => onPremises.includes(r.source) && !(r.protocol === 'tcp' && r.fromPort === 443 && r.toPort === 443))
      .map((r) => `${r.rule} admits ${r.source} on ${r.protocol} ${r.fromPort ?? 'all'}-${r.toPort ?? 'all'}, not 443 only`),
    ...(endpoint.open ? [`${endpoint.endpoint} policy allows principal "*"`] : []),
  ];
}

describe('variant intents, over every stack of every environment', () => {
  it('covers three variants in every environment', () => {
    const environments = environmentApps().length;
    expect(environments).toBeGreaterThanOrEqual(3);
    for (const variant of ['private-only', 'nat-egress', 'privatelink']) expect(stacksOf(variant)).toHaveLength(environments);
    expect(Object.keys(analyses)).toHaveLength(3 * environments);
  });

  it.each(stacksOf('private-only'))('%s: no function reaches the internet and every function reaches DynamoDB through the gateway endpoint', (name) => {
    expect(privateOnlyIntent(analyses[name]!)).toEqual([]);
  });

  it.each(stacksOf('nat-egress'))('%s: functions reach the internet only through NAT then IGW, and DynamoDB through the endpoint, not NAT', (name) => {
    expect(natEgressIntent(analyses[name]!)).toEqual([]);
  });

  it.each(stacksOf('privatelink'))('%s: the caller reaches the Lambda API through the interface endpoint, nothing reaches the internet, on-premises CIDRs reach the endpoint on 443 only', (name) => {
    expect(privatelinkIntent(analyses[name]!, onPremisesCidrs[name]!)).toEqual([]);
  });
});

/** A deep copy of a real stack, to change. */
const copyOf = (name: string): Record<string, any> => structuredClone(stacks[name]) as Record<string, any>;
const analyze = (name: string, json: Record<string, any>) => analyzeReachability(name, json as TerraformJson);
const refTo = (address: string, attribute = 'id') => `\${${address}.${attribute}}`;
const nameOf = (address: string) => address.slice(address.indexOf('.') + 1);

describe('mutations the analyzer must report', () => {
  it.each(stacksOf('private-only'))('%s: a new internet gateway and 0.0.0.0/0 route in a function subnet appear in internetRoutes and fail the intent', (name) => {
    const before = analyses[name]!;
    const fn = before.functions[0]!;
    const table = fn.subnets[0]!.routeTable!;
    const json = copyOf(name);
    json.resource.aws_internet_gateway = { intruder: { vpc_id: refTo(fn.vpc!) } };
    json.resource.aws_route = { ...json.resource.aws_route, intruder: { route_table_id: refTo(table), destination_cidr_block: '0.0.0.0/0', gateway_id: refTo('aws_internet_gateway.intruder') } };
    const after = analyze(name, json);

    expect(before.internetRoutes).toEqual([]);
    expect(after.internetRoutes).toEqual([{
      route: 'aws_route.intruder', routeTable: table, destination: '0.0.0.0/0', target: 'aws_internet_gateway.intruder', targetKind: 'internet-gateway',
      subnets: [fn.subnets[0]!.subnet],
    }]);
    // A Lambda ENI has no public IP, so the function itself still cannot get out, and the analyzer says why.
    const path = after.functions[0]!.destinations.internet.paths[0]!;
    expect(path).toMatchObject({ reachable: false, via: 'internet-gateway' });
    expect(path.path).toEqual(expect.arrayContaining(['aws_route.intruder', 'aws_internet_gateway.intruder']));
    expect(path.reason).toMatch(/a Lambda ENI has no public IP/);
    expect(privateOnlyIntent(after)).toEqual([`aws_route.intruder in ${table} routes 0.0.0.0/0 to aws_internet_gateway.intruder (internet-gateway)`]);
  });

  it.each(stacksOf('privatelink'))('%s: opening the endpoint security group to 0.0.0.0/0 shows in admits.cidrs and fails the intent', (name) => {
    const before = analyses[name]!.endpoints[0]!;
    const json = copyOf(name);
    json.resource.aws_vpc_security_group_ingress_rule.intruder = {
      security_group_id: refTo(before.securityGroups[0]!), cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443,
    };
    const after = analyze(name, json);

    expect(before.admits.cidrs).not.toContain('0.0.0.0/0');
    expect(after.endpoints[0]!.admits.cidrs).toEqual([...before.admits.cidrs, '0.0.0.0/0']);
    expect(privatelinkIntent(after, onPremisesCidrs[name]!)).toEqual([`${before.endpoint} admits 0.0.0.0/0, which is not an on-premises CIDR`]);
  });

  it.each(stacksOf('private-only'))('%s: dropping a route-table association loses the gateway-endpoint path to DynamoDB (no route table)', (name) => {
    const fn = analyses[name]!.functions[0]!;
    const subnet = fn.subnets[0]!.subnet;
    const json = copyOf(name);
    const associations = json.resource.aws_route_table_association as Record<string, any>;
    const dropped = Object.keys(associations).filter((key) => associations[key].subnet_id === refTo(subnet));
    expect(dropped).toHaveLength(1);
    delete associations[dropped[0]!];
    const after = analyze(name, json).functions[0]!;

    expect(fn.destinations.dynamodb.reachable).toBe(true);
    expect(after.destinations.dynamodb.reachable).toBe(false);
    expect(after.subnets[0]!.routeTable).toBe(`${fn.vpc} (main route table)`);
    const lost = after.destinations.dynamodb.paths[0]!;
    expect(lost).toMatchObject({ subnet, reachable: false });
    expect(lost.via).toBeUndefined();
    expect(lost.reason).toMatch(/^no route table: /);
    // The other AZs keep their endpoint path.
    expect(after.destinations.dynamodb.paths.slice(1).every((p) => p.reachable && p.via === 'gateway-endpoint')).toBe(true);
    expect(privateOnlyIntent(analyze(name, json))).toEqual([`${fn.function} from ${subnet} does not reach DynamoDB: ${lost.reason}`]);
  });

  it.each(stacksOf('privatelink'))('%s: widening the endpoint policy to Principal "*" shows in principals and fails the intent', (name) => {
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
    expect(privatelinkIntent(after, onPremisesCidrs[name]!)).toEqual([`${before.endpoint} policy allows principal "*"`]);
  });

  it.each(stacksOf('nat-egress'))('%s: taking the private tables off the DynamoDB endpoint sends DynamoDB through NAT, which fails the intent', (name) => {
    const json = copyOf(name);
    for (const endpoint of Object.values(json.resource.aws_vpc_endpoint as Record<string, any>)) endpoint.route_table_ids = [];
    const after = analyze(name, json);
    expect(after.functions[0]!.destinations.dynamodb.paths.every((p) => p.reachable && (p.via === 'nat-gateway' || p.via === 'nat-instance'))).toBe(true);
    expect(natEgressIntent(after)).toEqual(after.functions[0]!.destinations.dynamodb.paths.map((p) => `${where(after.functions[0]!, p)} reaches DynamoDB via ${p.via}, not the gateway endpoint`));
  });
});
