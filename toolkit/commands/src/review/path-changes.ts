// How a change moves each function's paths: per function and destination (the internet, DynamoDB, S3, the Lambda
// API, each interface endpoint of its VPC), the subnets that gain or lose it, take another hop to it, are allowed or
// denied by an endpoint policy on the way, or stay blocked for other reasons. Hops are named by the addresses the
// reachability report uses.
import {
  DESTINATION_NAMES,
  DestinationName,
  FunctionReachability,
  Reach,
  ReachabilityResult,
  SubnetReach,
} from '@lambda-vpc/reachability';

/**
 * What happened to one path. `unknown`: its verdict moved into or out of `unknown` (other than to `yes`, which is
 * `gained`): the analysis now stops at a hop it cannot follow, or no longer does.
 */
export type PathChangeKind = 'gained' | 'lost' | 'rerouted' | 'policy' | 'blocked-differently' | 'unknown';

/** One change of one function's path to one destination, as a report line. */
export interface PathChange {
  readonly kind: PathChangeKind;
  /** The function's name (its address without `aws_lambda_function.`). */
  readonly function: string;
  /** The destination as the line names it: `the internet`, `DynamoDB`, `` interface endpoint `<address>` ``. */
  readonly destination: string;
  /** The whole line, e.g. ``egress-probe gains the internet through `aws_nat_gateway.x` (nat-gateway)``. */
  readonly text: string;
}

const DESTINATION_LABELS: Readonly<Record<DestinationName, string>> = {
  internet: 'the internet',
  'internet-ipv6': 'the IPv6 internet',
  dynamodb: 'DynamoDB',
  s3: 'S3',
  'lambda-api': 'the Lambda API',
};

/** What a route kind is called in a sentence (`gateway endpoint`). */
const HOP_KINDS: Readonly<Record<string, string>> = {
  'internet-gateway': 'internet gateway',
  'egress-only-internet-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'nat-instance': 'NAT instance',
  'gateway-endpoint': 'gateway endpoint',
  'interface-endpoint': 'interface endpoint',
  'transit-gateway': 'transit gateway',
  'vpn-gateway': 'VPN gateway',
  'vpc-peering': 'peering connection',
  'vpc-endpoint': 'VPC endpoint',
  'network-interface': 'network interface',
};

const code = (text: string): string => `\`${text}\``;
const shortName = (address: string): string => address.replace(/^aws_lambda_function\./, '');

/** The first thing past the subnet's route table: the NAT, the endpoint, the gateway. */
function hopOf(path: SubnetReach): string {
  return path.nextHop?.address ?? path.path[path.path.length - 1] ?? 'nothing';
}

/** ` in eu-west-1a, eu-west-1b` when only some of the function's subnets are concerned; else nothing. */
function where(concerned: readonly SubnetReach[], all: number): string {
  if (concerned.length === all) return '';
  return ` in ${concerned.map((path) => path.availabilityZone ?? path.subnet).join(', ')}`;
}

const distinct = (values: readonly string[]): string[] => [...new Set(values)];
const reasonsOf = (path: SubnetReach | undefined): string[] => (path?.reason ? path.reason.split('; ') : []);

/** The changes of one destination, from the per-subnet paths on each side (none on a side without the function). */
function destinationChanges(
  fn: string,
  destination: string,
  before: Reach | undefined,
  after: Reach | undefined,
  removedHops: ReadonlySet<string>,
): PathChange[] {
  const changes: PathChange[] = [];
  const add = (kind: PathChangeKind, text: string) =>
    changes.push({ kind, function: fn, destination, text: `${fn} ${text}` });
  const old = new Map((before?.paths ?? []).map((path) => [path.subnet, path]));
  const now = after?.paths ?? [];
  const was = (path: SubnetReach) => old.get(path.subnet)?.verdict === 'yes';

  const gained = now.filter((path) => path.verdict === 'yes' && !was(path));
  if (gained.length > 0) {
    const hops = distinct(gained.map((path) => code(hopOf(path)))).join(', ');
    const kinds = distinct(gained.map((path) => path.via ?? 'route')).join(', ');
    add('gained', `gains ${destination} through ${hops}${where(gained, now.length)} (${kinds})`);
  }

  const nowBySubnet = new Map(now.map((path) => [path.subnet, path]));
  // Lost: known to get through before, not now, and not merely unknown now (reported below as such).
  const lost = [...old.values()].filter(
    (path) => path.verdict === 'yes' && !['yes', 'unknown'].includes(nowBySubnet.get(path.subnet)?.verdict ?? 'no'),
  );
  if (lost.length > 0) {
    const why = distinct(
      lost.map((path) => {
        const hop = hopOf(path);
        if (removedHops.has(hop)) return `${HOP_KINDS[path.via ?? ''] ?? 'hop'} ${code(hop)} removed`;
        const reason = reasonsOf(nowBySubnet.get(path.subnet))[0];
        return reason ?? 'the function was removed';
      }),
    ).join('; ');
    add('lost', `loses ${destination}${where(lost, old.size)} (${why})`);
  }

  unknownChanges(now, old, destination).forEach((text) => add('unknown', text));

  const kept = now.filter((path) => path.verdict === 'yes' && was(path));
  const rerouted = kept.filter((path) => hopOf(path) !== hopOf(old.get(path.subnet)!));
  if (rerouted.length > 0) {
    const hops = (side: (path: SubnetReach) => SubnetReach) =>
      distinct(rerouted.map((path) => code(hopOf(side(path))))).join(', ');
    const kinds = (side: (path: SubnetReach) => SubnetReach) =>
      distinct(rerouted.map((path) => side(path).via ?? 'route')).join(', ');
    const before = (path: SubnetReach) => old.get(path.subnet)!;
    const after = (path: SubnetReach) => path;
    add(
      'rerouted',
      `reaches ${destination} through ${hops(after)} instead of ${hops(before)}${where(rerouted, now.length)} ` +
        `(${kinds(before)} -> ${kinds(after)})`,
    );
  }

  const policyTurned = kept.filter(
    (path) => path.policyAllows !== undefined && path.policyAllows !== old.get(path.subnet)!.policyAllows,
  );
  for (const allows of [true, false]) {
    const turned = policyTurned.filter((path) => path.policyAllows === allows);
    if (turned.length === 0) continue;
    const hops = distinct(turned.map((path) => code(hopOf(path)))).join(', ');
    add('policy', `is now ${allows ? 'allowed' : 'denied'} ${destination} by the policy of ${hops}`);
  }

  // Still blocked: a check that no longer blocks is a guard gone, even while another one still holds. The reasons
  // are the first changed subnet's (they name its route table); the AZs are every subnet whose reasons changed.
  const reblocked = now
    .filter((path) => path.verdict === 'no' && old.get(path.subnet)?.verdict === 'no')
    .map((path) => {
      const previous = reasonsOf(old.get(path.subnet));
      const current = reasonsOf(path);
      return {
        path,
        gone: previous.filter((reason) => !current.includes(reason)),
        added: current.filter((reason) => !previous.includes(reason)),
      };
    })
    .filter(({ gone, added }) => gone.length + added.length > 0);
  const first = reblocked[0];
  if (first) {
    const still = `still does not reach ${destination}${where(
      reblocked.map(({ path }) => path),
      now.length,
    )}`;
    if (first.gone.length > 0) add('blocked-differently', `${still}; no longer blocked by: ${first.gone.join('; ')}`);
    if (first.added.length > 0) add('blocked-differently', `${still}; now also blocked by: ${first.added.join('; ')}`);
  }
  return changes;
}

