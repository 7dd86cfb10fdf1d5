// What each variant promises about its functions' network paths, checked over one synthesized stack with the
// reachability analyzer: the variant module's intent (intentViolations), and, beyond it, the promise in full for every
// function and every AZ.
import type { EnvironmentInput } from '@lambda-vpc/stacks';
import type { StackJson } from '@lambda-vpc/stack-model';
import { analyzeReachability, FunctionReachability, intentViolations, SubnetReach } from '@lambda-vpc/reachability';
import { variantNamed } from '@lambda-vpc/stacks';

const where = (fn: FunctionReachability, path: SubnetReach) => `${fn.function} from ${path.subnet}`;

/**
 * No function reaches the internet over IPv4 or IPv6 from any AZ, not even `unknown`, and no route even sends it a step
 * toward it: the flow never leaves the subnet's route table (not a path that stops somewhere out of sight).
 */
function noInternet(functions: readonly FunctionReachability[]): string[] {
  return functions.flatMap((fn) =>
    (['internet', 'internet-ipv6'] as const).flatMap((destination) =>
      fn.destinations[destination].paths.flatMap((path) =>
        path.verdict !== 'no' || path.nextHop !== undefined
          ? [
              `${where(fn, path)} has a path toward ${destination} ` +
                `(${path.verdict}, ${path.via ?? 'no route'}, ${path.path.join(' > ')})`,
            ]
          : [],
      ),
    ),
  );
}

/** Every function that calls the internet reaches it (`yes`, not `unknown`) from each of its subnets, through a NAT. */
function internetThroughNat(functions: readonly FunctionReachability[], zones: number): string[] {
  return functions.flatMap((fn) => [
    ...(fn.destinations.internet.paths.length === zones
      ? []
      : [`${fn.function} has ${fn.destinations.internet.paths.length} subnet(s) for ${zones} AZ(s)`]),
    ...fn.destinations.internet.paths.flatMap((path) =>
      path.verdict === 'yes' && (path.via === 'nat-gateway' || path.via === 'nat-instance')
        ? []
        : [
            `${where(fn, path)} does not reach the internet through a NAT (${path.verdict}` +
              `${path.stoppedAt ? ` at ${path.stoppedAt}` : ''}, ${path.via}: ${path.reason ?? 'reachable'})`,
          ],
    ),
  ]);
}

/**
 * The Lambda API only through the endpoint, and nothing else out of the VPC: no function reaches the internet,
 * DynamoDB or S3, and the endpoint admits from outside exactly the on-premises networks and remote callers configured.
 */
function onlyThroughEndpoint(
  functions: readonly FunctionReachability[],
  endpoints: ReturnType<typeof analyzeReachability>['endpoints'],
  outside: readonly string[],
): string[] {
  const lambda = endpoints.filter((endpoint) => endpoint.service === 'lambda');
  const admitted = [...new Set(lambda.flatMap((endpoint) => endpoint.admits.cidrs))].sort();
  return [
    ...noInternet(functions),
    ...functions.flatMap((fn) =>
      (['dynamodb', 's3'] as const).flatMap((destination) =>
        fn.destinations[destination].paths
          .filter((path) => path.verdict !== 'no')
          .map((path) => `${where(fn, path)} reaches ${destination} via ${path.via} (${path.verdict})`),
      ),
    ),
    ...(JSON.stringify(admitted) === JSON.stringify([...new Set(outside)].sort())
      ? []
      : [
          `the Lambda endpoint admits ${admitted.join(', ') || 'no CIDR'}; configured: ${outside.join(', ') || 'none'}`,
        ]),
  ];
}

/**
 * Where stack `name` of environment `values` breaks its variant's promise: one line each, empty when it keeps it. A
 * stack without functions (demoFunctions: false) is held to its routes alone.
 */
export function brokenPromises(name: string, json: StackJson, values: EnvironmentInput): string[] {
  const result = analyzeReachability(name, json as never);
  const variant = variantNamed(result.variant);
  if (!variant) return [`${name}: no registered variant (${result.variant})`];
  const { functions } = result;
  const violations = functions.length > 0 ? intentViolations(result, variant.intent) : [];
  const routes = result.internetRoutes
    .filter(() => variant.intent.internet === 'none')
    .map((route) => `${route.route} routes ${route.destination} to ${route.target}`);
  const zones = (values.availabilityZones as readonly string[]).length;
  const privatelink = (values.variants as { privatelink?: Record<string, unknown> }).privatelink;
  const outside = [
    ...((privatelink?.onPremisesCidrs as string[] | undefined) ?? []),
    ...((privatelink?.remoteCallers as { cidr: string }[] | undefined) ?? []).map((caller) => caller.cidr),
  ];
  const promise =
    variant.name === 'private-only'
      ? noInternet(functions)
      : variant.name === 'nat-egress'
        ? internetThroughNat(functions, zones)
        : onlyThroughEndpoint(functions, result.endpoints, outside);
  return [...violations, ...routes, ...promise].map((line) => `${name}: ${line}`);
}
