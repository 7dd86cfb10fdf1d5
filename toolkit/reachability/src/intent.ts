import { NetworkIntent } from '@lambda-vpc/stack-model';
import { DestinationName, FunctionReachability, ReachabilityResult, SubnetReach } from './types';

/**
 * A hop that is a NAT: a NAT gateway, a NAT instance, or the auto scaling group that keeps a self-healing NAT instance
 * (the path reaches the group through the static interface it attaches).
 */
const isNat = (hop: string): boolean =>
  hop.startsWith('aws_nat_gateway.') || hop.startsWith('aws_instance.') || hop.startsWith('aws_autoscaling_group.');
const where = (fn: FunctionReachability, path: SubnetReach): string => `${fn.function} from ${path.subnet}`;
const lastHop = (path: SubnetReach): string | undefined => path.path[path.path.length - 1];

/** Why a path that should reach `what` does not: blocked (`no`), or not known to (`unknown`, with the hop). */
const notReached = (fn: FunctionReachability, path: SubnetReach, what: string): string =>
  path.verdict === 'unknown'
    ? `${where(fn, path)} is not known to reach ${what}: the analysis stops at ${path.stoppedAt}: ${path.reason}`
    : `${where(fn, path)} does not reach ${what}: ${path.reason}`;

/** What a path toward a destination that must stay closed does: reaches it, or may (stopping at a hop). */
const opened = (fn: FunctionReachability, path: SubnetReach, what: string): string =>
  path.verdict === 'unknown'
    ? `${where(fn, path)} may reach ${what}: unknown, the path leaves through ${path.stoppedAt} (${path.via})`
    : `${where(fn, path)} reaches ${what} via ${path.via}`;

/**
 * Where a stack's analysed paths break its variant's {@link NetworkIntent}: one line per broken promise, naming the
 * function, subnet, hop or endpoint. Empty when the stack keeps every promise. A stack whose intent promises paths
 * for its functions must have at least one VPC-attached function, or there is nothing to hold to the promise.
 */
export function intentViolations(result: ReachabilityResult, intent: NetworkIntent): string[] {
  return [
    ...(result.functions.length === 0 ? ['no VPC-attached function'] : []),
    ...(intent.internet === 'none' ? noInternet(result) : internetOnlyThroughNat(result)),
    ...(intent.dynamodb === 'gateway-endpoint' ? dynamodbThroughGatewayEndpoint(result) : []),
    ...(intent.lambdaApi === 'interface-endpoint' ? lambdaApiThroughInterfaceEndpoint(result) : []),
  ];
}

/**
 * The functions that call `destination`: those whose security group lets them out toward it from some subnet. An
 * intent says how a path goes, not that every function takes it: a team's function that calls only its table has no
 * egress toward the internet or the Lambda API, and is held to nothing there. A caller whose path breaks (a route,
 * an endpoint policy) is still reported.
 */
const callers = (result: ReachabilityResult, destination: DestinationName): FunctionReachability[] =>
  result.functions.filter((fn) => fn.destinations[destination].paths.some((p) => p.egressAllowed !== false));

/**
 * No function reaches the internet over IPv4 or IPv6, not even possibly (a path that leaves through a hop the analysis
 * cannot follow), and no route table routes 0.0.0.0/0 or ::/0 anywhere.
 */
function noInternet(result: ReachabilityResult): string[] {
  return [
    ...result.functions.flatMap((fn) =>
      fn.destinations.internet.paths.filter((p) => p.verdict !== 'no').map((p) => opened(fn, p, 'the internet')),
    ),
    ...result.functions.flatMap((fn) =>
      fn.destinations['internet-ipv6'].paths
        .filter((p) => p.verdict !== 'no')
        .map((p) => opened(fn, p, 'the IPv6 internet')),
    ),
    ...result.internetRoutes.map(
      (r) => `${r.route} in ${r.routeTable} routes ${r.destination} to ${r.target} (${r.targetKind})`,
    ),
  ];
}

/**
 * Every function reaches the IPv4 internet through a NAT then an internet gateway (`unknown` fails, naming the hop
 * where the analysis stops), and no function subnet routes it elsewhere. IPv6 needs no NAT: a function that reaches
 * the IPv6 internet does so through an egress-only internet gateway (which admits nothing from outside), and a
 * function subnet's ::/0 goes nowhere else.
 */
