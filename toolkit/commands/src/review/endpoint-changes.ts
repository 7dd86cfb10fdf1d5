// Who each endpoint lets in, before and after a change: the callers an interface endpoint's security groups admit
// on 443 (CIDRs and groups), the principals its policy allows, the route tables a gateway endpoint serves and the
// principals its policy allows, the CIDRs a Route 53 Resolver endpoint admits on 53. New and removed endpoints too.
import type {
  GatewayEndpointReport,
  InterfaceEndpointReport,
  ReachabilityResult,
  ResolverEndpointReport,
} from '@lambda-vpc/reachability';

const code = (text: string): string => `\`${text}\``;
const list = (values: readonly string[]): string => values.map(code).join(', ') || 'nothing';

/** The members of `after` not in `before`, and of `before` not in `after`. */
function delta(before: readonly string[], after: readonly string[]): { more: string[]; fewer: string[] } {
  return { more: after.filter((v) => !before.includes(v)), fewer: before.filter((v) => !after.includes(v)) };
}

/** One set an endpoint reports, named for the lines. */
interface Facet<E> {
  /** `admits new callers` */
  readonly more: string;
  /** `no longer admits on 443` */
  readonly fewer: string;
  readonly values: (endpoint: E) => readonly string[];
}

/** Endpoints of one kind matched by address: new, removed, and each facet's differences. */
function endpointKindChanges<E extends { readonly endpoint: string }>(
  kind: string,
  before: readonly E[],
  after: readonly E[],
  facets: readonly Facet<E>[],
  describe: (endpoint: E) => string,
): string[] {
  const lines: string[] = [];
  for (const endpoint of after) {
    const was = before.find((e) => e.endpoint === endpoint.endpoint);
    if (!was) {
      lines.push(`new ${kind} ${code(endpoint.endpoint)} (${describe(endpoint)})`);
      continue;
    }
    for (const facet of facets) {
      const { more, fewer } = delta(facet.values(was), facet.values(endpoint));
      if (more.length > 0) lines.push(`${kind} ${code(endpoint.endpoint)} ${facet.more}: ${list(more)}`);
      if (fewer.length > 0) lines.push(`${kind} ${code(endpoint.endpoint)} ${facet.fewer}: ${list(fewer)}`);
    }
  }
  for (const endpoint of before) {
    if (!after.some((e) => e.endpoint === endpoint.endpoint))
      lines.push(`${kind} ${code(endpoint.endpoint)} removed (was ${describe(endpoint)})`);
  }
  return lines;
}

/** `*` for a policy open to everyone, else the principals it names. */
const principals = (endpoint: { readonly open: boolean; readonly principals: readonly string[] }): string[] =>
  endpoint.open ? distinct(['*', ...endpoint.principals]) : [...endpoint.principals];
const distinct = (values: readonly string[]): string[] => [...new Set(values)];

const INTERFACE_FACETS: readonly Facet<InterfaceEndpointReport>[] = [
  {
    more: 'admits new callers on 443',
    fewer: 'no longer admits on 443',
    values: (e) => [...e.admits.cidrs, ...e.admits.securityGroups],
  },
  { more: 'allows new principals', fewer: 'no longer allows principals', values: principals },
  { more: 'allows new resources', fewer: 'no longer allows resources', values: (e) => e.resources },
];

const GATEWAY_FACETS: readonly Facet<GatewayEndpointReport>[] = [
  { more: 'serves new route tables', fewer: 'no longer serves route tables', values: (e) => e.routeTables },
  { more: 'allows new principals', fewer: 'no longer allows principals', values: principals },
  { more: 'allows new resources', fewer: 'no longer allows resources', values: (e) => e.resources },
];

const RESOLVER_FACETS: readonly Facet<ResolverEndpointReport>[] = [
  { more: 'admits new callers on TCP 53', fewer: 'no longer admits on TCP 53', values: (e) => e.admits.tcp },
  { more: 'admits new callers on UDP 53', fewer: 'no longer admits on UDP 53', values: (e) => e.admits.udp },
];

/** Every endpoint change from `before` to `after` (either may be absent: a stack added or removed), one line each. */
export function endpointChanges(
  before: ReachabilityResult | undefined,
  after: ReachabilityResult | undefined,
): string[] {
  return [
    ...endpointKindChanges(
      'interface endpoint',
      before?.endpoints ?? [],
      after?.endpoints ?? [],
      INTERFACE_FACETS,
      (e) =>
        `${e.service}: admits ${list([...e.admits.cidrs, ...e.admits.securityGroups])}; allows ${list(principals(e))}`,
    ),
    ...endpointKindChanges(
      'gateway endpoint',
      before?.gatewayEndpoints ?? [],
      after?.gatewayEndpoints ?? [],
      GATEWAY_FACETS,
      (e) => `${e.service}: serves ${list(e.routeTables)}; allows ${list(principals(e))}`,
    ),
    ...endpointKindChanges(
      'resolver endpoint',
      before?.resolverEndpoints ?? [],
      after?.resolverEndpoints ?? [],
      RESOLVER_FACETS,
      (e) => `${e.direction}: admits ${list(distinct([...e.admits.tcp, ...e.admits.udp]))} on 53`,
    ),
  ];
}
