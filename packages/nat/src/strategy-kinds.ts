// The strategy names and how many NATs each makes: owned here, read by the environment config and its checks.

/** Names of the strategies, as environment config spells them: this package owns them. */
export const NAT_STRATEGY_KINDS = ['gateway-per-az', 'single-gateway', 'instance', 'self-healing-instance'] as const;

/** A strategy's name, as environment config spells it. */
export type NatStrategyKind = (typeof NAT_STRATEGY_KINDS)[number];

/**
 * How many NATs a strategy creates over `availabilityZones` AZs: one per AZ for `gateway-per-az` and
 * `self-healing-instance`, else one.
 */
export function natCountOf(kind: NatStrategyKind, availabilityZones: number): number {
  return kind === 'gateway-per-az' || kind === 'self-healing-instance' ? availabilityZones : 1;
}
