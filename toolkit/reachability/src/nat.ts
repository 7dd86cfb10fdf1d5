import { asList, groupAttaching, StackResource } from '@lambda-vpc/stack-model';
import { DestinationFlow } from './destinations';
import { ReachabilityModel } from './reachability-model';
import { isPrivateTarget, leaveVpc } from './boundary';
import { Route, routesOf, routeTableFor } from './route-tables';
import { selectRoute, undecidedRoute } from './routing';
import { egressRule, ingressRule } from './security-groups';
import { describeFlow, Flow } from './targets';
import { Source, sourceTarget, Trace } from './trace';

/** A NAT the route leads to, as far as its checks need it. */
interface NatHop {
  /** Its subnet: the onward route comes from that subnet's table. */
  readonly subnet?: StackResource;
  /** Why it has no public address, if it has none (only matters when the next hop is an internet gateway). */
  readonly noPublicAddress?: string;
}

/** The instance behind a network-interface route: directly, or through an ENI attached to it. */
function instanceBehind(model: ReachabilityModel, route: Route): { instance?: StackResource; eni?: StackResource } {
  const target = route.targetResource;
  if (target?.type === 'aws_instance') return { instance: target };
  if (target?.type !== 'aws_network_interface') return {};
  const attachment = model
    .all('aws_network_interface_attachment')
    .find((a) => model.refersTo(a.body.network_interface_id, target));
  const instance =
    model.resolve(attachment?.body.instance_id) ??
    model.resolve((asList(target.body.attachment)[0] as Record<string, unknown> | undefined)?.instance) ??
    model
      .all('aws_instance')
      .find((i) =>
        asList(i.body.network_interface).some((n) =>
          model.refersTo((n as Record<string, unknown>).network_interface_id, target),
        ),
      );
  return { instance, eni: target };
}

/** Whether an instance gets a public address: at launch, or from an Elastic IP on it or its interface. */
function hasPublicAddress(model: ReachabilityModel, instance: StackResource, eni?: StackResource): boolean {
  if (instance.body.associate_public_ip_address === true) return true;
  const onIt = (reference: unknown) =>
    model.refersTo(reference, instance) || (eni !== undefined && model.refersTo(reference, eni));
  return (
    model.all('aws_eip').some((eip) => onIt(eip.body.instance) || onIt(eip.body.network_interface)) ||
    model.all('aws_eip_association').some((a) => onIt(a.body.instance_id) || onIt(a.body.network_interface_id))
  );
}

function natGateway(trace: Trace, route: Route): NatHop | undefined {
  const { model } = trace.env;
  trace.via = 'nat-gateway';
  trace.hop(route.target);
  const nat = route.targetResource;
  if (!nat) {
    trace.stopAt(route.target, `NAT gateway ${route.target} is not in this stack, so its onward path is unknown`);
    return undefined;
  }
  const noPublicAddress =
    nat.body.connectivity_type === 'private'
      ? `${nat.address} is a private NAT gateway with no public address`
      : !nat.body.allocation_id
        ? `${nat.address} has no Elastic IP (allocation_id)`
        : undefined;
  return { subnet: model.resolve(nat.body.subnet_id), noPublicAddress };
}

/**
 * The NAT behind a network-interface route: an instance (directly, or through an ENI attached to it), or a static
 * interface that forwards for whatever instance attaches it (source/destination check off): a self-healing NAT
 * instance, whose auto scaling group is named when the stack has it. Undefined for any other interface.
 */
function natBehind(
  model: ReachabilityModel,
  route: Route,
): { nat: StackResource; eni?: StackResource; hops: string[]; instance?: StackResource } | undefined {
  const { instance, eni } = instanceBehind(model, route);
  if (instance) return { nat: instance, eni, hops: [instance.address], instance };
  if (!eni || eni.body.source_dest_check !== false) return undefined;
  const group = groupAttaching(model.doc, eni);
  return { nat: eni, eni, hops: [eni.address, ...(group ? [group.address] : [])] };
}

