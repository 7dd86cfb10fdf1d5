// The network path between two VPCs: each caller subnet's route to each endpoint subnet, the join those routes name
// (a peering connection between exactly these VPCs, or a transit gateway both VPCs are attached to), and each endpoint
// subnet's route back over the same join. Every pair of subnets counts: Lambda places the caller in any of its
// subnets, and the endpoint's DNS name answers with the address of every one of its network interfaces.
import { asList, StackResource } from '@lambda-vpc/stack-model';
import {
  HopFindings,
  hopFrom,
  InvocationContext,
  noFindings,
  PlacedSubnet,
  unresolvedReason,
} from './invocation-context';
import { routesOf, routeTableFor } from './route-tables';
import { selectRoute } from './routing';
import { InvocationHop } from './invocation-types';

const JOIN_KINDS = ['vpc-peering', 'transit-gateway'];

/** The routes from one side's subnets to the other's, the joins they name, and the hop's verdict. */
export interface RouteHop {
  readonly hop: InvocationHop;
  readonly joins: StackResource[];
}

/**
 * The route each of `from`'s subnets uses for each of `to`'s blocks: it must go to a peering connection or a transit
 * gateway (and to one of `expected` joins, for the way back).
 */
export function routeHop(
  ctx: InvocationContext,
  hop: 'route-from-caller' | 'route-back',
  from: readonly PlacedSubnet[],
  to: readonly PlacedSubnet[],
  expected: readonly StackResource[] = [],
): RouteHop {
  const { model, linked } = ctx;
  const findings = noFindings();
  const joins = new Set<StackResource>();
  for (const source of from) {
    const choice = routeTableFor(model, source.subnet);
    const routes = routesOf(model, choice);
    const unrouted: string[] = [];
    for (const destination of to) {
      const label = `${destination.cidr} (${destination.subnet.address})`;
      const route = selectRoute(routes, { kind: 'address', cidr: destination.cidr, label });
      if (!route) {
        unrouted.push(label);
      } else if (!JOIN_KINDS.includes(route.targetKind)) {
        const why = route.targetKind === 'local' ? ': the two VPCs overlap' : '';
        findings.no.push(
          `${route.label} in ${choice.key} sends ${label} to ${route.target} (${route.targetKind}), not to a ` +
            `peering connection or transit gateway${why}`,
        );
      } else if (!route.targetResource) {
        findings.unknown.push(unresolvedReason(linked, route.target, `the target of ${route.label} in ${choice.key}:`));
      } else if (expected.length > 0 && !expected.includes(route.targetResource)) {
        findings.no.push(
          `${route.label} in ${choice.key} sends ${label} to ${route.target}, not over ` +
            `${expected.map((j) => j.address).join(', ')} that the caller's route uses`,
        );
      } else {
        joins.add(route.targetResource);
        findings.yes.push(`${choice.key}: ${route.label} to ${route.target}`);
      }
    }
    if (unrouted.length > 0)
      findings.no.push(
        choice.how === 'implicit-main'
          ? `${source.subnet.address} has no route table association and no main table is declared: no route to ` +
              unrouted.join(', ')
          : `${choice.key} (of ${source.subnet.address}) has no route to ${unrouted.join(', ')}`,
      );
  }
  if (from.length === 0 || to.length === 0) findings.unknown.push('no subnet with a literal CIDR on one side');
  return { hop: hopFrom(linked, hop, findings), joins: [...joins] };
}

/**
 * The joins the routes should use when the caller's routes name none: peering connections between the two VPCs, and
 * transit gateways both are attached to.
 */
export function declaredJoins(ctx: InvocationContext): StackResource[] {
  const { model } = ctx;
  const vpcs = [ctx.caller.vpc, ctx.target.vpc];
  const peerings = model
    .all('aws_vpc_peering_connection')
    .filter((p) => vpcs.every((vpc) => model.refersTo([p.body.vpc_id, p.body.peer_vpc_id], vpc)));
  const attachments = model.all('aws_ec2_transit_gateway_vpc_attachment');
  const gateways = model
    .all('aws_ec2_transit_gateway')
    .filter((g) =>
      vpcs.every((vpc) =>
        attachments.some((a) => model.refersTo(a.body.transit_gateway_id, g) && model.refersTo(a.body.vpc_id, vpc)),
      ),
    );
  return [...peerings, ...gateways];
}

/**
 * The join hop: every join the caller's routes name (or, when they name none, every declared join between the two
 * VPCs) must connect the caller's VPC and the endpoint's.
 */
export function joinHop(ctx: InvocationContext, joins: readonly StackResource[]): InvocationHop {
  const findings = noFindings();
  if (joins.length === 0)
    findings.no.push(
      `no aws_vpc_peering_connection or aws_ec2_transit_gateway joins ${ctx.caller.vpc.address} and ` +
        ctx.target.vpc.address,
    );
  for (const join of joins) {
    const result = join.type === 'aws_ec2_transit_gateway' ? transitGateway(ctx, join) : peering(ctx, join);
    findings.no.push(...result.no);
    findings.unknown.push(...result.unknown);
    findings.yes.push(...result.yes);
  }
  return hopFrom(ctx.linked, 'join', findings);
}

