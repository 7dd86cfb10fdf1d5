import { DestinationFlow } from './destinations';
import { Route } from './route-tables';
import { Flow } from './targets';
import { Trace } from './trace';
import { Via } from './types';

/**
 * A route out of the VPC to something other than an internet gateway or NAT (transit gateway, VPN gateway,
 * peering connection, Gateway Load Balancer endpoint, a network interface that is no NAT): the path ends at the
 * stack's edge. For a queried CIDR that counts as reaching it (noted); for the internet or an AWS service the
 * verdict is `unknown`, stopped at the route's target: what lies beyond it is not in this stack, so it may or may
 * not get there.
 */
export function leaveVpc(trace: Trace, route: Route, flow: Flow, destination: DestinationFlow): void {
  const kind = route.targetKind;
  trace.via ??= boundaryVia(kind);
  trace.hop(route.target);
  if (destination.boundaryReaches)
    trace.note(`leaves the VPC through ${route.target} (${kind}): what lies beyond it is outside this stack`);
  else
    trace.stopAt(
      route.target,
      `${route.label} sends it to ${route.target} (${kind}): whether that reaches ${flow.target.label} is outside ` +
        `this stack`,
    );
}

/** How a route out of the VPC is named in `via`: its target's kind, or `other`. */
export function boundaryVia(kind: string): Via {
  return kind === 'transit-gateway' ||
    kind === 'vpn-gateway' ||
    kind === 'vpc-peering' ||
    kind === 'vpc-endpoint' ||
    kind === 'network-interface'
    ? kind
    : 'other';
}

/** Whether the flow is headed for private address space, which an internet gateway does not carry. */
export function isPrivateTarget(flow: Flow): boolean {
  return flow.target.kind === 'address' && flow.target.cidr.isPrivate;
}
