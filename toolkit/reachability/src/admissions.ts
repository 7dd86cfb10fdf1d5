// What an ENI that serves others (an interface endpoint, a Route 53 Resolver endpoint) admits from address ranges:
// its security groups' ingress rules, then its subnets' stateless network ACLs both ways, then whether replies to
// a network outside the VPC have a private route back.
import { Ipv4Cidr, StackResource } from '@lambda-vpc/stack-model';
import { aclDecision, networkAclFor } from './network-acls';
import { routesOf, routeTableFor } from './route-tables';
import { selectRoute } from './routing';
import { describePeer, protocolAndPortMatch, ResolvedRule } from './security-groups';
import { EPHEMERAL_PORT, Target } from './targets';
import { AnalysisEnv } from './trace';
import { AdmitRule } from './types';

/** The ingress rules of an ENI's security groups, as reported. */
export function admitRules(ingress: readonly ResolvedRule[]): AdmitRule[] {
  return ingress.map((rule) => ({
    rule: rule.address,
    source: describePeer(rule.peer),
    protocol: rule.protocol,
    ...(rule.fromPort !== undefined ? { fromPort: rule.fromPort, toPort: rule.toPort ?? rule.fromPort } : {}),
  }));
}

/** Whether at least one of the subnets lets `cidr` in on `protocol`/`port` and the reply out (stateless ACLs). */
function aclAdmits(
  env: AnalysisEnv,
  subnets: readonly StackResource[],
  cidr: Ipv4Cidr,
  protocol: string,
  port: number,
): boolean {
  const remote: Target = { kind: 'address', cidr, label: cidr.toString() };
  return subnets.some((subnet) => {
    const acl = networkAclFor(env.model, subnet);
    return (
      !acl ||
      (aclDecision(acl, false, remote, protocol, port).allowed &&
        aclDecision(acl, true, remote, protocol, EPHEMERAL_PORT).allowed)
    );
  });
}

/** The blocks an ENI admits on one protocol and port, and what the analyzer noticed on the way. */
export interface CidrAdmission {
  /** Admitted by a security group rule (a CIDR, or a customer-managed prefix list's entries) and a subnet's ACL. */
  readonly cidrs: Ipv4Cidr[];
  readonly notes: string[];
}

/**
 * The blocks the `ingress` rules admit on `protocol`/`port` into the ENIs in `subnets`, dropping those every subnet's
 * network ACL denies (`denied` words that note), and noting a network outside the VPC with no private route back.
 */
export function admittedCidrs(
  env: AnalysisEnv,
  ingress: readonly ResolvedRule[],
  subnets: readonly StackResource[],
  vpc: StackResource | undefined,
  flow: { readonly protocol: string; readonly port: number; readonly denied: string },
): CidrAdmission {
  const { model } = env;
  const notes: string[] = [];
  const cidrs = ingress
    .filter((rule) => protocolAndPortMatch(rule, flow.protocol, flow.port))
    .flatMap((rule) =>
      rule.peer.kind === 'cidr'
        ? [rule.peer.cidr]
        : rule.peer.kind === 'prefix-list'
          ? (rule.peer.list.cidrs ?? [])
          : [],
    );
  const admitted = cidrs.filter((cidr) => {
    if (aclAdmits(env, subnets, cidr, flow.protocol, flow.port)) return true;
    notes.push(`${cidr} is admitted by the security group but denied ${flow.denied}`);
    return false;
  });
  for (const cidr of admitted) {
    if (vpc && model.vpcCidrs(vpc).some((block) => block.contains(cidr))) continue;
    // Replies to a network outside the VPC need a route over a private connection; a default route to NAT
    // or an internet gateway does not carry private addresses.
    const missing = subnets
      .map((subnet) => routeTableFor(model, subnet))
      .filter((choice) => {
        const back = selectRoute(routesOf(model, choice), { kind: 'address', cidr, label: cidr.toString() });
        return (
          !back ||
          ['local', 'internet-gateway', 'nat-gateway', 'gateway-endpoint', 'egress-only-internet-gateway'].includes(
            back.targetKind,
          )
        );
      })
      .map((choice) => choice.key);
    if (missing.length > 0) {
      notes.push(
        `no private route back to ${cidr} in ${[...new Set(missing)].join(', ')}: replies need the private ` +
          `connection (virtual private gateway, transit gateway, peering), which is not in this stack`,
      );
    }
  }
  return { cidrs: admitted, notes };
}
