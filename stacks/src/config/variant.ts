import { SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import type { EnvironmentConfig } from './environment-schema';

/** A blueprint variant: its stack-name suffix and where its settings live in the environment config. */
export interface Variant {
  /** Stack and resource name part, e.g. `nat-egress` in `dev-nat-egress`. */
  readonly name: string;
  /** Key under `variants` in the environment config. */
  readonly configKey: keyof EnvironmentConfig['variants'];
  /** The variant's VPC CIDR in an environment. */
  cidrOf(config: EnvironmentConfig): string;
  /** The variant's subnet tiers, sized by the environment's config. */
  subnetTiersOf(config: EnvironmentConfig): SubnetTierSpec[];
}

/** Private-only: isolated subnets, no route to the internet anywhere; AWS services through endpoints. */
export const PRIVATE_ONLY: Variant = {
  name: 'private-only',
  configKey: 'privateOnly',
  cidrOf: (config) => config.variants.privateOnly.cidr,
  subnetTiersOf: (config) => [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: config.variants.privateOnly.isolatedSubnetPrefixLength }],
};

/** NAT-egress: private subnets reach the internet through NAT; DynamoDB through a gateway endpoint. */
export const NAT_EGRESS: Variant = {
  name: 'nat-egress',
  configKey: 'natEgress',
  cidrOf: (config) => config.variants.natEgress.cidr,
  subnetTiersOf: (config) => [
    { type: SubnetType.PUBLIC, prefixLength: config.variants.natEgress.publicSubnetPrefixLength },
    { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: config.variants.natEgress.privateSubnetPrefixLength },
  ],
};

/** PrivateLink: a function invokes another through a Lambda interface endpoint, with no NAT and no IGW. */
export const PRIVATELINK: Variant = {
  name: 'privatelink',
  configKey: 'privatelink',
  cidrOf: (config) => config.variants.privatelink.cidr,
  subnetTiersOf: (config) => [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: config.variants.privatelink.isolatedSubnetPrefixLength }],
};

/** Every variant an environment synthesizes, in stack order. */
export const VARIANTS: readonly Variant[] = [PRIVATE_ONLY, NAT_EGRESS, PRIVATELINK];
