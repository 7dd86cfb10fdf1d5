// Security group rules come in three Terraform shapes: the standalone `aws_vpc_security_group_*_rule`
// resources this repository uses, the older `aws_security_group_rule`, and inline `ingress`/`egress` blocks.
// They are flattened into one shape here so the path logic reads a rule once.
import { StackDocument } from '@lambda-vpc/guardrails';
import { asList as list } from './builder';

/** One security group rule, whatever Terraform shape it was written in. */
export interface FlatRule {
  /** Address of the resource that declared it. */
  readonly address: string;
  /** Address of the group it belongs to (or the raw value when not a reference into the stack). */
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  /** `tcp 443`, `udp 53`, `tcp 1024-65535`, `all traffic`. */
  readonly label: string;
  readonly cidrs: readonly string[];
  /** Raw prefix list values, usually `${aws_vpc_endpoint.x.prefix_list_id}`. */
  readonly prefixLists: readonly unknown[];
  /** Addresses of the peer groups (raw values when not references). */
  readonly groups: readonly string[];
}

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** `tcp 443`-style text for a protocol and port range, as a reader of a security group would say it. */
export function protocolLabel(protocol: unknown, fromPort: unknown, toPort: unknown): string {
  const name = PROTOCOL_NAMES[String(protocol)] ?? String(protocol ?? 'all').toLowerCase();
  if (name === '-1' || name === 'all') return 'all traffic';
  if (name.startsWith('icmp') || fromPort === undefined || fromPort === null) return name;
  return fromPort === toPort || toPort === undefined ? `${name} ${fromPort}` : `${name} ${fromPort}-${toPort}`;
}

/** The address a reference points at inside the stack, or the value itself as text. */
export function addressOf(doc: StackDocument, value: unknown): string {
  return doc.resolve(value)?.address ?? String(value);
}

/** Every security group rule of the stack, flattened. */
export function flatRules(doc: StackDocument): FlatRule[] {
  const rules: FlatRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of doc.resources(`aws_vpc_security_group_${direction}_rule`)) {
      const body = rule.body;
      rules.push({
        address: rule.address,
        group: addressOf(doc, body.security_group_id),
        direction,
        label: protocolLabel(body.ip_protocol, body.from_port, body.to_port),
        cidrs: [...list(body.cidr_ipv4), ...list(body.cidr_ipv6)].map(String),
        prefixLists: list(body.prefix_list_id),
        groups: list(body.referenced_security_group_id).map((value) => addressOf(doc, value)),
      });
    }
  }
  for (const rule of doc.resources('aws_security_group_rule')) {
    const body = rule.body;
    rules.push({
      address: rule.address,
      group: addressOf(doc, body.security_group_id),
      direction: body.type === 'egress' ? 'egress' : 'ingress',
      label: protocolLabel(body.protocol, body.from_port, body.to_port),
      cidrs: [...list(body.cidr_blocks), ...list(body.ipv6_cidr_blocks)].map(String),
      prefixLists: list(body.prefix_list_ids),
      groups: [
        ...list(body.source_security_group_id).map((value) => addressOf(doc, value)),
        ...(body.self === true ? [addressOf(doc, body.security_group_id)] : []),
      ],
    });
  }
  for (const group of doc.resources('aws_security_group')) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const block of list(group.body[direction]) as Record<string, any>[]) {
        rules.push({
          address: `${group.address}.${direction}`,
          group: group.address,
          direction,
          label: protocolLabel(block.protocol, block.from_port, block.to_port),
          cidrs: [...list(block.cidr_blocks), ...list(block.ipv6_cidr_blocks)].map(String),
          prefixLists: list(block.prefix_list_ids),
          groups: [...list(block.security_groups).map((value) => addressOf(doc, value)), ...(block.self === true ? [group.address] : [])],
        });
      }
    }
  }
  return rules;
}
