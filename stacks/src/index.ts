// The stacks package's API, by purpose. What is not listed here is internal to the package.

// Environment config: what an app writes (EnvironmentInput), what the schema makes of it, and its problems.
export { KNOWN_REGIONS, SUPPORTED_RUNTIMES } from './config/aws-limits';
// Limits a construct owns, re-exported so the config's API still lists every value it checks against.
export { LAMBDA_MEMORY_MB, LAMBDA_TIMEOUT_SECONDS } from '@lambda-vpc/lambda';
export { LOG_RETENTION_DAYS } from '@lambda-vpc/network';
export {
  AVAILABILITY_ZONES_AS_OF,
  availabilityZoneNames,
  availabilityZoneProblem,
  REGION_AVAILABILITY_ZONES,
  RegionZones,
} from './config/availability-zones';
export { ConfigError, ConfigProblem, formatProblem } from './config/config-error';
export { BLAME_LATER, blameChanged, BlameRule, RepositoryEnvironment } from './config/cross-environment-rules';
export { EnvironmentConfig, EnvironmentInput, environmentSchema, EnvironmentValues } from './config/environment-schema';
export { loadAppEnvironment, loadEnvironments, LoadOptions } from './config/load-environments';

// The variants: each one module (name, config schema, subnet tiers, intent, stack), listed once in the registry.
export {
  defineVariant,
  Variant,
  VariantDefinition,
  VariantScaffoldContext,
  VariantSettingsBase,
  VariantSettingsProblem,
  VariantStackProps,
} from './variants/variant';
export {
  RegisteredVariant,
  VariantKey,
  VARIANTS,
  variantNamed,
  variantSettings,
  VariantSettings,
  variantsOf,
  variantsSchema,
} from './variants/registry';
export { PRIVATE_ONLY, PrivateOnlySettings } from './variants/private-only/private-only-variant';
export { NAT_EGRESS, NatEgressSettings } from './variants/nat-egress/nat-egress-variant';
export { PRIVATELINK, PrivatelinkSettings } from './variants/privatelink/privatelink-variant';

// The variant patterns: each variant's network and functions, what both its environment stack and its example build.
export { PatternFunctionProps, PatternNetworkProps } from './variants/pattern-props';
export {
  PrivateOnlyApiAccess,
  PrivateOnlyObjectAccess,
  PrivateOnlyPattern,
  PrivateOnlyPatternProps,
  PrivateOnlyTableAccess,
} from './variants/private-only/private-only-pattern';
export { NatEgressPattern, NatEgressPatternProps } from './variants/nat-egress/nat-egress-pattern';
export { PrivateLinkPattern, PrivateLinkPatternProps } from './variants/privatelink/privatelink-pattern';
export {
  ResolverInboundEndpoint,
  ResolverInboundEndpointPlan,
  ResolverInboundEndpointProps,
} from './variants/privatelink/resolver-inbound-endpoint';

// Environment apps and synthesis: each app's main, the root app, and the repository scripts.
export {
  EnvironmentApp,
  loadEnvironmentApps,
  loadRepositoryEnvironments,
  runEnvironmentApp,
  synthEnvironmentApp,
} from './environment-apps';
export { addEnvironmentStacks, environmentStackNames } from './environment-stacks';
export {
  reportSynth,
  reportSynthFailure,
  runSynth,
  synthEnvironments,
  SynthOptions,
  SynthPhases,
  SynthResult,
  synthStacks,
} from './synth';
export { CREATION_STACK_HINT, DEBUG_VARIABLE } from './creation-stacks';

// The variant stacks, and the base a team's own stack extends (SynthOptions.addStacks).
export { NatEgressStack } from './variants/nat-egress/nat-egress-stack';
export { PrivateOnlyStack } from './variants/private-only/private-only-stack';
export { PrivateLinkStack } from './variants/privatelink/privatelink-stack';
export { AWS_PROVIDER_VERSION, BlueprintStack, BlueprintStackProps } from './shared/blueprint-stack';
export { configureExampleStack, ExampleStackSettings } from './shared/example-provider';

// Emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT): the engine checks' local AWS. A stack outside this package (the
// Terraform Cloud bootstrap's) follows it with the endpoint its app was synthesized for and the provider settings.
export {
  EMULATED_SERVICES,
  EMULATOR_VARIABLE,
  EmulatorEndpointError,
  emulatorEndpointFromEnvironment,
  emulatorEndpointOf,
  emulatorProviderSettings,
  emulatorStateFile,
} from './shared/emulator';

// What a stack outside this package shares with the variant stacks (the Terraform Cloud bootstrap's): readable
// Terraform addresses, and the workspace name the `cloud` backend gives each stack.
export { ReadableAddresses } from './shared/readable-addresses';
export { cloudWorkspaceName } from './shared/backend';

// The variant stacks' DynamoDB table, for a team's stack that wants the same one (examples/own-function).
export { ItemsTable, ItemsTableProps } from './shared/items-table';
