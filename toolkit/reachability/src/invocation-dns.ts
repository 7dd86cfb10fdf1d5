// DNS for a caller outside the endpoint's VPC: the endpoint's private DNS answers only inside its own VPC, so the
// caller's VPC needs a private hosted zone named lambda.<region>.amazonaws.com, associated with it, whose apex is an
// alias to the endpoint. (Route 53 Resolver forwarding to an inbound endpoint would also work; it is not modeled.)
import { asList, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { hopFrom, hopOf, InvocationContext, noFindings, providerOf } from './invocation-context';
import { InvocationHop } from './invocation-types';

const normalized = (name: unknown): string =>
  String(name ?? '')
    .toLowerCase()
    .replace(/\.$/, '');

const ENDPOINT_DNS = /aws_vpc_endpoint\.([A-Za-z0-9_-]+)\.dns_entry/g;

/** How the zone is associated with the caller's VPC, if it is: its `vpc` block or an aws_route53_zone_association. */
function associationOf(ctx: InvocationContext, zone: StackResource): StackResource | 'inline' | undefined {
  const { model } = ctx;
  if (asList(zone.body.vpc).some((block) => model.refersTo((block as { vpc_id?: unknown }).vpc_id, ctx.caller.vpc)))
    return 'inline';
  return model
    .all('aws_route53_zone_association')
    .find((a) => model.refersTo(a.body.zone_id, zone) && model.refersTo(a.body.vpc_id, ctx.caller.vpc));
}

/** Another account's VPC is associated only after the zone's account authorizes it. */
function authorizationProblem(
  ctx: InvocationContext,
  zone: StackResource,
  association: StackResource | 'inline',
): string | undefined {
  const origin = ctx.linked.origin(zone.address);
  const zoneStack = origin?.stack === ctx.target.stack.stackName ? ctx.target.stack : ctx.caller.stack;
  const zoneAccount = providerOf(zoneStack).account;
  if (!zoneAccount || !ctx.caller.account || zoneAccount === ctx.caller.account) return undefined;
  const authorized = ctx.model
    .all('aws_route53_vpc_association_authorization')
    .some((a) => ctx.model.refersTo(a.body.zone_id, zone) && ctx.model.refersTo(a.body.vpc_id, ctx.caller.vpc));
  if (association !== 'inline' && authorized) return undefined;
  return (
    `${zone.address} is in account ${zoneAccount} and ${ctx.caller.vpc.address} in ${ctx.caller.account}: the ` +
    'association needs an aws_route53_vpc_association_authorization in the zone account and an ' +
    'aws_route53_zone_association in the VPC account'
  );
}

/** `lambda.<region>.amazonaws.com` resolves in the caller's VPC to the endpoint. */
export function dnsHop(ctx: InvocationContext): InvocationHop {
  const { model, linked, endpoint } = ctx;
  const name = `lambda.${ctx.target.region}.amazonaws.com`;
  const vpc = ctx.caller.vpc;
  if (vpc.body.enable_dns_support === false)
    return hopOf(
      linked,
      'dns',
      'no',
      `${vpc.address} has enable_dns_support false: it resolves no private hosted zone`,
    );
  if (vpc === ctx.target.vpc && endpoint.body.private_dns_enabled === true)
    return hopOf(linked, 'dns', 'yes', `${endpoint.address}'s private DNS answers for ${name} in ${vpc.address}`);
  const zones = model.all('aws_route53_zone').filter((zone) => normalized(zone.body.name) === name);
  if (zones.length === 0) {
    const forwarding = model
      .all('aws_route53_resolver_rule_association')
      .find((a) => model.refersTo(a.body.vpc_id, vpc));
    return forwarding
      ? hopOf(
          linked,
          'dns',
          'unknown',
          `no hosted zone for ${name}; ${forwarding.address} forwards queries of ${vpc.address} through Route 53 ` +
            'Resolver, which is not modeled',
        )
      : hopOf(
          linked,
          'dns',
          'no',
          `no private hosted zone for ${name} in either stack: it resolves to public addresses in ${vpc.address}`,
        );
  }
  const findings = noFindings();
  for (const zone of zones) {
    const association = associationOf(ctx, zone);
    if (!association) {
      const open = [
        ...asList(zone.body.vpc).map((b) => (b as { vpc_id?: unknown }).vpc_id),
        ...model
          .all('aws_route53_zone_association')
          .filter((a) => model.refersTo(a.body.zone_id, zone))
          .map((a) => a.body.vpc_id),
      ].filter((id) => !model.resolve(id));
      if (open.length > 0)
        findings.unknown.push(
          `${zone.address} is associated with ${open.map(String).join(', ')}, which does not resolve`,
        );
      else findings.no.push(`${zone.address} (${name}) is not associated with ${vpc.address}`);
      continue;
    }
    const authorization = authorizationProblem(ctx, zone, association);
    if (authorization) {
      findings.no.push(authorization);
      continue;
    }
    const records = model
      .all('aws_route53_record')
      .filter(
        (r) =>
          model.refersTo(r.body.zone_id, zone) && r.body.type === 'A' && [name, ''].includes(normalized(r.body.name)),
      );
    const aliases = records.map((record) => ({
      record,
      name: String((asList(record.body.alias)[0] as TerraformBlock | undefined)?.name ?? ''),
    }));
    const hit = aliases.find((a) =>
      [...a.name.matchAll(ENDPOINT_DNS)].some((m) => `aws_vpc_endpoint.${m[1]}` === endpoint.address),
    );
    const how = association === 'inline' ? 'its vpc block' : association.address;
    if (hit) {
      findings.yes.push(
        `${zone.address} (${name}) is associated with ${vpc.address} by ${how}; ${hit.record.address} aliases ` +
          endpoint.address,
      );
      continue;
    }
    const opaque = aliases.filter((a) => a.name !== '' && [...a.name.matchAll(ENDPOINT_DNS)].length === 0);
    if (opaque.length > 0)
      findings.unknown.push(
        `${opaque.map((a) => a.record.address).join(', ')} alias ${opaque.map((a) => a.name).join(', ')}, which the ` +
          `analysis cannot tie to ${endpoint.address}`,
      );
    else findings.no.push(`${zone.address} has no A alias record at ${name} to ${endpoint.address}`);
  }
  // One associated zone that answers is enough; the others' findings only matter when none does.
  if (findings.yes.length > 0) return hopOf(linked, 'dns', 'yes', findings.yes.join('; '));
  return hopFrom(linked, 'dns', findings);
}
