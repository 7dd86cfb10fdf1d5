/**
 * The traffic and time assumptions behind the per-GB and per-hour figures of an estimate. Each figure is per
 * stack and per month; set them from measured traffic (NAT gateway and endpoint `BytesProcessed` metrics,
 * flow-log group `IncomingBytes`) once a stack runs.
 */
export interface TrafficAssumptions {
  /**
   * GB a month processed by the stack's NATs (both directions), split evenly over its NATs. Only NAT
   * gateways charge for processing; a NAT instance's share costs nothing here. Internet data transfer out is
   * charged on top either way and is not estimated.
   * @default 50
   */
  readonly natGbPerMonth: number;
  /**
   * Of `natGbPerMonth`, the GB a month to and from S3 in the stack's region. A stack with an S3 gateway endpoint sends
   * it there instead, at no charge, so its NATs process only the rest; without one it stays NAT traffic.
   * @default 10
   */
  readonly s3GbPerMonth: number;
  /**
   * GB a month processed by the stack's interface endpoints (both directions), all endpoints together.
   * @default 10
   */
  readonly interfaceEndpointGbPerMonth: number;
  /**
   * GB a month of flow-log records ingested into CloudWatch Logs, all the stack's flow logs together.
   * @default 5
   */
  readonly flowLogGbPerMonth: number;
  /**
   * Hours in a month, for every hourly item (365 days x 24 hours / 12 months).
   * @default 730
   */
  readonly hoursPerMonth: number;
}

/** The documented defaults of every assumption. */
export const DEFAULT_ASSUMPTIONS: TrafficAssumptions = Object.freeze({
  natGbPerMonth: 50,
  s3GbPerMonth: 10,
  interfaceEndpointGbPerMonth: 10,
  flowLogGbPerMonth: 5,
  hoursPerMonth: 730,
});

/** The defaults with `overrides` on top; every value must be a finite number, zero or more (hours: more than zero). */
export function resolveAssumptions(overrides: Partial<TrafficAssumptions> = {}): TrafficAssumptions {
  const resolved: Record<string, number> = { ...DEFAULT_ASSUMPTIONS };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_ASSUMPTIONS, key)) {
      throw new Error(`unknown traffic assumption "${key}"; allowed: ${Object.keys(DEFAULT_ASSUMPTIONS).join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (key === 'hoursPerMonth' && value === 0)) {
      throw new Error(
        `traffic assumption ${key} = ${String(value)}: must be a finite number, ` +
          `${key === 'hoursPerMonth' ? 'more than zero' : 'zero or more'}`,
      );
    }
    resolved[key] = value;
  }
  return Object.freeze(resolved as unknown as TrafficAssumptions);
}
