import { SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import type { EnvironmentConfig } from './environment-schema';

/** The keys under `variants` in the environment config. */
export type VariantKey = keyof EnvironmentConfig['variants'];

/** The settings of one variant in a config that deploys it. */
export type VariantSettings<K extends VariantKey> = NonNullable<EnvironmentConfig['variants'][K]>;

/** A blueprint variant: its stack-name suffix and where its settings live in the environment config. */
export interface Variant {
  /** Stack and resource name part, e.g. `nat-egress` in `dev-nat-egress`. */
  readonly name: string;
  /** Key under `variants` in the environment config. */
  readonly configKey: VariantKey;
  /** The variant's VPC CIDR in an environment that deploys it. */
  cidrOf(config: EnvironmentConfig): string;
  /** The variant's subnet tiers, sized by the environment's config. */
  subnetTiersOf(config: EnvironmentConfig): SubnetTierSpec[];
}

/** The settings of variant `key`; throws when the environment leaves that variant out (its stack is never built). */
export function variantSettings<K extends VariantKey>(config: EnvironmentConfig, key: K): VariantSettings<K> {
  const settings = config.variants[key];
  if (settings === undefined) throw new Error(`environment "${config.name}" does not deploy variants.${key}`);
  return settings as VariantSettings<K>;
}

/** Private-only: isolated subnets, no route to the internet anywhere; AWS services through endpoints. */
export const PRIVATE_ONLY: Variant = {
  name: 'private-only',
  configKey: 'privateOnly',
  cidrOf: (config) => variantSettings(config, 'privateOnly').cidr,
  subnetTiersOf: (config) => [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: variantSettings(config, 'privateOnly').isolatedSubnetPrefixLength }],
};

/** NAT-egress: private subnets reach the internet through NAT; DynamoDB through a gateway endpoint. */
export const NAT_EGRESS: Variant = {
  name: 'nat-egress',
  configKey: 'natEgress',
  cidrOf: (config) => variantSettings(config, 'natEgress').cidr,
  subnetTiersOf: (config) => [
    { type: SubnetType.PUBLIC, prefixLength: variantSettings(config, 'natEgress').publicSubnetPrefixLength },
    { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: variantSettings(config, 'natEgress').privateSubnetPrefixLength },
  ],
};

/** PrivateLink: a function invokes another through a Lambda interface endpoint, with no NAT and no IGW. */
export const PRIVATELINK: Variant = {
  name: 'privatelink',
  configKey: 'privatelink',
  cidrOf: (config) => variantSettings(config, 'privatelink').cidr,
  subnetTiersOf: (config) => [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: variantSettings(config, 'privatelink').isolatedSubnetPrefixLength }],
};

/** Every variant, in stack order. */
export const VARIANTS: readonly Variant[] = [PRIVATE_ONLY, NAT_EGRESS, PRIVATELINK];

/** The variants an environment deploys (those with settings under `variants`), in stack order. */
export function variantsOf(config: EnvironmentConfig): Variant[] {
  return VARIANTS.filter((variant) => config.variants[variant.configKey] !== undefined);
}
