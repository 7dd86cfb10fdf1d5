// The private address space the generated environments share: RFC 1918 cut into /16 slots, one slot per VPC or outside
// network, so no two generated ranges overlap (within an environment or across environments) by construction.
import { planSubnets, SubnetTierSpec } from '@lambda-vpc/network';

/** The /16 slots of the private ranges, in order: 10.0-255, 172.16-31, then 192.168. */
const SLOT_PREFIXES: readonly string[] = [
  ...Array.from({ length: 256 }, (_, second) => `10.${second}`),
  ...Array.from({ length: 16 }, (_, second) => `172.${16 + second}`),
  '192.168',
];

/** How many /16 slots there are to hand out. */
export const SLOT_COUNT = SLOT_PREFIXES.length;

/** The smallest and largest VPC prefix lengths AWS accepts. */
export const VPC_PREFIX = { min: 16, max: 28 } as const;

/**
 * The block of prefix length `prefixLength` at position `offset` (taken modulo the blocks that fit) inside slot `slot`:
 * `10.7.0.0/16`, `10.7.64.0/18`.
 */
export function blockInSlot(slot: number, prefixLength: number, offset: number): string {
  const blocks = 2 ** (prefixLength - VPC_PREFIX.min);
  const start = (offset % blocks) * 2 ** (32 - prefixLength);
  return `${SLOT_PREFIXES[slot]}.${Math.floor(start / 256)}.${start % 256}/${prefixLength}`;
}

/**
 * Each requested slot made distinct: a slot already taken moves to the next free one. Requests keep their order, so
 * a shrunk case keeps its slots where it can.
 */
export function distinctSlots(requested: readonly number[]): number[] {
  const taken = new Set<number>();
  return requested.map((wanted) => {
    let slot = wanted % SLOT_COUNT;
    while (taken.has(slot)) slot = (slot + 1) % SLOT_COUNT;
    taken.add(slot);
    return slot;
  });
}

/**
 * The longest VPC prefix (the smallest VPC) whose subnet plan fits `tiers` over `availabilityZones`, as the subnet plan
 * itself decides; `undefined` when not even a /16 fits them.
 */
export function smallestFittingPrefix(
  tiers: readonly SubnetTierSpec[],
  availabilityZones: readonly string[],
): number | undefined {
  for (let prefixLength = VPC_PREFIX.max; prefixLength >= VPC_PREFIX.min; prefixLength--) {
    try {
      planSubnets({ vpcCidr: `10.0.0.0/${prefixLength}`, availabilityZones, tiers });
      return prefixLength;
    } catch {
      // Too small: try the next larger VPC.
    }
  }
  return undefined;
}
