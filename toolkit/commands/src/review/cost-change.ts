// The fixed monthly cost of a stack before and after a change: the items that cost the same whatever the traffic
// (NAT gateway and instance hours, public IPv4, endpoint AZ-hours, keys), from the JSON and the price table. The
// variable items depend on assumed traffic, not on the change, and are left out.
import { estimateMonthlyCost, roundCents, stackRegion, TrafficAssumptions } from '@lambda-vpc/cost';
import type { StackJson } from '@lambda-vpc/stack-model';

/** The fixed monthly cost, USD rounded to cents; 0 on a side without the stack. */
export interface CostChange {
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

function fixedCost(stack: string, json: StackJson | undefined, assumptions?: Partial<TrafficAssumptions>): number {
  return json ? estimateMonthlyCost(stack, json, stackRegion(json), assumptions).fixedMonthlyUsd : 0;
}

/** The fixed monthly cost of both versions, both with the same traffic assumptions (the defaults unless given). */
export function costChange(
  stack: string,
  before: StackJson | undefined,
  after: StackJson | undefined,
  assumptions?: Partial<TrafficAssumptions>,
): CostChange {
  const old = fixedCost(stack, before, assumptions);
  const now = fixedCost(stack, after, assumptions);
  return { before: old, after: now, delta: roundCents(now - old) };
}

/** `$12.34` */
export const usd = (value: number): string => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;

/** `+$32.22`, `-$4.00`, `$0.00` */
export const signedUsd = (value: number): string => (value > 0 ? `+${usd(value)}` : usd(value));