function internetOnlyThroughNat(result: ReachabilityResult): string[] {
  const functionSubnets = new Set(result.functions.flatMap((fn) => fn.subnets.map((s) => s.subnet)));
  return [
    ...callers(result, 'internet').flatMap((fn) =>
      fn.destinations.internet.paths.flatMap((p) => {
        if (p.verdict !== 'yes') return [notReached(fn, p, 'the internet')];
        const throughNat = (p.via === 'nat-gateway' || p.via === 'nat-instance') && p.path.some(isNat);
        if (!throughNat || !lastHop(p)?.startsWith('aws_internet_gateway.')) {
          return [`${where(fn, p)} reaches the internet via ${p.via} (${p.path.join(' > ')}), not NAT then IGW`];
        }
        return [];
      }),
    ),
    ...callers(result, 'internet-ipv6').flatMap((fn) =>
      fn.destinations['internet-ipv6'].paths.flatMap((p) =>
        p.verdict !== 'no' && p.via !== 'egress-only-internet-gateway'
          ? [`${opened(fn, p, 'the IPv6 internet')}, not an egress-only internet gateway`]
          : [],
      ),
    ),
    // "Only": no table of a function subnet sends 0.0.0.0/0 anywhere but to a NAT, nor ::/0 anywhere but to an
    // egress-only internet gateway.
    ...result.internetRoutes
      .filter((r) => r.subnets.some((s) => functionSubnets.has(s)))
      .flatMap((r) =>
        r.destination === '::/0'
          ? r.targetKind === 'egress-only-internet-gateway'
            ? []
            : [`${r.route} sends a function subnet's ::/0 to ${r.target} (${r.targetKind}), not an egress-only gateway`]
          : ['nat-gateway', 'network-interface'].includes(r.targetKind)
            ? []
            : [`${r.route} sends a function subnet's 0.0.0.0/0 to ${r.target} (${r.targetKind}), not a NAT`],
      ),
  ];
}

/**
 * Every path to DynamoDB ends at the stack's DynamoDB gateway endpoint, never through a NAT, and its policy allows the
 * function.
 */
function dynamodbThroughGatewayEndpoint(result: ReachabilityResult): string[] {
  const endpoints = result.gatewayEndpoints.filter((e) => e.service === 'dynamodb').map((e) => e.endpoint);
  return callers(result, 'dynamodb').flatMap((fn) =>
    fn.destinations.dynamodb.paths.flatMap((p) => {
      if (p.verdict !== 'yes') return [notReached(fn, p, 'DynamoDB')];
      if (p.via !== 'gateway-endpoint' || !endpoints.includes(lastHop(p) ?? '')) {
        return [`${where(fn, p)} reaches DynamoDB via ${p.via}, not the gateway endpoint`];
      }
      if (p.path.some(isNat)) return [`${where(fn, p)} reaches DynamoDB through a NAT`];
      return p.policyAllows ? [] : [`the DynamoDB endpoint policy does not allow ${fn.role} (${where(fn, p)})`];
    }),
  );
}

/**
 * Every function reaches the Lambda API through the stack's one Lambda interface endpoint, whose policy allows it
 * and names its principals, with private DNS on (so the SDK's regional name resolves to it).
 */
function lambdaApiThroughInterfaceEndpoint(result: ReachabilityResult): string[] {
  const lambdaEndpoints = result.endpoints.filter((e) => e.service === 'lambda');
  const endpoint = lambdaEndpoints[0];
  if (!endpoint || lambdaEndpoints.length !== 1)
    return [`expected one Lambda interface endpoint, found ${lambdaEndpoints.length}`];
  return [
    ...callers(result, 'lambda-api').flatMap((fn) =>
      fn.destinations['lambda-api'].paths.flatMap((p) => {
        if (p.verdict !== 'yes') return [notReached(fn, p, 'the Lambda API')];
        if (p.via !== 'interface-endpoint' || lastHop(p) !== endpoint.endpoint) {
          return [`${where(fn, p)} reaches the Lambda API via ${p.via}, not ${endpoint.endpoint}`];
        }
        return p.policyAllows ? [] : [`the endpoint policy does not allow ${fn.role} to invoke`];
      }),
    ),
    ...(endpoint.privateDns ? [] : [`${endpoint.endpoint} has private DNS off`]),
    ...(endpoint.open ? [`${endpoint.endpoint} policy allows principal "*"`] : []),
  ];
}
