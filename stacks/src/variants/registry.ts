import { z } from 'zod';
import type { EnvironmentConfig } from '../config/environment-schema';
import { NAT_EGRESS } from './nat-egress/nat-egress-variant';
import { PRIVATE_ONLY } from './private-only/private-only-variant';
import { PRIVATELINK } from './privatelink/privatelink-variant';
import type { Variant } from './variant';

/**
 * Every variant, in stack order: the one list the config schema, the stacks of an environment, the cost report's
 * order, `npm run new-env` and the guardrails' intents derive from. A new variant is one line here.
 */
export const VARIANTS = [PRIVATE_ONLY, NAT_EGRESS, PRIVATELINK] as const;

/** One of the registered variant modules. */
export type RegisteredVariant = (typeof VARIANTS)[number];

/** The keys under `variants` in the environment config. */
export type VariantKey = RegisteredVariant['configKey'];

/** The settings of one variant in a config that deploys it. */
export type VariantSettings<K extends VariantKey> = z.output<
  Extract<RegisteredVariant, { configKey: K }>['settingsSchema']
>;

type VariantsShape = { [V in RegisteredVariant as V['configKey']]: z.ZodOptional<V['settingsSchema']> };

/** The schema of `variants` in the environment config: each registered variant's settings, at least one. */
export const variantsSchema = z
  .object(
    Object.fromEntries(
      VARIANTS.map((variant) => [variant.configKey, variant.settingsSchema.optional()]),
    ) as VariantsShape,
    { error: `must name the variants to deploy, e.g. { ${VARIANTS[0].configKey}: { cidr: "10.11.0.0/16" } }` },
  )
  .strict()
  .refine((variants) => Object.values(variants).some((settings) => settings !== undefined), {
    message: `names no variant; deploy at least one of ${VARIANTS.map((variant) => variant.configKey).join(', ')}`,
  });

/** The variants an environment deploys (those with settings under `variants`), in stack order. */
export function variantsOf(config: EnvironmentConfig): RegisteredVariant[] {
  return VARIANTS.filter((variant) => (config.variants as Record<string, unknown>)[variant.configKey] !== undefined);
}

/** The settings of variant `key`; throws when the environment leaves that variant out (its stack is never built). */
export function variantSettings<K extends VariantKey>(config: EnvironmentConfig, key: K): VariantSettings<K> {
  return VARIANTS.find((variant) => variant.configKey === key)!.settingsOf(config) as VariantSettings<K>;
}

/** The variant module named `name` (a stack's `variant` tag), if one is registered. */
export function variantNamed(name: string | undefined): Variant | undefined {
  return VARIANTS.find((variant) => variant.name === name);
}