/**
 * The subnets whose verdict became `unknown` (from yes or no), and those that were `unknown` and are now `no`, each
 * group as one line naming the hop where the analysis stops.
 */
function unknownChanges(
  now: readonly SubnetReach[],
  old: ReadonlyMap<string, SubnetReach>,
  destination: string,
): string[] {
  const became = now.filter((path) => path.verdict === 'unknown' && old.get(path.subnet)?.verdict !== 'unknown');
  const settled = now.filter((path) => path.verdict === 'no' && old.get(path.subnet)?.verdict === 'unknown');
  const stops = (paths: readonly SubnetReach[], side: (path: SubnetReach) => SubnetReach | undefined) =>
    distinct(paths.map((path) => code(side(path)?.stoppedAt ?? hopOf(path)))).join(', ');
  const was = (paths: readonly SubnetReach[]) =>
    distinct(paths.map((path) => old.get(path.subnet)?.verdict ?? 'absent')).join(', ');
  return [
    ...(became.length > 0
      ? [
          `is unknown to reach ${destination}${where(became, now.length)} (was ${was(became)}): the analysis stops ` +
            `at ${stops(became, (path) => path)} (${reasonsOf(became[0])[0]})`,
        ]
      : []),
    ...(settled.length > 0
      ? [
          `does not reach ${destination}${where(settled, now.length)} (was unknown, stopped at ` +
            `${stops(settled, (path) => old.get(path.subnet))}): ${reasonsOf(settled[0])[0]}`,
        ]
      : []),
  ];
}

/** The function's destinations: the named ones, then each interface endpoint either side reaches. */
function destinationsOf(
  before: FunctionReachability | undefined,
  after: FunctionReachability | undefined,
): { label: string; pick: (fn: FunctionReachability | undefined) => Reach | undefined }[] {
  const endpoints = distinct([
    ...Object.keys(before?.interfaceEndpoints ?? {}),
    ...Object.keys(after?.interfaceEndpoints ?? {}),
  ]).sort();
  return [
    ...DESTINATION_NAMES.map((name) => ({
      label: DESTINATION_LABELS[name],
      pick: (fn: FunctionReachability | undefined) => fn?.destinations[name],
    })),
    ...endpoints.map((endpoint) => ({
      label: `interface endpoint ${code(endpoint)}`,
      pick: (fn: FunctionReachability | undefined) => fn?.interfaceEndpoints[endpoint],
    })),
  ];
}

/**
 * Every path change of every function from `before` to `after` (either may be absent: a stack added or removed).
 * `removedAddresses` are the resources the change removed, so a path lost with its hop says so.
 */
export function pathChanges(
  before: ReachabilityResult | undefined,
  after: ReachabilityResult | undefined,
  removedAddresses: ReadonlySet<string>,
): PathChange[] {
  const functions = distinct([
    ...(before?.functions ?? []).map((fn) => fn.function),
    ...(after?.functions ?? []).map((fn) => fn.function),
  ]);
  return functions.flatMap((address) => {
    const old = before?.functions.find((fn) => fn.function === address);
    const now = after?.functions.find((fn) => fn.function === address);
    return destinationsOf(old, now).flatMap(({ label, pick }) =>
      destinationChanges(shortName(address), label, pick(old), pick(now), removedAddresses),
    );
  });
}
