// The IPv6 internet from a function's subnet. IPv6 addresses are global, so no NAT stands between a dual-stack
// subnet and the internet: the path is Lambda's own switch (ipv6_allowed_for_dual_stack), the subnet's IPv6 block, a
// security group egress rule to ::/0, and a ::/0 route to an egress-only internet gateway (or an internet gateway,
// which would also admit connections from outside). IPv4 paths are traced by paths.ts; this trace is separate
// because the rest of the analyzer matches IPv4 blocks only.
import { asList, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { boundaryVia } from './boundary';
import { networkAclFor } from './network-acls';
import { routesOf, routeTableFor } from './route-tables';
import { protocolAndPortMatch } from './security-groups';
import { HTTPS_PORT } from './targets';
import { FunctionContext, Trace } from './trace';
import { SubnetReach } from './types';

/** Every IPv6 address: the only block known to cover "the IPv6 internet". */
export const ANY_IPV6 = '::/0';

/** Whether the function asks Lambda for IPv6 on its ENIs (`vpc_config.ipv6_allowed_for_dual_stack`). */
function ipv6Allowed(fn: StackResource): boolean {
  const config = asList(fn.body.vpc_config)[0] as TerraformBlock | undefined;
  return config?.ipv6_allowed_for_dual_stack === true;
}

/** TCP 443 to the IPv6 internet from one of the function's subnets. */
export function traceIpv6Internet(trace: Trace, ctx: FunctionContext, subnet: StackResource): SubnetReach {
  const { model, rules } = trace.env;
  ctx.groups.forEach((group) => trace.hop(group));
  if (!ipv6Allowed(ctx.fn)) {
    trace.block(
      `${ctx.fn.address} has ipv6_allowed_for_dual_stack off: Lambda gives its ENIs no IPv6 traffic, so IPv6 ` +
        'destinations are unreachable whatever the routes say',
    );
  }
  if (subnet.body.ipv6_cidr_block === undefined) {
    trace.block(`${subnet.address} has no IPv6 block (ipv6_cidr_block): it is not dual-stack`);
  }
  trace.egressAllowed = rules.some(
    (rule) =>
      rule.direction === 'egress' &&
      ctx.groups.includes(rule.group) &&
      protocolAndPortMatch(rule, 'tcp', HTTPS_PORT) &&
      rule.peer.kind === 'ipv6' &&
      rule.peer.text === ANY_IPV6,
  );
  if (!trace.egressAllowed) {
    const groups = ctx.groups.length > 0 ? ctx.groups.join(', ') : '(no security group)';
    trace.block(`security group egress: no rule of ${groups} allows tcp/${HTTPS_PORT} to the IPv6 internet (::/0)`);
  }
  const acl = networkAclFor(model, subnet);
  if (acl) {
    trace.hop(acl.address);
    trace.note(`the IPv6 entries of network ACL ${acl.address} are not evaluated`);
  }

  const choice = routeTableFor(model, subnet);
  trace.hop(choice.key);
  const route = routesOf(model, choice).find((candidate) => candidate.ipv6 === ANY_IPV6);
  if (!route) {
    trace.block(`no route in ${choice.key} sends ::/0 anywhere`);
    return trace.result(subnet);
  }
  if (route.address) trace.hop(route.address);
  trace.hop(route.target);
  trace.nextHop = { address: route.target };
  if (route.targetKind === 'egress-only-internet-gateway') {
    trace.via = 'egress-only-internet-gateway';
  } else if (route.targetKind === 'internet-gateway') {
    trace.via = 'internet-gateway';
    trace.note(
      `${route.target} is an internet gateway: it also admits connections from the IPv6 internet to the subnet, ` +
        'which an egress-only internet gateway would not',
    );
  } else if (route.targetKind === 'local' || route.targetKind === 'nat-gateway') {
    trace.block(`${route.label} sends ::/0 to ${route.target} (${route.targetKind}), not to an internet gateway`);
  } else {
    // A transit gateway, VPN gateway, peering or appliance: what lies beyond it is not in this stack.
    trace.via = boundaryVia(route.targetKind);
    trace.stopAt(
      route.target,
      `${route.label} sends ::/0 to ${route.target} (${route.targetKind}): whether that reaches the IPv6 internet is ` +
        `outside this stack`,
    );
  }
  return trace.result(subnet);
}
