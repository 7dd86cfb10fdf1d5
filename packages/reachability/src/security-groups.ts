import { Cidr, cidrContains, parseCidr } from './ipv4';
import { list, NetworkModel, numberOf } from './network-model';
import { PrefixList, prefixListMatch, readPrefixList } from './prefix-lists';
import { cidrCovers, Target } from './targets';

/** What a security group rule admits or allows: a block, a prefix list, or members of a security group. */
export type Peer =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'ipv6'; readonly text: string }
  | { readonly kind: 'prefix-list'; readonly list: PrefixList }
  | { readonly kind: 'group'; readonly group: string };

/** One rule, whichever of Terraform's three ways declared it. */
export interface SecurityGroupRule {
  /** The rule resource, or `<group> ingress[i]` for an inline block. */
  readonly address: string;
  /** The key of the group it belongs to (see NetworkModel.securityGroupKey). */
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  /** `all`, `tcp`, `udp`, `icmp`, or a protocol number. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: Peer;
}

/** `-1`, `all` and protocol numbers as the names rules compare. */
export function normaliseProtocol(value: unknown): string {
  const text = String(value ?? 'all').toLowerCase();
  return ({ '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp' } as Record<string, string>)[text] ?? text;
}

/** Whether a rule's protocol and port range admit `protocol`/`port`. */
export function protocolAndPortMatch(rule: { protocol: string; fromPort?: number; toPort?: number }, protocol: string, port: number): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== protocol) return false;
  // Missing ports (or AWS's -1) on a TCP/UDP rule mean every port.
  if (rule.fromPort === undefined || rule.fromPort < 0) return true;
  return rule.fromPort <= port && port <= (rule.toPort ?? rule.fromPort);
}

function peersOf(model: NetworkModel, body: Record<string, any>, group: string): Peer[] {
  const cidrs = list(body.cidr_blocks ?? body.cidr_ipv4).map(parseCidr).filter((c): c is Cidr => c !== undefined);
  const ipv6 = list(body.ipv6_cidr_blocks ?? body.cidr_ipv6).map(String);
  const prefixLists = list(body.prefix_list_ids ?? body.prefix_list_id).map((reference) => readPrefixList(model, reference));
  const groups = list(body.security_groups ?? body.source_security_group_id ?? body.referenced_security_group_id)
    .map((reference) => model.securityGroupKey(reference));
  if (body.self === true) groups.push(group);
  return [
    ...cidrs.map((cidr): Peer => ({ kind: 'cidr', cidr })),
    ...ipv6.map((text): Peer => ({ kind: 'ipv6', text })),
    ...prefixLists.map((prefixList): Peer => ({ kind: 'prefix-list', list: prefixList })),
    ...groups.map((key): Peer => ({ kind: 'group', group: key })),
  ];
}

function rulesFrom(model: NetworkModel, address: string, group: string, direction: 'ingress' | 'egress', body: Record<string, any>): SecurityGroupRule[] {
  const protocol = normaliseProtocol(body.ip_protocol ?? body.protocol);
  const fromPort = protocol === 'all' ? undefined : numberOf(body.from_port);
  const toPort = protocol === 'all' ? undefined : numberOf(body.to_port);
  return peersOf(model, body, group).map((peer) => ({ address, group, direction, protocol, fromPort, toPort, peer }));
}

/**
 * Every security group rule of the stack: aws_vpc_security_group_{ingress,egress}_rule, aws_security_group_rule,
 * and inline `ingress`/`egress` blocks. A VPC whose default group is not adopted keeps AWS's defaults
 * (all traffic in from the group itself, all out). A declared aws_security_group without egress rules allows no
 * egress: Terraform removes the allow-all rule AWS creates.
 */
export function securityGroupRules(model: NetworkModel): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of model.all(`aws_vpc_security_group_${direction}_rule`)) {
      rules.push(...rulesFrom(model, rule.address, model.securityGroupKey(rule.body.security_group_id), direction, rule.body));
    }
  }
  for (const rule of model.all('aws_security_group_rule')) {
    const direction = rule.body.type === 'egress' ? 'egress' : 'ingress';
    rules.push(...rulesFrom(model, rule.address, model.securityGroupKey(rule.body.security_group_id), direction, rule.body));
  }
  for (const group of [...model.all('aws_security_group'), ...model.all('aws_default_security_group')]) {
    for (const direction of ['ingress', 'egress'] as const) {
      list(group.body[direction]).forEach((body, index) => {
        rules.push(...rulesFrom(model, `${group.address} ${direction}[${index}]`, group.address, direction, body as Record<string, any>));
      });
    }
  }
  for (const vpc of model.all('aws_vpc')) {
    if (model.all('aws_default_security_group').some((group) => model.refersTo(group.body.vpc_id, vpc))) continue;
    const key = `${vpc.address} (default security group)`;
    rules.push({ address: `${key} AWS default ingress`, group: key, direction: 'ingress', protocol: 'all', peer: { kind: 'group', group: key } });
    rules.push({ address: `${key} AWS default egress`, group: key, direction: 'egress', protocol: 'all', peer: { kind: 'cidr', cidr: parseCidr('0.0.0.0/0')! } });
  }
  return rules;
}

/**
 * The egress rule of `groups` that allows the flow to the target (whose ENI, if any, is in `targetGroups`).
 * Security groups are stateful: a reply needs no rule.
 */
export function egressRule(
  rules: readonly SecurityGroupRule[], groups: readonly string[], target: Target, protocol: string, port: number, targetGroups: readonly string[] = [],
): SecurityGroupRule | undefined {
  return rules.find((rule) => rule.direction === 'egress' && groups.includes(rule.group) && protocolAndPortMatch(rule, protocol, port)
    && (rule.peer.kind === 'cidr' ? cidrCovers(rule.peer.cidr, target)
      : rule.peer.kind === 'prefix-list' ? prefixListMatch(rule.peer.list, target) !== undefined
        : rule.peer.kind === 'group' ? targetGroups.includes(rule.peer.group) : false));
}

/** The ingress rule of `groups` that admits a source (a block, and the groups of its ENI if it has one). */
export function ingressRule(
  rules: readonly SecurityGroupRule[], groups: readonly string[], source: { cidr: Cidr; groups: readonly string[] }, protocol: string, port: number,
): SecurityGroupRule | undefined {
  return rules.find((rule) => rule.direction === 'ingress' && groups.includes(rule.group) && protocolAndPortMatch(rule, protocol, port)
    && (rule.peer.kind === 'cidr' ? cidrContains(rule.peer.cidr, source.cidr)
      : rule.peer.kind === 'prefix-list' ? (rule.peer.list.cidrs ?? []).some((cidr) => cidrContains(cidr, source.cidr))
        : rule.peer.kind === 'group' ? source.groups.includes(rule.peer.group) : false));
}

/** A rule's peer as text: a CIDR, a group key, or a prefix list. */
export function describePeer(peer: Peer): string {
  if (peer.kind === 'cidr') return peer.cidr.text;
  if (peer.kind === 'ipv6') return peer.text;
  if (peer.kind === 'prefix-list') return `prefix list ${peer.list.id}`;
  return peer.group;
}
