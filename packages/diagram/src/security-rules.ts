// The security group rules as the path logic reads them: stack-model flattens Terraform's three shapes; here each
// rule gets the text a reader of a security group would say (`tcp 443`) and its references as stack addresses.
import { SecurityGroupRule, securityGroupRules, StackDocument } from '@lambda-vpc/stack-model';

/** One security group rule, whatever Terraform shape it was written in. */
export interface FlatRule {
  /** Address of the resource that declared it (`<group> <direction>[i]` for an inline block). */
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

/** `tcp 443`-style text for a rule's protocol and port range. */
export function protocolLabel(rule: Pick<SecurityGroupRule, 'protocol' | 'fromPort' | 'toPort'>): string {
  if (rule.protocol === 'all') return 'all traffic';
  if (rule.protocol.startsWith('icmp') || rule.fromPort === undefined) return rule.protocol;
  return rule.fromPort === rule.toPort || rule.toPort === undefined ? `${rule.protocol} ${rule.fromPort}` : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
}

/** The address a reference points at inside the stack, or the value itself as text. */
export function addressOf(doc: StackDocument, value: unknown): string {
  return doc.resolve(value)?.address ?? String(value);
}

/** Every security group rule of the stack, flattened. */
export function flatRules(doc: StackDocument): FlatRule[] {
  return securityGroupRules(doc).map((rule) => ({
    address: rule.address,
    group: addressOf(doc, rule.groupReference),
    direction: rule.direction,
    label: protocolLabel(rule),
    cidrs: [...rule.ipv4, ...rule.ipv6],
    prefixLists: rule.prefixLists,
    groups: rule.peerGroups.map((value) => addressOf(doc, value)),
  }));
}
