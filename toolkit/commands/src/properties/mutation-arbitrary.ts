// Invalid repositories: a valid one with exactly one field of one environment moved out of its domain, recording which
// field, so a property can hold the config check to one problem line naming it.
import fc from 'fast-check';
import { ENDPOINT_SERVICE_ACTION_PREFIXES } from '@lambda-vpc/endpoints';
import type { EnvironmentInput } from '@lambda-vpc/stacks';
import { NAT_EGRESS, PRIVATE_ONLY, PRIVATELINK, VARIANTS } from '@lambda-vpc/stacks';
import { smallestFittingPrefix } from './address-space';
import { repositoryArbitrary } from './environment-arbitrary';

/** A repository with one field of one environment out of its domain. */
export interface Mutant {
  /** The environments, one of them changed. */
  readonly values: EnvironmentInput[];
  /** How the config check names the changed environment: its name, or `#<position>` when the name is unusable. */
  readonly environment: string;
  /** The dotted path of the changed field, as the config check reports it. */
  readonly field: string;
  /** What the field was changed to (undefined: a field removed). */
  readonly value: unknown;
  /** Which mutation, for the counterexample. */
  readonly mutation: string;
}

type Settings = Record<string, unknown> & { cidr?: string };
type Values = Record<string, unknown> & { variants: Record<string, Settings | undefined> };

/** One way to move a field out of its domain; undefined where the environment has no such field. */
interface Mutation {
  readonly name: string;
  readonly apply: (env: Values, earlierVpcs: readonly string[]) => Change | undefined;
}

/** A field set to a value; `reported` is the field the check names, when not the one set (a list entry's field). */
interface Change {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly reported?: readonly (string | number)[];
}

const at = (path: readonly (string | number)[], value: unknown): Change => ({ path, value });
/** A field of a variant's settings, when the environment deploys the variant. */
const inVariant =
  (key: string, field: readonly (string | number)[], value: (settings: Settings, env: Values) => unknown) =>
  (env: Values) => {
    const settings = env.variants[key];
    if (!settings) return undefined;
    // A mutation inside a list element needs the element (the list may be empty), and one of an element the list.
    const container = field
      .slice(0, -1)
      .reduce<unknown>((node, part) => (node as Record<string | number, unknown> | undefined)?.[part], settings);
    const last = field[field.length - 1]!;
    if (container === undefined) return undefined;
    if (typeof last === 'number' && (container as unknown[])[last] === undefined) return undefined;
    return at(['variants', key, ...field], value(settings, env));
  };
const privatelinkWith = (list: string) => (settings: Settings) =>
  Array.isArray(settings[list]) && (settings[list] as unknown[]).length > 0;

/** The VPC as `/n+1` at the same address when the tiers fit a /n at most: too small for its subnet plan. */
const tooSmall = (key: string) => (env: Values) => {
  const variant = VARIANTS.find((candidate) => candidate.configKey === key)!;
  const settings = env.variants[key];
  if (!settings) return undefined;
  const tiers = variant.subnetTiers(settings as never);
  const smallest = smallestFittingPrefix(tiers, env.availabilityZones as string[]);
  if (smallest === undefined || smallest >= 28) return undefined;
  return at(['variants', key, 'cidr'], `${settings.cidr!.split('/')[0]}/${smallest + 1}`);
};

/** The VPC widened to the /16 of a VPC earlier in the repository (one of its own, or of an earlier environment). */
const overlapping = (key: string) => (env: Values, earlierVpcs: readonly string[]) => {
  if (!env.variants[key] || earlierVpcs.length === 0) return undefined;
  const [first, second] = earlierVpcs[earlierVpcs.length - 1]!.split('.');
  return at(['variants', key, 'cidr'], `${first}.${second}.0.0/16`);
};

type EndpointValues = { service: string; actions: string[] };
const FIRST_ENDPOINT = ['variants', PRIVATE_ONLY.configKey, 'interfaceEndpoints', 0] as const;
/** Private-only's first interface endpoint, where the environment has one. */
const firstEndpoint = (env: Values): EndpointValues | undefined =>
  (env.variants.privateOnly?.interfaceEndpoints as EndpointValues[] | undefined)?.[0];

