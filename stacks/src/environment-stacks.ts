import { App } from 'cdktf';
import type { EnvironmentConfig } from './config/environment-schema';
import { BlueprintStack } from './shared/blueprint-stack';
import { variantsOf } from './variants/registry';

/**
 * Adds the stacks of the variants one environment deploys, in registry order (`<env>-private-only`,
 * `<env>-nat-egress`, `<env>-privatelink`); a variant left out of `variants` gets no stack.
 */
export function addEnvironmentStacks(app: App, config: EnvironmentConfig): BlueprintStack[] {
  return variantsOf(config).map((variant) => variant.stackOf(app, config));
}

/**
 * The environment's variant stacks, in registry order: `<env>-private-only`, `<env>-nat-egress`, `<env>-privatelink`.
 */
export function environmentStackNames(config: EnvironmentConfig): string[] {
  return variantsOf(config).map((variant) => `${config.name}-${variant.name}`);
}
