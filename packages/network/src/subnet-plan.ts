import { Ipv4Cidr } from '@lambda-vpc/stack-model';
import { subnetPrefixLengthProblem } from './aws-limits';
import { SubnetType } from './subnet-type';

/** One tier of subnets in the plan. */
export interface SubnetTierSpec {
  /** The tier's routing behaviour. */
  readonly type: SubnetType;
  /**
   * Prefix length of each subnet in the tier (one subnet per AZ). AWS reserves five addresses per subnet;
   * a Lambda function needs one address per Hyperplane ENI (one per subnet and security-group combination),
   * so the private tiers are sized for whatever else lives there (databases, caches).
   */
  readonly prefixLength: number;
}

/** Options of the CIDR plan. */
export interface SubnetPlanProps {
  /** The VPC's CIDR block. */
  readonly vpcCidr: string;
  /** Availability zones, in order; a subnet's slot in its tier is its AZ's index here. */
  readonly availabilityZones: readonly string[];
  /** Tiers, in allocation order. At most one tier of each type. */
  readonly tiers: readonly SubnetTierSpec[];
  /**
   * How many AZ slots each tier reserves. Reserving more slots than AZs means adding an AZ later gives a
   * new subnet without moving any existing one (a moved CIDR is a destroy-and-create of the subnet).
   * @default DEFAULT_RESERVED_AZ_SLOTS (4)
   */
  readonly reservedAzSlots?: number;
}

/** The AZ slots each tier reserves unless told otherwise: the most AZs a plan holds by default. */
export const DEFAULT_RESERVED_AZ_SLOTS = 4;

/** A subnet's place in the plan. */
export interface PlannedSubnet {
  readonly type: SubnetType;
  readonly availabilityZone: string;
  readonly cidrBlock: string;
}

/**
 * A deterministic CIDR plan. Tiers are laid out in order; each tier takes an aligned block of
 * `reservedAzSlots` subnets, and the subnet in AZ number i takes slot i of its tier's block.
 * The same inputs always give the same CIDRs, and no two planned subnets overlap.
 */
export function planSubnets(props: SubnetPlanProps): PlannedSubnet[] {
  const vpc = Ipv4Cidr.parse(props.vpcCidr);
  const slots = props.reservedAzSlots ?? DEFAULT_RESERVED_AZ_SLOTS;
  const azs = props.availabilityZones;
  if (azs.length === 0) {
    throw new Error('the subnet plan needs at least one availability zone');
  }
  if (new Set(azs).size !== azs.length) {
    throw new Error(`availability zones are listed twice: ${azs.join(', ')}`);
  }
  if (!Number.isInteger(slots) || slots < azs.length || (slots & (slots - 1)) !== 0) {
    throw new Error(
      `reservedAzSlots must be a power of two and at least the number of AZs (${azs.length}); got ${slots}`,
    );
  }
  const types = props.tiers.map((tier) => tier.type);
  if (new Set(types).size !== types.length) {
    throw new Error(`each subnet tier may appear once; got ${types.join(', ')}`);
  }

  const planned: PlannedSubnet[] = [];
  let next = vpc.network;
  for (const tier of props.tiers) {
    const problem = subnetPrefixLengthProblem(tier.prefixLength);
    if (problem !== undefined) {
      throw new Error(`the ${tier.type} tier's prefixLength = ${tier.prefixLength}: ${problem}`);
    }
    const tierPrefix = tier.prefixLength - Math.log2(slots);
    const tierSize = Ipv4Cidr.sizeOf(tierPrefix);
    const start = Math.ceil(next / tierSize) * tierSize;
    const tierBlock = tierPrefix >= 0 && start + tierSize <= vpc.end ? Ipv4Cidr.at(start, tierPrefix) : undefined;
    if (!tierBlock) {
      throw new Error(
        `VPC ${vpc} is too small: the ${tier.type} tier needs ${slots} subnets of /${tier.prefixLength} ` +
          `(${tierSize} addresses) after the tiers before it; use a larger VPC CIDR or smaller subnets`,
      );
    }
    azs.forEach((availabilityZone, index) => {
      const subnet = Ipv4Cidr.at(tierBlock.network + index * Ipv4Cidr.sizeOf(tier.prefixLength), tier.prefixLength);
      planned.push({ type: tier.type, availabilityZone, cidrBlock: subnet.toString() });
    });
    next = tierBlock.end;
  }
  return planned;
}
