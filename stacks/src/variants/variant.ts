import type { Construct } from 'constructs';
import type { z } from 'zod';
import type { SubnetTierSpec } from '@lambda-vpc/network';
import type { NetworkIntent } from '@lambda-vpc/stack-model';
import type { EnvironmentConfig } from '../config/environment-schema';
import type { BlueprintStack } from '../shared/blueprint-stack';
import { publishNetworkHandles } from '../shared/network-handles';

/** The settings every variant has: its VPC's CIDR, distinct from every other VPC in the repository. */
export interface VariantSettingsBase {
  /** The variant's VPC CIDR. */
  readonly cidr: string;
}

/** A problem a variant finds in its own settings, at a path below `variants.<configKey>`. */
export interface VariantSettingsProblem {
  /** Where, below the variant's settings, e.g. `['nat', 'eipAllocationIds']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong, and what is allowed. */
  readonly message: string;
}

/** What `npm run new-env` knows when it writes a new environment's settings for a variant. */
export interface VariantScaffoldContext {
  /** The variant's share of the environment's block, e.g. `10.40.0.0/18`. */
  readonly cidr: string;
  /** The share's prefix length (18 for a /18), from which subnet sizes follow: four AZ slots per tier fit in it. */
  readonly prefixLength: number;
  /** The NAT strategy asked for (`--nat`). */
  readonly nat: string;
}

/** A settings value that may not have parsed: what a variant's own checks may read without trusting the schema. */
export type UncheckedSettings = { readonly [key: string]: unknown };

/**
 * A blueprint variant in one module: its names, its config schema, its subnet tiers, its network intent and the
 * stack that builds it. The registry (`variants/registry.ts`) lists the modules; the config schema, the stack
 * list, the cost report's order, `npm run new-env` and the guardrails that hold a stack to its promise all derive
 * from it, so a new variant is a module, its handler, one registry line and the environments that deploy it.
 */
export interface VariantDefinition<Key extends string, Schema extends z.ZodType<VariantSettingsBase>> {
  /** Stack and resource name part, e.g. `nat-egress` in `dev-nat-egress`. */
  readonly name: string;
  /** Key under `variants` in the environment config, e.g. `natEgress`. */
  readonly configKey: Key;
  /** What the variant is, one line (docs and `npm run new-env`). */
  readonly summary: string;
  /** The schema of the variant's settings under `variants.<configKey>`. */
  readonly settingsSchema: Schema;
  /** What the variant promises about its functions' network paths; guardrails and reachability hold stacks to it. */
  readonly intent: NetworkIntent;
  /** The VPC's subnet tiers, sized by the settings. */
  subnetTiers(settings: z.output<Schema>): SubnetTierSpec[];
  /**
   * The rules that span the variant's settings and the environment (e.g. AZ counts), run even when other fields
   * are wrong; each skips what it cannot read.
   * @default no rules beyond the schema
   */
  checkSettings?(
    settings: UncheckedSettings,
    environment: { readonly availabilityZones: readonly string[] },
  ): VariantSettingsProblem[];
  /** The settings `npm run new-env` writes for a new environment. */
  scaffold(context: VariantScaffoldContext): z.input<Schema>;
  /** Builds the variant's stack, `<env>-<name>`, for an environment that deploys it. */
  createStack(scope: Construct, props: VariantStackProps<z.output<Schema>>): BlueprintStack;
}

/** What a variant's stack is built from. */
export interface VariantStackProps<Settings> {
  /** The validated environment config. */
  readonly config: EnvironmentConfig;
  /** The variant's settings in that config. */
  readonly settings: Settings;
  /** The variant module itself (its name, tiers and intent). */
  readonly variant: Variant;
}

/** A variant module, with the settings of an environment config read through it. */
export interface Variant<
  Key extends string = string,
  Schema extends z.ZodType<VariantSettingsBase> = z.ZodType<VariantSettingsBase>,
> extends VariantDefinition<Key, Schema> {
  /** The variant's settings in `config`; throws when the environment does not deploy the variant. */
  settingsOf(config: EnvironmentConfig): z.output<Schema>;
  /** The variant's VPC CIDR in an environment that deploys it. */
  cidrOf(config: EnvironmentConfig): string;
  /** The variant's subnet tiers in an environment that deploys it. */
  subnetTiersOf(config: EnvironmentConfig): SubnetTierSpec[];
  /**
   * Builds the variant's stack for an environment that deploys it, from the variant's settings there, and publishes
   * its network's handles as SSM parameters (`shared/network-handles.ts`).
   */
  stackOf(scope: Construct, config: EnvironmentConfig): BlueprintStack;
}

/** A variant module from its definition (keeping its literal config key and schema type for the config's type). */
export function defineVariant<const Key extends string, Schema extends z.ZodType<VariantSettingsBase>>(
  definition: VariantDefinition<Key, Schema>,
): Variant<Key, Schema> {
  const settingsOf = (config: EnvironmentConfig): z.output<Schema> => {
    const settings = (config.variants as Record<string, unknown>)[definition.configKey];
    if (settings === undefined)
      throw new Error(`environment "${config.name}" does not deploy variants.${definition.configKey}`);
    return settings as z.output<Schema>;
  };
  const variant: Variant<Key, Schema> = {
    ...definition,
    settingsOf,
    cidrOf: (config) => settingsOf(config).cidr,
    subnetTiersOf: (config) => definition.subnetTiers(settingsOf(config)),
    stackOf: (scope, config) => {
      const stack = definition.createStack(scope, { config, settings: settingsOf(config), variant });
      publishNetworkHandles(stack);
      return stack;
    },
  };
  return variant;
}
