// Security group rules come in three Terraform shapes: the standalone aws_vpc_security_group_{ingress,egress}_rule
// resources the blueprints write, the older aws_security_group_rule, and inline ingress/egress blocks of a group.
// They are flattened here, once, so every reader (guardrails, reachability, diagram) reads a rule one way.
import { StackDocument, StackResource } from './stack-document';
import { asList, numberOf, TerraformBlock } from './terraform-values';

/** One security group rule, whichever shape declared it. Peers are as written: references are not followed. */
export interface SecurityGroupRule {
  /** The resource that declares it: the rule resource, or the group itself for an inline block. */
  readonly resource: StackResource;
  /** The rule's address, or `<group address> <direction>[<index>]` for an inline block. */
  readonly address: string;
  /** The owning group as a reference (`${aws_security_group.x.id}`; for an inline block, to the group itself). */
  readonly groupReference: unknown;
  readonly direction: 'ingress' | 'egress';
  /** `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or another protocol number as text. */
  readonly protocol: string;
  /** The port range; none for `all` (and none written means every port). */
  readonly fromPort?: number;
  readonly toPort?: number;
  /** IPv4 blocks, as written. */
  readonly ipv4: readonly string[];
  /** IPv6 blocks, as written. */
  readonly ipv6: readonly string[];
  /** Prefix list IDs or references, as written. */
  readonly prefixLists: readonly unknown[];
  /** Peer security groups as references; `self` is the owning group's. */
  readonly peerGroups: readonly unknown[];
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  '-1': 'all',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

/** `-1` and protocol numbers as the names rules compare (`6` is `tcp`). */
export function protocolName(value: unknown): string {
  const text = String(value ?? 'all').toLowerCase();
  return PROTOCOL_NAMES[text] ?? text;
}

/**
 * Every security group rule of the stack, in the order: standalone (ingress, egress), aws_security_group_rule, inline.
 */
export function securityGroupRules(doc: StackDocument): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of doc.resources(`aws_vpc_security_group_${direction}_rule`)) {
      rules.push(flatten(rule, rule.address, rule.body.security_group_id, direction, rule.body));
    }
  }
  for (const rule of doc.resources('aws_security_group_rule')) {
    rules.push(
      flatten(
        rule,
        rule.address,
        rule.body.security_group_id,
        rule.body.type === 'egress' ? 'egress' : 'ingress',
        rule.body,
      ),
    );
  }
  for (const group of [...doc.resources('aws_security_group'), ...doc.resources('aws_default_security_group')]) {
    for (const direction of ['ingress', 'egress'] as const) {
      asList(group.body[direction]).forEach((block, index) => {
        rules.push(
          flatten(
            group,
            `${group.address} ${direction}[${index}]`,
            `\${${group.address}.id}`,
            direction,
            block as TerraformBlock,
          ),
        );
      });
    }
  }
  return rules;
}

function flatten(
  resource: StackResource,
  address: string,
  groupReference: unknown,
  direction: 'ingress' | 'egress',
  body: TerraformBlock,
): SecurityGroupRule {
  const protocol = protocolName(body.ip_protocol ?? body.protocol);
  return {
    resource,
    address,
    groupReference,
    direction,
    protocol,
    fromPort: protocol === 'all' ? undefined : numberOf(body.from_port),
    toPort: protocol === 'all' ? undefined : numberOf(body.to_port),
    ipv4: [...asList(body.cidr_ipv4), ...asList(body.cidr_blocks)].map(String),
    ipv6: [...asList(body.cidr_ipv6), ...asList(body.ipv6_cidr_blocks)].map(String),
    prefixLists: [...asList(body.prefix_list_id), ...asList(body.prefix_list_ids)],
    peerGroups: [
      ...asList(body.referenced_security_group_id),
      ...asList(body.source_security_group_id),
      ...asList(body.security_groups),
      ...(body.self === true ? [groupReference] : []),
    ],
  };
}
