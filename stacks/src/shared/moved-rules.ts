import type { ConnectionRule } from '@lambda-vpc/network';

/**
 * Says where a security group rule stood before rule IDs came from content (peer and port) instead of a scheme of
 * its own or a position in a list: Terraform moves the rule's state to its new address instead of destroying and
 * re-creating it, and the address ledger (tests/addresses) shows the move. `oldName` is the rule's former name,
 * the part of the address after `<type>.`.
 */
export function movedFrom(rule: ConnectionRule, oldName: string): void {
  rule.resource.moveFromId(`${rule.resource.terraformResourceType}.${oldName}`);
}

/** The CIDR a rule names, if it names one. */
export function cidrOf(rule: ConnectionRule): string | undefined {
  return 'cidrIpv4' in rule.peer.ruleTarget ? rule.peer.ruleTarget.cidrIpv4 : undefined;
}
