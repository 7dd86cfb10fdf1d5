// Who lets the caller's HTTPS through between the two VPCs: the endpoint's security groups admit it (by the caller
// subnet's block, or by the caller's group where references cross the join), the caller's groups let it out, and the
// stateless network ACLs of both subnets pass the request and the reply.
import { StackResource } from '@lambda-vpc/stack-model';
import { aclDecision, networkAclFor } from './network-acls';
import { hopFrom, HopFindings, InvocationContext, noFindings, PlacedSubnet } from './invocation-context';
import { groupReferencesCross } from './invocation-routes';
import { describePeer, protocolAndPortMatch, ResolvedRule } from './security-groups';
import { cidrCovers, EPHEMERAL_PORT, HTTPS_PORT, Target } from './targets';
import { InvocationHop } from './invocation-types';

const addressTarget = (side: PlacedSubnet): Target => ({
  kind: 'address',
  cidr: side.cidr,
  label: `${side.subnet.address} (${side.cidr})`,
});

/** Whether a rule key (group or peer) is a reference the merged stacks do not resolve. */
const unresolvedKey = (key: string): boolean => key.includes('${');

/** One side's rules in one direction on TCP 443, and those whose group or peer could not be resolved. */
function rulesOf(
  ctx: InvocationContext,
  direction: 'ingress' | 'egress',
  groups: readonly string[],
): { own: ResolvedRule[]; unresolved: ResolvedRule[] } {
  const https = ctx.env.rules.filter(
    (rule) => rule.direction === direction && protocolAndPortMatch(rule, 'tcp', HTTPS_PORT),
  );
  return {
    own: https.filter((rule) => groups.includes(rule.group)),
    unresolved: https.filter(
      (rule) =>
        unresolvedKey(rule.group) ||
        (groups.includes(rule.group) && rule.peer.kind === 'group' && unresolvedKey(rule.peer.group)),
    ),
  };
}

/**
 * A side's security groups must match the other side: a CIDR rule covering each of its subnets, or a rule naming one
 * of its groups where such references cross the join.
 */
function securityGroupHop(
  ctx: InvocationContext,
  hop: 'endpoint-ingress' | 'caller-egress',
  joins: readonly StackResource[],
): InvocationHop {
  const ingress = hop === 'endpoint-ingress';
  const [own, other] = ingress ? [ctx.target, ctx.caller] : [ctx.caller, ctx.target];
  const { own: rules, unresolved } = rulesOf(ctx, ingress ? 'ingress' : 'egress', own.groups);
  const references = groupReferencesCross(ctx, joins);
  const findings: HopFindings = noFindings();
  const owner = ingress ? `${ctx.endpoint.address} (${own.groups.join(', ')})` : own.groups.join(', ') || '(none)';
  const verb = ingress ? 'admits tcp/443 from' : 'lets tcp/443 out to';
  // Passing rules are reported once each, with every subnet they pass; a finding that blocks, per subnet.
  const passed = new Map<string, string[]>();
  for (const peer of other.subnets) {
    const target = addressTarget(peer);
    const byCidr = rules.find((rule) => rule.peer.kind === 'cidr' && cidrCovers(rule.peer.cidr, target));
    const byGroup = rules.find((rule) => rule.peer.kind === 'group' && other.groups.includes(rule.peer.group));
    const matched = byCidr ?? (references.allowed ? byGroup : undefined);
    if (matched) {
      const rule = `${matched.address} (${describePeer(matched.peer)})`;
      passed.set(rule, [...(passed.get(rule) ?? []), target.label]);
    } else if (byGroup && references.allowed === undefined)
      findings.unknown.push(`${byGroup.address} names the other side's security group: ${references.why}`);
    else if (byGroup)
      findings.no.push(
        `${byGroup.address} names the other side's security group, which cannot match: ${references.why}`,
      );
    else if (unresolved.length > 0)
      findings.unknown.push(
        `no rule of ${owner} ${verb} ${target.label}, and ${unresolved.map((r) => r.address).join(', ')} name a ` +
          'group that does not resolve',
      );
    else findings.no.push(`no rule of ${owner} ${verb} ${target.label}`);
  }
  for (const [rule, peers] of passed) findings.yes.push(`${rule} ${verb} ${peers.join(', ')}`);
  return hopFrom(ctx.linked, hop, findings);
}

/** The endpoint's security groups admit the caller on TCP 443. */
export function endpointIngressHop(ctx: InvocationContext, joins: readonly StackResource[]): InvocationHop {
  return securityGroupHop(ctx, 'endpoint-ingress', joins);
}

/** The caller's security groups let TCP 443 out to the endpoint's subnets. */
export function callerEgressHop(ctx: InvocationContext, joins: readonly StackResource[]): InvocationHop {
  return securityGroupHop(ctx, 'caller-egress', joins);
}

/**
 * The network ACLs: each caller subnet's lets the request out to each endpoint subnet and the reply in; each endpoint
 * subnet's lets the request in and the reply out (ACLs are stateless; replies use an ephemeral port).
 */
export function networkAclHop(ctx: InvocationContext): InvocationHop {
  const findings: HopFindings = noFindings();
  const crossings: [PlacedSubnet, PlacedSubnet, boolean][] = [
    ...ctx.caller.subnets.flatMap((c) =>
      ctx.target.subnets.map((t): [PlacedSubnet, PlacedSubnet, boolean] => [c, t, true]),
    ),
    ...ctx.target.subnets.flatMap((t) =>
      ctx.caller.subnets.map((c): [PlacedSubnet, PlacedSubnet, boolean] => [t, c, false]),
    ),
  ];
  for (const [subnet, remote, leaving] of crossings) {
    const acl = networkAclFor(ctx.model, subnet.subnet);
    if (!acl) continue;
    const request = aclDecision(acl, leaving, addressTarget(remote), 'tcp', HTTPS_PORT);
    const reply = aclDecision(acl, !leaving, addressTarget(remote), 'tcp', EPHEMERAL_PORT);
    const way = leaving ? `outbound tcp/443 to` : `inbound tcp/443 from`;
    if (!request.allowed)
      findings.no.push(
        `${acl.address} of ${subnet.subnet.address}: ${way} ${remote.cidr} is denied by ${request.rule}`,
      );
    if (!reply.allowed)
      findings.no.push(
        `${acl.address} of ${subnet.subnet.address}: the reply on tcp/${EPHEMERAL_PORT} is denied by ${reply.rule}`,
      );
    if (request.allowed && reply.allowed)
      findings.yes.push(`${acl.address} passes ${subnet.subnet.address} ${way} ${remote.cidr}`);
  }
  if (findings.yes.length === 0 && findings.no.length === 0)
    findings.yes.push(
      "no network ACL is declared on either side: each subnet keeps its VPC's default ACL, which allows all",
    );
  return hopFrom(ctx.linked, 'network-acls', findings);
}
