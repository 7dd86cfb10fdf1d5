import { DestinationFlow } from './destinations';
import { Route } from './route-tables';
import { Flow } from './targets';
import { Trace } from './trace';

/**
 * A route out of the VPC to something other than an internet gateway or NAT (transit gateway, VPN gateway,
 * peering connection, Gateway Load Balancer endpoint): the path ends at the stack's edge. For a queried CIDR
 * that counts as reaching it (noted); for the internet or an AWS service it does not, since what lies beyond
 * is unknown here.
 */
export function leaveVpc(trace: Trace, route: Route, flow: Flow, destination: DestinationFlow): void {
  const kind = route.targetKind;
  trace.via ??=
    kind === 'transit-gateway' ||
    kind === 'vpn-gateway' ||
    kind === 'vpc-peering' ||
    kind === 'vpc-endpoint' ||
    kind === 'network-interface'
      ? kind
      : 'other';
  trace.hop(route.target);
  if (destination.boundaryReaches)
    trace.note(`leaves the VPC through ${route.target} (${kind}): what lies beyond it is outside this stack`);
  else
    trace.block(
      `${route.label} sends it to ${route.target} (${kind}): whether that reaches ${flow.target.label} is outside ` +
        `this stack`,
    );
}

/** Whether the flow is headed for private address space, which an internet gateway does not carry. */
export function isPrivateTarget(flow: Flow): boolean {
  return flow.target.kind === 'address' && flow.target.cidr.isPrivate;
}