function natInstance(
  trace: Trace,
  route: Route,
  flow: Flow,
  source: Source,
  destination: DestinationFlow,
): NatHop | undefined {
  const { model, rules } = trace.env;
  const behind = natBehind(model, route);
  if (!behind) {
    // An ENI that is neither an instance's nor a NAT's (an appliance, a load balancer): the analyzer cannot see
    // past it.
    leaveVpc(trace, route, flow, destination);
    return undefined;
  }
  const { nat, eni, hops, instance } = behind;
  trace.via = 'nat-instance';
  const groups = eni
    ? asList(eni.body.security_groups).map((g) => model.securityGroupKey(g))
    : model.securityGroupsOf(nat);
  groups.forEach((group) => trace.hop(group));
  hops.forEach((hop) => trace.hop(hop));
  if ((eni ?? nat).body.source_dest_check !== false) {
    trace.block(
      `${nat.address} has source_dest_check on: it drops traffic not addressed to itself, so it cannot forward ` +
        `as a NAT`,
    );
  }
  if (!ingressRule(rules, groups, source, flow.protocol, flow.port)) {
    trace.block(
      `security group ingress of ${nat.address}: no rule of ${groups.join(', ') || '(none)'} admits ` +
        `${flow.protocol}/${flow.port} from ${[...source.groups, source.cidr.toString()].join(' or ')}`,
    );
  }
  if (!egressRule(rules, groups, flow.target, flow.protocol, flow.port)) {
    trace.block(
      `security group egress of ${nat.address}: no rule of ${groups.join(', ') || '(none)'} allows ` +
        `${describeFlow(flow)}`,
    );
  }
  trace.note(
    instance
      ? `the NAT instance's own forwarding (IP forwarding and masquerading, set up by its user data) is assumed, not ` +
          `modeled`
      : `an instance is assumed to have attached ${nat.address} and to forward through it (its user data, at boot); ` +
          `neither is modeled`,
  );
  const noPublicAddress = hasPublicAddress(model, nat, eni)
    ? undefined
    : instance
      ? `${nat.address} has no public IP (no associate_public_ip_address, aws_eip or aws_eip_association)`
      : `${nat.address} has no Elastic IP (no aws_eip or aws_eip_association on it)`;
  return { subnet: model.resolve((eni ?? nat).body.subnet_id), noPublicAddress };
}

function attached(model: ReachabilityModel, gateway: StackResource, vpc: StackResource): boolean {
  return (
    model.refersTo(gateway.body.vpc_id, vpc) ||
    model
      .all('aws_internet_gateway_attachment')
      .some((a) => model.refersTo(a.body.internet_gateway_id, gateway) && model.refersTo(a.body.vpc_id, vpc))
  );
}

/**
 * A route to a NAT gateway or NAT instance: the NAT itself (its public address; for an instance its security
 * group, source/destination check), the ACL of its subnet both ways, then the NAT subnet's own route table,
 * which must send the flow to an internet gateway attached to the VPC.
 */
export function followNat(trace: Trace, route: Route, flow: Flow, source: Source, destination: DestinationFlow): void {
  const { model } = trace.env;
  const nat =
    route.targetKind === 'nat-gateway'
      ? natGateway(trace, route)
      : natInstance(trace, route, flow, source, destination);
  if (!nat) return;
  const subnet = nat.subnet;
  if (!subnet) {
    trace.stopAt(route.target, `the NAT ${route.target} has no subnet in this stack, so its onward route is unknown`);
    return;
  }
  const [from, to] = [source.subnet.body.availability_zone, subnet.body.availability_zone];
  if (from && to && from !== to)
    trace.note(`crosses AZs (${from} to ${to}): egress from ${from} depends on ${to} and pays cross-AZ transfer`);
  if (subnet !== source.subnet) trace.enterSubnet(subnet, sourceTarget(source), flow);
  trace.leaveSubnet(subnet, flow.target, flow);
  const choice = routeTableFor(model, subnet);
  trace.hop(choice.key);
  const routes = routesOf(model, choice);
  const next = selectRoute(routes, flow.target);
  const undecided = next ? undefined : undecidedRoute(routes, flow.target);
  if (undecided) {
    trace.stopAt(choice.key, undecided);
    return;
  }
  if (!next) {
    trace.block(`the NAT's subnet ${subnet.address} has no route to ${flow.target.label} in ${choice.key}`);
    return;
  }
  if (next.address) trace.hop(next.address);
  switch (next.targetKind) {
    case 'internet-gateway': {
      trace.hop(next.target);
      if (nat.noPublicAddress) trace.block(`${nat.noPublicAddress}, so the internet gateway cannot carry its traffic`);
      if (isPrivateTarget(flow))
        trace.block(`${flow.target.label} is private address space, which an internet gateway does not carry`);
      const vpc = model.vpcOf(subnet);
      if (next.targetResource && vpc && !attached(model, next.targetResource, vpc))
        trace.block(`${next.target} is not attached to ${vpc.address}`);
      return;
    }
    case 'gateway-endpoint':
      trace.hop(next.target);
      return;
    case 'local':
      trace.hop(next.target);
      trace.block(`the NAT's route table sends ${flow.target.label} back into the VPC (${next.label})`);
      return;
    case 'nat-gateway':
    case 'network-interface':
      trace.hop(next.target);
      trace.block(`the NAT's subnet sends it on to another NAT (${next.target}); chained NATs are not followed`);
      return;
    default:
      leaveVpc(trace, next, flow, destination);
  }
}
