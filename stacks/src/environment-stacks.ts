import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment-schema';
import { VariantKey, variantsOf } from './config/variant';
import { NatEgressStack } from './nat-egress/nat-egress-stack';
import { PrivateOnlyStack } from './private-only/private-only-stack';
import { PrivateLinkStack } from './privatelink/privatelink-stack';
import { BlueprintStack } from './shared/blueprint-stack';

const STACK_OF_VARIANT: Readonly<Record<VariantKey, new (app: App, config: EnvironmentConfig) => BlueprintStack>> = {
  privateOnly: PrivateOnlyStack,
  natEgress: NatEgressStack,
  privatelink: PrivateLinkStack,
};

/**
 * Adds the stacks of the variants one environment deploys, in the order `<env>-private-only`,
 * `<env>-nat-egress`, `<env>-privatelink`; a variant left out of `variants` gets no stack.
 */
export function addEnvironmentStacks(app: App, config: EnvironmentConfig): BlueprintStack[] {
  return variantsOf(config).map((variant) => new STACK_OF_VARIANT[variant.configKey](app, config));
}

/** The environment's variant stacks, in stack order: `<env>-private-only`, `<env>-nat-egress`, `<env>-privatelink`. */
export function environmentStackNames(config: EnvironmentConfig): string[] {
  return variantsOf(config).map((variant) => `${config.name}-${variant.name}`);
}
