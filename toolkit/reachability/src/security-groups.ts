import {
  Ipv4Cidr,
  SecurityGroupRule as FlatRule,
  securityGroupRules as flatSecurityGroupRules,
} from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { PrefixList, prefixListMatch, readPrefixList } from './prefix-lists';
import { cidrCovers, Target } from './targets';

/** What a security group rule admits or allows: a block, a prefix list, or members of a security group. */
export type ResolvedPeer =
  | { readonly kind: 'cidr'; readonly cidr: Ipv4Cidr }
  | { readonly kind: 'ipv6'; readonly text: string }
  | { readonly kind: 'prefix-list'; readonly list: PrefixList }
  | { readonly kind: 'group'; readonly group: string };

/** One rule, whichever of Terraform's three ways declared it. */
export interface ResolvedRule {
  /** The rule resource, or `<group> ingress[i]` for an inline block. */
  readonly address: string;
  /** The key of the group it belongs to (see ReachabilityModel.securityGroupKey). */
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  /** `all`, `tcp`, `udp`, `icmp`, or a protocol number. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: ResolvedPeer;
}

/** Whether a rule's protocol and port range admit `protocol`/`port`. */
export function protocolAndPortMatch(
  rule: { protocol: string; fromPort?: number; toPort?: number },
  protocol: string,
  port: number,
): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== protocol) return false;
  // Missing ports (or AWS's -1) on a TCP/UDP rule mean every port.
  if (rule.fromPort === undefined || rule.fromPort < 0) return true;
  return rule.fromPort <= port && port <= (rule.toPort ?? rule.fromPort);
}

/** A flattened rule's peers, each resolved: blocks parsed, prefix lists read, groups keyed. */
function peersOf(model: ReachabilityModel, rule: FlatRule): ResolvedPeer[] {
  return [
    ...rule.ipv4
      .map(Ipv4Cidr.read)
      .filter((cidr): cidr is Ipv4Cidr => cidr !== undefined)
      .map((cidr): ResolvedPeer => ({ kind: 'cidr', cidr })),
    ...rule.ipv6.map((text): ResolvedPeer => ({ kind: 'ipv6', text })),
    ...rule.prefixLists.map((reference): ResolvedPeer => ({
      kind: 'prefix-list',
      list: readPrefixList(model, reference),
    })),
    ...rule.peerGroups.map((reference): ResolvedPeer => ({ kind: 'group', group: model.securityGroupKey(reference) })),
  ];
}

/**
 * Every security group rule of the stack (stack-model flattens the three Terraform shapes), one per peer. A VPC
 * whose default group is not adopted keeps AWS's defaults (all traffic in from the group itself, all out). A
 * declared aws_security_group without egress rules allows no egress: Terraform removes the allow-all rule AWS creates.
 */
export function securityGroupRules(model: ReachabilityModel): ResolvedRule[] {
  const rules = flatSecurityGroupRules(model.doc).flatMap((rule) => {
    const group = model.securityGroupKey(rule.groupReference);
    const { address, direction, protocol, fromPort, toPort } = rule;
    return peersOf(model, rule).map((peer): ResolvedRule => ({
      address,
      group,
      direction,
      protocol,
      fromPort,
      toPort,
      peer,
    }));
  });
  for (const vpc of model.all('aws_vpc')) {
    if (model.all('aws_default_security_group').some((group) => model.refersTo(group.body.vpc_id, vpc))) continue;
    const key = `${vpc.address} (default security group)`;
    rules.push({
      address: `${key} AWS default ingress`,
      group: key,
      direction: 'ingress',
      protocol: 'all',
      peer: { kind: 'group', group: key },
    });
    rules.push({
      address: `${key} AWS default egress`,
      group: key,
      direction: 'egress',
      protocol: 'all',
      peer: { kind: 'cidr', cidr: Ipv4Cidr.parse('0.0.0.0/0') },
    });
  }
  return rules;
}

/**
 * The egress rule of `groups` that allows the flow to the target (whose ENI, if any, is in `targetGroups`).
 * Security groups are stateful: a reply needs no rule.
 */
export function egressRule(
  rules: readonly ResolvedRule[],
  groups: readonly string[],
  target: Target,
  protocol: string,
  port: number,
  targetGroups: readonly string[] = [],
): ResolvedRule | undefined {
  return rules.find(
    (rule) =>
      rule.direction === 'egress' &&
      groups.includes(rule.group) &&
      protocolAndPortMatch(rule, protocol, port) &&
      (rule.peer.kind === 'cidr'
        ? cidrCovers(rule.peer.cidr, target)
        : rule.peer.kind === 'prefix-list'
          ? prefixListMatch(rule.peer.list, target) !== undefined
          : rule.peer.kind === 'group'
            ? targetGroups.includes(rule.peer.group)
            : false),
  );
}

/** The ingress rule of `groups` that admits a source (a block, and the groups of its ENI if it has one). */
export function ingressRule(
  rules: readonly ResolvedRule[],
  groups: readonly string[],
  source: { cidr: Ipv4Cidr; groups: readonly string[] },
  protocol: string,
  port: number,
): ResolvedRule | undefined {
  return rules.find(
    (rule) =>
      rule.direction === 'ingress' &&
      groups.includes(rule.group) &&
      protocolAndPortMatch(rule, protocol, port) &&
      (rule.peer.kind === 'cidr'
        ? rule.peer.cidr.contains(source.cidr)
        : rule.peer.kind === 'prefix-list'
          ? (rule.peer.list.cidrs ?? []).some((cidr) => cidr.contains(source.cidr))
          : rule.peer.kind === 'group'
            ? source.groups.includes(rule.peer.group)
            : false),
  );
}

/**
 * An egress rule of `groups` for the protocol and port whose IPv4 block is not literal (a variable, another resource's
 * attribute): it may allow any target, so a flow no other rule allows is not known to be denied. Its address.
 */
export function undecidedEgressRule(
  model: ReachabilityModel,
  groups: readonly string[],
  protocol: string,
  port: number,
): string | undefined {
  return flatSecurityGroupRules(model.doc).find(
    (rule) =>
      rule.direction === 'egress' &&
      groups.includes(model.securityGroupKey(rule.groupReference)) &&
      protocolAndPortMatch(rule, protocol, port) &&
      rule.ipv4.some((text) => Ipv4Cidr.read(text) === undefined),
  )?.address;
}

/** A rule's peer as text: a CIDR, a group key, or a prefix list. */
export function describePeer(peer: ResolvedPeer): string {
  if (peer.kind === 'cidr') return peer.cidr.toString();
  if (peer.kind === 'ipv6') return peer.text;
  if (peer.kind === 'prefix-list') return `prefix list ${peer.list.id}`;
  return peer.group;
}