function peering(ctx: InvocationContext, pcx: StackResource): HopFindings {
  const { model, linked } = ctx;
  const out = noFindings();
  if (pcx.type !== 'aws_vpc_peering_connection') {
    out.unknown.push(`${pcx.address} is a ${pcx.type}, not an aws_vpc_peering_connection the analysis reads`);
    return out;
  }
  const ends = [pcx.body.vpc_id, pcx.body.peer_vpc_id].map((reference) => ({
    reference,
    vpc: model.resolve(reference),
  }));
  const unresolved = ends.filter((end) => end.vpc?.type !== 'aws_vpc');
  if (unresolved.length > 0) {
    unresolved.forEach((end) => out.unknown.push(unresolvedReason(linked, end.reference, `${pcx.address}'s VPC`)));
    return out;
  }
  const vpcs = ends.map((end) => end.vpc!);
  if (!(vpcs.includes(ctx.caller.vpc) && vpcs.includes(ctx.target.vpc) && vpcs[0] !== vpcs[1])) {
    out.no.push(
      `${pcx.address} joins ${vpcs.map((v) => v.address).join(' and ')}, not ${ctx.caller.vpc.address} and ` +
        `${ctx.target.vpc.address}`,
    );
    return out;
  }
  const accepter = model
    .all('aws_vpc_peering_connection_accepter')
    .find((a) => model.refersTo(a.body.vpc_peering_connection_id, pcx) && a.body.auto_accept === true);
  if (pcx.body.auto_accept !== true && !accepter) {
    out.no.push(
      `${pcx.address} is never accepted: auto_accept is not true and no aws_vpc_peering_connection_accepter ` +
        'with auto_accept accepts it',
    );
    return out;
  }
  out.yes.push(
    `${pcx.address} joins ${vpcs.map((v) => v.address).join(' and ')}` +
      (accepter ? `, accepted by ${accepter.address}` : ''),
  );
  return out;
}

function transitGateway(ctx: InvocationContext, tgw: StackResource): HopFindings {
  const { model } = ctx;
  const out = noFindings();
  const attachments = model
    .all('aws_ec2_transit_gateway_vpc_attachment')
    .filter((a) => model.refersTo(a.body.transit_gateway_id, tgw));
  for (const side of [ctx.caller, ctx.target]) {
    const attachment = attachments.find((a) => model.refersTo(a.body.vpc_id, side.vpc));
    if (!attachment) {
      out.no.push(`${side.vpc.address} has no aws_ec2_transit_gateway_vpc_attachment to ${tgw.address}`);
      continue;
    }
    // A transit gateway reaches an AZ's resources only through an attachment subnet in that AZ.
    const zones = new Set(model.subnetsOf(attachment.body.subnet_ids).map((s) => s.body.availability_zone));
    const uncovered = side.subnets.filter((s) => !zones.has(s.subnet.body.availability_zone));
    if (uncovered.length > 0)
      out.no.push(
        `${attachment.address} has no subnet in the AZ of ${uncovered.map((s) => s.subnet.address).join(', ')}: ` +
          'a transit gateway reaches only the AZs its attachment has a subnet in',
      );
    if (
      attachment.body.transit_gateway_default_route_table_association === false ||
      attachment.body.transit_gateway_default_route_table_propagation === false
    )
      out.unknown.push(
        `${attachment.address} leaves the default transit gateway route table: its routes are not modeled`,
      );
    else out.yes.push(`${attachment.address} attaches ${side.vpc.address} to ${tgw.address}`);
  }
  const defaults = ['default_route_table_association', 'default_route_table_propagation'];
  const disabled = defaults.filter((name) => tgw.body[name] === 'disable');
  if (disabled.length > 0)
    out.unknown.push(`${tgw.address} has ${disabled.join(' and ')} disabled: its route tables are not modeled`);
  return out;
}

/**
 * Whether a rule naming a security group in the other VPC can match across the join: over a peering connection in one
 * region, yes; over a transit gateway, only with security group referencing on (off by default); else no.
 */
export function groupReferencesCross(
  ctx: InvocationContext,
  joins: readonly StackResource[],
): { allowed: boolean; why: string } {
  if (joins.length === 0) return { allowed: false, why: 'no join was found' };
  for (const join of joins) {
    if (join.type === 'aws_ec2_transit_gateway') {
      const attachments = ctx.model
        .all('aws_ec2_transit_gateway_vpc_attachment')
        .filter((a) => ctx.model.refersTo(a.body.transit_gateway_id, join));
      if (
        join.body.security_group_referencing_support !== 'enable' ||
        attachments.some((a) => a.body.security_group_referencing_support === 'disable')
      )
        return { allowed: false, why: `${join.address} does not enable security_group_referencing_support` };
    } else if (
      ctx.caller.region !== ctx.target.region ||
      asList(join.body.peer_region).some((r) => r !== ctx.caller.region)
    ) {
      return { allowed: false, why: `${join.address} joins two regions, where security group references do not work` };
    }
  }
  return { allowed: true, why: '' };
}