const MUTATIONS: readonly Mutation[] = [
  { name: 'name upper-case', apply: () => at(['name'], 'Prod-1') },
  { name: 'region unknown', apply: () => at(['region'], 'mars-east-1') },
  { name: 'account ID short', apply: () => at(['accountId'], '12345') },
  { name: 'no AZ', apply: () => at(['availabilityZones'], []) },
  {
    name: 'AZ of no region',
    apply: (env) => at(['availabilityZones', 0], `${env.region as string}z`),
  },
  {
    name: 'AZ twice',
    apply: (env) => {
      const zones = env.availabilityZones as string[];
      return at(['availabilityZones', zones.length], zones[0]);
    },
  },
  {
    name: 'one AZ with functions',
    apply: (env) => {
      const settings = Object.values(env.variants).filter((variant) => variant !== undefined);
      const eips = (env.variants.natEgress?.nat as Record<string, unknown> | undefined)?.eipAllocationIds;
      // Only where one AZ is the one mistake: no EIP list or resolver counted for more AZs.
      const counted = eips !== undefined || env.variants.privatelink?.resolverInboundEndpoint === true;
      return settings.some((variant) => variant.demoFunctions !== false) && !counted
        ? at(['availabilityZones'], (env.availabilityZones as string[]).slice(0, 1))
        : undefined;
    },
  },
  { name: 'log retention not offered', apply: () => at(['logRetentionInDays'], 4) },
  { name: 'reserved tag key', apply: () => at(['tags', 'aws:owner'], 'me') },
  { name: 'backend type unknown', apply: () => at(['backend', 'type'], 'gcs') },
  { name: 'negative NAT traffic', apply: () => at(['cost', 'natGbPerMonth'], -1) },
  { name: 'runtime unsupported', apply: () => at(['function', 'runtime'], 'python3.12') },
  { name: 'memory too small', apply: () => at(['function', 'memorySize'], 64) },
  { name: 'timeout too long', apply: () => at(['function', 'timeoutSeconds'], 901) },
  { name: 'protect not boolean', apply: () => at(['protectFromDestroy'], 'yes') },
  { name: 'no variant', apply: () => at(['variants'], {}) },
  { name: 'unknown field', apply: () => at(['regoin'], 'eu-west-1') },
  ...VARIANTS.flatMap((variant): Mutation[] => [
    { name: `${variant.configKey} public CIDR`, apply: inVariant(variant.configKey, ['cidr'], () => '8.8.0.0/16') },
    { name: `${variant.configKey} CIDR too small`, apply: tooSmall(variant.configKey) },
    { name: `${variant.configKey} CIDR overlapping`, apply: overlapping(variant.configKey) },
    {
      name: `${variant.configKey} demo not boolean`,
      apply: inVariant(variant.configKey, ['demoFunctions'], () => 'no'),
    },
  ]),
  {
    name: 'isolated subnet too small',
    apply: inVariant(PRIVATE_ONLY.configKey, ['isolatedSubnetPrefixLength'], () => 29),
  },
  {
    name: 'demo off with an interface endpoint',
    apply: (env) =>
      (env.variants.privateOnly?.interfaceEndpoints as unknown[] | undefined)?.length
        ? at(['variants', PRIVATE_ONLY.configKey, 'demoFunctions'], false)
        : undefined,
  },
  {
    name: 'endpoint service not a name',
    apply: inVariant(PRIVATE_ONLY.configKey, ['interfaceEndpoints', 0, 'service'], () => 'Secrets Manager'),
  },
  {
    name: 'endpoint service misspelt',
    apply: (env) => {
      const service = firstEndpoint(env)?.service;
      const misspelt = service && `${service.slice(0, -1)}x${service.slice(-1)}`;
      return misspelt && !Object.hasOwn(ENDPOINT_SERVICE_ACTION_PREFIXES, misspelt)
        ? at([...FIRST_ENDPOINT, 'service'], misspelt)
        : undefined;
    },
  },
  {
    name: 'endpoint service twice',
    apply: (env) => {
      const endpoints = env.variants.privateOnly?.interfaceEndpoints as EndpointValues[] | undefined;
      if (!endpoints?.length) return undefined;
      const copy = [...FIRST_ENDPOINT.slice(0, -1), endpoints.length];
      return { ...at(copy, endpoints[0]), reported: [...copy, 'service'] };
    },
  },
  {
    name: 'endpoint action of another service',
    apply: (env) => {
      const endpoint = firstEndpoint(env);
      if (!endpoint) return undefined;
      const other = ENDPOINT_SERVICE_ACTION_PREFIXES[endpoint.service]!.includes('sts') ? 's3' : 'sts';
      return at([...FIRST_ENDPOINT, 'actions', 0], `${other}:GetObject`);
    },
  },
  {
    name: 'endpoint action wildcard',
    apply: inVariant(PRIVATE_ONLY.configKey, ['interfaceEndpoints', 0, 'actions', 0], () => 'sts:*'),
  },
  { name: 'NAT strategy unknown', apply: inVariant(NAT_EGRESS.configKey, ['nat', 'strategy'], () => 'nat-gateway') },
  { name: 'NAT instance not arm64', apply: inVariant(NAT_EGRESS.configKey, ['nat', 'instanceType'], () => 't3.micro') },
  {
    name: 'EIP count',
    apply: inVariant(NAT_EGRESS.configKey, ['nat', 'eipAllocationIds'], (settings) => [
      ...(((settings.nat as Record<string, unknown>).eipAllocationIds as string[] | undefined) ?? []),
      'eipalloc-0123abcd',
      'eipalloc-4567abcd',
      'eipalloc-89abcdef',
      'eipalloc-0a0a0a0a',
      'eipalloc-0b0b0b0b',
    ]),
  },
  { name: 'probe URL not a URL', apply: inVariant(NAT_EGRESS.configKey, ['egressProbeUrl'], () => 'not a url') },
  { name: 'probe URL http', apply: inVariant(NAT_EGRESS.configKey, ['egressProbeUrl'], () => 'http://example.com/') },
  {
    name: 'probe URL port',
    apply: inVariant(NAT_EGRESS.configKey, ['egressProbeUrl'], () => 'https://example.com:8443/'),
  },
  {
    name: 'IPv6 egress unknown',
    apply: (env) =>
      env.variants.natEgress ? at(['variants', NAT_EGRESS.configKey, 'ipv6', 'egress'], 'nat64') : undefined,
  },
  { name: 'public subnet /15', apply: inVariant(NAT_EGRESS.configKey, ['publicSubnetPrefixLength'], () => 15) },
  {
    name: 'on-premises every address',
    apply: (env) =>
      privatelinkWith('onPremisesCidrs')(env.variants.privatelink ?? {})
        ? at(['variants', PRIVATELINK.configKey, 'onPremisesCidrs', 0], '0.0.0.0/0')
        : undefined,
  },
  {
    name: 'on-premises inside its VPC',
    apply: (env) =>
      privatelinkWith('onPremisesCidrs')(env.variants.privatelink ?? {})
        ? at(['variants', PRIVATELINK.configKey, 'onPremisesCidrs', 0], env.variants.privatelink!.cidr)
        : undefined,
  },
  {
    name: 'principal not an ARN',
    apply: (env) =>
      env.variants.privatelink?.allowedPrincipals
        ? at(['variants', PRIVATELINK.configKey, 'allowedPrincipals', 0], 'nobody')
        : undefined,
  },
  {
    name: 'remote caller name trailing dash',
    apply: inVariant(PRIVATELINK.configKey, ['remoteCallers', 0, 'name'], (settings) => {
      const [first] = settings.remoteCallers as { name: string }[];
      return `${first!.name}-`;
    }),
  },
  {
    name: 'remote caller VPC ID',
    apply: inVariant(PRIVATELINK.configKey, ['remoteCallers', 0, 'vpcId'], () => 'vpc-xyz'),
  },
  {
    name: 'remote caller join unknown',
    apply: inVariant(PRIVATELINK.configKey, ['remoteCallers', 0, 'join', 'type'], () => 'vpn'),
  },
  {
    name: 'remote caller inside its VPC',
    apply: inVariant(PRIVATELINK.configKey, ['remoteCallers', 0, 'cidr'], (settings) => settings.cidr),
  },
  {
    name: 'resolver not boolean',
    apply: inVariant(PRIVATELINK.configKey, ['resolverInboundEndpoint'], () => 'yes'),
  },
];

