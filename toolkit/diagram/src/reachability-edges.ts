// The edges that say where traffic gets through, drawn from reachability's result rather than worked out again:
// each function's reachable paths, to the first thing past its subnet's route table; the networks outside the VPC
// that endpoints admit; and the functions an endpoint policy lets callers invoke. A path the function's own
// security groups allow but something further on blocks is noted with reachability's reason, not drawn, because
// the diagram shows traffic that can flow, not intentions. A path whose outcome is unknown (it leaves the stack
// where the analysis cannot follow) is drawn apart, to the hop where the analysis stops, so it reads as neither.
import { AdmitRule, Reach, ReachabilityResult } from '@lambda-vpc/reachability';
import { Ipv4Cidr } from '@lambda-vpc/stack-model';
import { ModelBuilder } from './builder';
import { byString } from './model';

/** `tcp 443`: the flow a destination traced. */
function flowLabel(reach: Reach): string {
  return reach.protocol && reach.port !== undefined ? `${reach.protocol} ${reach.port}` : '';
}

/**
 * Edges from each function ENI to the next hop of every path reachability finds reachable from that subnet (a NAT,
 * a gateway endpoint, an interface endpoint's ENI), over the named destinations and every interface endpoint.
 */
export function addReachablePaths(builder: ModelBuilder, result: ReachabilityResult): void {
  for (const fn of result.functions) {
    for (const [destination, reach] of [...Object.entries(fn.destinations), ...Object.entries(fn.interfaceEndpoints)]) {
      for (const path of reach.paths) {
        const from = `${fn.function}@${path.subnet}`;
        if (!builder.hasNode(from)) continue;
        if (path.verdict === 'no') {
          if (path.egressAllowed)
            builder.note(fn.function, `${destination} from ${path.subnet}: ${path.reason}; not drawn`);
          continue;
        }
        const hop = path.nextHop;
        const to = hop?.subnet ? `${hop.address}@${hop.subnet}` : hop?.address;
        // The IPv6 internet's path is told apart from the IPv4 one, which may share none of its hops.
        const label = destination === 'internet-ipv6' ? `${flowLabel(reach)} IPv6` : flowLabel(reach);
        if (path.verdict === 'unknown') {
          // A target outside the stack (a literal tgw-... ID) is drawn as an external node.
          const node = to ? [to, `external:${to}`].find((id) => builder.hasNode(id)) : undefined;
          const stop = `unknown: leaves via ${path.stoppedAt}`;
          if (node) builder.edge(from, node, 'unknown', `${label} ${stop}`.trim());
          else builder.note(fn.function, `${destination} from ${path.subnet}: ${stop} (${path.reason}); not drawn`);
          continue;
        }
        if (to && builder.hasNode(to)) builder.edge(from, to, 'path', label);
      }
    }
  }
}

/**
 * The rules that admit `cidr`, to name in a note; the endpoint itself when none names it alone (a prefix list entry).
 */
function admittedBy(rules: readonly AdmitRule[], cidr: string, endpoint: string): string[] {
  const named = rules.filter((rule) => rule.source === cidr).map((rule) => rule.rule);
  return named.length > 0 ? named : [endpoint];
}

/**
 * Networks outside the VPC that interface and Resolver endpoints admit (on-premises, peered), as nodes with edges
 * into each of the endpoint's ENIs, labelled with the flow admitted (`tcp 443`, `tcp 53, udp 53`).
 */
export function addOutsideCallers(builder: ModelBuilder, result: ReachabilityResult): void {
  const endpoints = [
    ...result.endpoints.map((e) => ({
      endpoint: e.endpoint,
      rules: e.admits.rules,
      flows: [{ label: `tcp ${e.admits.port}`, cidrs: e.admits.cidrs }],
    })),
    ...result.resolverEndpoints.map((e) => ({
      endpoint: e.endpoint,
      rules: e.admits.rules,
      flows: [
        { label: `tcp ${e.admits.port}`, cidrs: e.admits.tcp },
        { label: `udp ${e.admits.port}`, cidrs: e.admits.udp },
      ],
    })),
  ];
  for (const { endpoint, rules, flows } of endpoints) {
    for (const eni of builder.enis.filter((candidate) => candidate.owner === endpoint)) {
      for (const { label, cidrs } of flows) {
        for (const cidr of cidrs) {
          if (cidrContains(eni.subnet.vpcCidr, cidr)) {
            admittedBy(rules, cidr, endpoint).forEach((address) =>
              builder.note(address, `admits ${cidr}, inside the VPC; not drawn as a caller`),
            );
            continue;
          }
          const source =
            cidr === '0.0.0.0/0'
              ? builder.internet()
              : builder.node({ id: `cidr:${cidr}`, kind: 'on-premises', label: `on-premises / peered\n${cidr}` });
          builder.edge(source, eni.node, 'path', label);
        }
      }
    }
  }
}

/** A function's address at the start of a policy resource (`aws_lambda_function.target`, `...:*` for its versions). */
const FUNCTION_ADDRESS = /^aws_lambda_function\.[A-Za-z0-9_-]+(?![A-Za-z0-9_-])/;

/** Edges from an endpoint to the functions its policy lets callers invoke (PrivateLink to Lambda). */
export function addInvokeGrants(builder: ModelBuilder, result: ReachabilityResult): void {
  for (const endpoint of [...result.endpoints, ...result.gatewayEndpoints]) {
    if (endpoint.policy === 'unreadable') {
      builder.note(endpoint.endpoint, 'its policy is not literal JSON; invoke grants not drawn');
      continue;
    }
    const sources = builder.enis.filter((eni) => eni.owner === endpoint.endpoint).map((eni) => eni.node);
    for (const grant of endpoint.grants) {
      const actions = grant.actions.filter((action) => /^lambda:/i.test(action)).sort(byString);
      if (actions.length === 0) continue;
      for (const resource of grant.resources) {
        const fn = FUNCTION_ADDRESS.exec(resource)?.[0];
        if (!fn) continue;
        // Invoking a VPC-attached function does not enter through its ENIs, which are only its way out.
        if (!builder.hasNode(fn)) {
          builder.note(
            endpoint.endpoint,
            `grants ${actions.join(', ')} on ${fn}, which is attached to the VPC; not drawn`,
          );
          continue;
        }
        for (const source of sources.length > 0 ? sources : [endpoint.endpoint])
          builder.edge(source, fn, 'invoke', actions.join(', '));
      }
    }
  }
}

/** Whether IPv4 block `inner` lies within `outer`; false when either is not an IPv4 CIDR. */
function cidrContains(outer: string, inner: string): boolean {
  const [a, b] = [Ipv4Cidr.read(outer), Ipv4Cidr.read(inner)];
  return a !== undefined && b !== undefined && a.contains(b);
}
