import { EnvironmentConfig } from './environment-schema';

/** A blueprint variant: its stack-name suffix and where its settings live in the environment config. */
export interface Variant {
  /** Stack and resource name part, e.g. `nat-egress` in `dev-nat-egress`. */
  readonly name: string;
  /** Key under `variants` in the environment config. */
  readonly configKey: keyof EnvironmentConfig['variants'];
  /** The variant's VPC CIDR in an environment. */
  cidrOf(config: EnvironmentConfig): string;
}

/** NAT-egress: private subnets reach the internet through NAT; DynamoDB through a gateway endpoint. */
export const NAT_EGRESS: Variant = {
  name: 'nat-egress',
  configKey: 'natEgress',
  cidrOf: (config) => config.variants.natEgress.cidr,
};

/** Every variant an environment synthesizes, in stack order. */
export const VARIANTS: readonly Variant[] = [NAT_EGRESS];
