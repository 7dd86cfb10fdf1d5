import { Ipv4Cidr, SecurityGroupRule, StackDocument } from '@lambda-vpc/stack-model';

const HTTPS_PORT = 443;

/** One end of an HTTPS connection: its security groups (as {@link groupKey}s) and the CIDRs of its subnets. */
export interface HttpsEnd {
  readonly groups: readonly string[];
  readonly cidrs: readonly Ipv4Cidr[];
}

/** A security group reference as a key: the group's address when it is in the stack, else the value as written. */
export const groupKey = (stack: StackDocument, reference: unknown): string =>
  stack.resolve(reference)?.address ?? String(reference);

/** Whether a rule carries TCP 443: all traffic, or TCP with 443 in its port range (none written: every port). */
function carriesHttps(rule: SecurityGroupRule): boolean {
  if (rule.protocol === 'all') return true;
  return rule.protocol === 'tcp' && (rule.fromPort ?? 0) <= HTTPS_PORT && HTTPS_PORT <= (rule.toPort ?? 65535);
}

/** Whether a rule names the other end: one of its groups, or IPv4 blocks holding every one of its subnets. */
function namesEnd(stack: StackDocument, rule: SecurityGroupRule, other: HttpsEnd): boolean {
  if (rule.peerGroups.some((peer) => other.groups.includes(groupKey(stack, peer)))) return true;
  const blocks = rule.ipv4.map((cidr) => Ipv4Cidr.read(cidr)).filter((cidr): cidr is Ipv4Cidr => cidr !== undefined);
  return other.cidrs.length > 0 && other.cidrs.every((cidr) => blocks.some((block) => block.contains(cidr)));
}

/**
 * Whether a rule of `owner`'s groups lets HTTPS go out to `other` (`egress`) or come in from it (`ingress`). Security
 * groups are stateful, so each side needs only its own direction.
 */
export function allowsHttps(
  stack: StackDocument,
  rules: readonly SecurityGroupRule[],
  direction: 'ingress' | 'egress',
  owner: HttpsEnd,
  other: HttpsEnd,
): boolean {
  return rules.some(
    (rule) =>
      rule.direction === direction &&
      owner.groups.includes(groupKey(stack, rule.groupReference)) &&
      carriesHttps(rule) &&
      namesEnd(stack, rule, other),
  );
}