/** Sets `value` at `path` of `root`, making the objects on the way. */
function setAt(root: Record<string | number, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node = root;
  for (const part of path.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/** How the config check labels an environment: its name when it is a non-empty string, else its position. */
const labelOf = (values: Record<string, unknown>, index: number): string =>
  typeof values.name === 'string' && values.name ? values.name : `#${index + 1}`;

/** Applies the `choice`-th mutation that fits environment `pick` (both taken modulo what there is). */
export function mutate(valid: readonly EnvironmentInput[], pick: number, choice: number): Mutant {
  const values = structuredClone(valid) as Values[];
  const index = pick % values.length;
  const env = values[index]!;
  const earlierVpcs = values
    .slice(0, index + 1)
    .flatMap((other) => VARIANTS.flatMap((variant) => other.variants[variant.configKey]?.cidr ?? []));
  const fits = MUTATIONS.flatMap((mutation) => {
    // A VPC overlaps only VPCs before it in the repository, or it would be the earlier one that is blamed.
    const ownIndex = VARIANTS.findIndex((variant) => mutation.name.startsWith(`${variant.configKey} CIDR overlapping`));
    const before =
      ownIndex < 0
        ? earlierVpcs
        : earlierVpcs.slice(
            0,
            earlierVpcs.length -
              VARIANTS.slice(ownIndex).filter((variant) => env.variants[variant.configKey] !== undefined).length,
          );
    const change = mutation.apply(env, before);
    return change ? [{ mutation, change }] : [];
  });
  const { mutation, change } = fits[choice % fits.length]!;
  setAt(env, change.path, change.value);
  return {
    values: values as EnvironmentInput[],
    environment: labelOf(env, index),
    field: (change.reported ?? change.path).join('.'),
    value: change.value,
    mutation: mutation.name,
  };
}

/** A valid repository with exactly one field of one environment out of its domain. */
export const mutantArbitrary: fc.Arbitrary<Mutant> = fc
  .tuple(repositoryArbitrary, fc.nat(), fc.nat())
  .map(([valid, pick, choice]) => mutate(valid, pick, choice));
