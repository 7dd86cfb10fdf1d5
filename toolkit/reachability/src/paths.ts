import { StackResource } from '@lambda-vpc/stack-model';
import { DestinationFlow } from './destinations';
import { Route, routesOf, routeTableFor } from './route-tables';
import { selectRoute, undecidedRoute } from './routing';
import { egressRule, ingressRule, undecidedEgressRule } from './security-groups';
import { describeFlow, Flow } from './targets';
import { FunctionContext, Source, sourceTarget, Trace } from './trace';
import { leaveVpc } from './boundary';
import { SubnetReach } from './types';
import { followNat } from './nat';

/**
 * Traces one flow from one of the function's subnets: the function's security group egress, its subnet's ACL,
 * the subnet's route table (longest prefix match), then whatever the chosen route leads to. Every check runs,
 * so the result names every reason a path is blocked, not just the first.
 */
export function traceFromSubnet(
  trace: Trace,
  ctx: FunctionContext,
  subnet: StackResource,
  destination: DestinationFlow,
): SubnetReach {
  const { model, rules } = trace.env;
  destination.notes.forEach((note) => trace.note(note));
  const flow = destination.flow;
  if (!flow) {
    trace.block(destination.problem ?? 'no flow');
    return trace.result(subnet);
  }
  const cidr = model.subnetCidr(subnet);
  if (!cidr) {
    trace.stopAt(subnet.address, `${subnet.address} has no literal cidr_block to analyze`);
    return trace.result(subnet);
  }
  const source: Source = { subnet, cidr, groups: ctx.groups };
  ctx.groups.forEach((group) => trace.hop(group));
  const targetGroups = flow.target.kind === 'endpoint' ? flow.target.groups : [];
  trace.egressAllowed =
    egressRule(rules, ctx.groups, flow.target, flow.protocol, flow.port, targetGroups) !== undefined;
  const openRule = trace.egressAllowed ? undefined : undecidedEgressRule(model, ctx.groups, flow.protocol, flow.port);
  if (openRule) {
    trace.stopAt(
      openRule,
      `security group egress: ${openRule} has a block that is not literal: it may allow ${describeFlow(flow)}`,
    );
  } else if (!trace.egressAllowed) {
    const groups = ctx.groups.length > 0 ? ctx.groups.join(', ') : '(no security group)';
    trace.block(`security group egress: no rule of ${groups} allows ${describeFlow(flow)}`);
  }
  if (flow.target.kind !== 'endpoint' || flow.target.subnet !== subnet) trace.leaveSubnet(subnet, flow.target, flow);

  const choice = routeTableFor(model, subnet);
  trace.hop(choice.key);
  const routes = routesOf(model, choice);
  const route = selectRoute(routes, flow.target);
  const undecided = route ? undefined : undecidedRoute(routes, flow.target);
  if (undecided) {
    trace.stopAt(choice.key, undecided);
    return trace.result(subnet);
  }
  if (!route) {
    trace.block(
      choice.how === 'implicit-main'
        ? `no route table: ${subnet.address} has no aws_route_table_association and no main route table is declared, ` +
            `so it falls to the VPC's implicit main table, which holds only the local route`
        : `no route in ${choice.key} matches ${flow.target.label}`,
    );
    return trace.result(subnet);
  }
  if (route.address) trace.hop(route.address);
  trace.nextHop =
    route.targetKind === 'local' && flow.target.kind === 'endpoint'
      ? { address: flow.target.endpoint.address, subnet: flow.target.subnet.address }
      : { address: route.target };
  followRoute(trace, ctx, route, flow, source, destination);
  return trace.result(subnet);
}

/** Where the route chosen in the function's subnet leads. */
function followRoute(
  trace: Trace,
  ctx: FunctionContext,
  route: Route,
  flow: Flow,
  source: Source,
  destination: DestinationFlow,
): void {
  const { model } = trace.env;
  switch (route.targetKind) {
    case 'local':
      trace.via = 'local';
      trace.hop(route.target);
      arriveLocally(trace, ctx, flow, source, destination);
      return;
    case 'internet-gateway':
      trace.via = 'internet-gateway';
      trace.hop(route.target);
      trace.block(
        `a Lambda ENI has no public IP: the route ${route.label} to ${route.target} from ${source.subnet.address} ` +
          `gives the function no internet access`,
      );
      return;
    case 'nat-gateway':
    case 'network-interface':
      followNat(trace, route, flow, source, destination);
      return;
    case 'gateway-endpoint':
      trace.via = 'gateway-endpoint';
      trace.hop(route.target);
      if (route.targetResource)
        trace.checkPolicy(
          route.targetResource,
          ctx.role,
          destination.policyAction ?? defaultAction(model.serviceOf(route.targetResource)),
        );
      return;
    default:
      leaveVpc(trace, route, flow, destination);
  }
}

/** The local route: an interface endpoint's ENI, or an address in the VPC. */
function arriveLocally(
  trace: Trace,
  ctx: FunctionContext,
  flow: Flow,
  source: Source,
  destination: DestinationFlow,
): void {
  const { model, rules } = trace.env;
  const target = flow.target;
  if (target.kind === 'endpoint') {
    if (target.subnet !== source.subnet) trace.enterSubnet(target.subnet, sourceTarget(source), flow);
    target.groups.forEach((group) => trace.hop(group));
    if (!ingressRule(rules, target.groups, source, flow.protocol, flow.port)) {
      trace.block(
        `security group ingress of ${target.endpoint.address}: no rule of ${target.groups.join(', ')} admits ` +
          `${flow.protocol}/${flow.port} from ${[...source.groups, source.cidr.toString()].join(' or ')}`,
      );
    }
    trace.hop(target.endpoint.address);
    trace.via = 'interface-endpoint';
    trace.checkPolicy(
      target.endpoint,
      ctx.role,
      destination.policyAction ?? defaultAction(model.serviceOf(target.endpoint)),
    );
    return;
  }
  if (target.kind === 'address') {
    const landing = ctx.vpc ? model.subnetContaining(ctx.vpc, target.cidr) : undefined;
    if (landing && landing !== source.subnet) {
      trace.hop(landing.address);
      trace.enterSubnet(landing, sourceTarget(source), flow);
    }
    trace.note(`the security groups of whatever listens at ${target.label} are not known to the analyzer`);
  }
}

/** The action checked at an endpoint when the destination names none: invoking, for Lambda; anything, otherwise. */
function defaultAction(service: string): string {
  return service === 'lambda' ? 'lambda:InvokeFunction' : `${service}:*`;
}
