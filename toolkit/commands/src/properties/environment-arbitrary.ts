// Valid repositories of environments: one to three environments, each in a region with its real AZs (1 to 4, 2 or more
// for prod), every variant sized from the smallest VPC its subnet plan fits up to a /16, no range overlapping another
// within or across environments, and the outside networks (on-premises, remote callers) outside every VPC.
import fc from 'fast-check';
import type { EnvironmentInput } from '@lambda-vpc/stacks';
import { LOG_RETENTION_DAYS, SubnetTierSpec } from '@lambda-vpc/network';
import { natCountOf } from '@lambda-vpc/nat';
import {
  availabilityZoneNames,
  KNOWN_REGIONS,
  NAT_EGRESS,
  PRIVATE_ONLY,
  PRIVATELINK,
  SUPPORTED_RUNTIMES,
} from '@lambda-vpc/stacks';
import { blockInSlot, distinctSlots, smallestFittingPrefix, VPC_PREFIX } from './address-space';
import { backendArbitrary } from './backend-arbitrary';
import {
  natEgressDraft,
  NatEgressDraft,
  OutsideDraft,
  privateOnlyDraft,
  PrivateOnlyDraft,
  privatelinkDraft,
  PrivatelinkDraft,
  VpcDraft,
} from './variant-drafts';

/** One environment as drawn, before addresses are handed out. */
export interface EnvironmentDraft {
  /** The environment's name, unique in the repository. */
  readonly name: string;
  /** Its region. */
  readonly region: string;
  /** Real AZs of the region, each once. */
  readonly availabilityZones: readonly string[];
  /** A 12-digit account ID. */
  readonly accountId: string;
  /** @default left out: the schema's default */
  readonly logRetentionInDays?: number;
  /** @default left out: no tags */
  readonly tags?: Record<string, string>;
  /** @default left out: local state */
  readonly backend?: Record<string, unknown>;
  /** The demo functions' runtime, memory and timeout. @default left out: the schema's defaults */
  readonly function?: Record<string, unknown>;
  /** @default left out: not protected */
  readonly protectFromDestroy?: boolean;
  /** The private-only variant as drawn. @default not deployed */
  readonly privateOnly?: PrivateOnlyDraft;
  /** The nat-egress variant as drawn. @default not deployed */
  readonly natEgress?: NatEgressDraft;
  /** The privatelink variant as drawn. @default not deployed */
  readonly privatelink?: PrivatelinkDraft;
}

/** Environment names: the shipped ones (prod has its own AZ rule) and any other the schema allows. */
const environmentName = fc.oneof(fc.constantFrom('dev', 'staging', 'prod'), fc.stringMatching(/^[a-z][a-z0-9]{1,11}$/));

const regionAndZones = fc.constantFrom(...KNOWN_REGIONS).chain((region) =>
  fc.record({
    region: fc.constant(region),
    zones: fc.shuffledSubarray(availabilityZoneNames(region), {
      minLength: 1,
      maxLength: Math.min(4, availabilityZoneNames(region).length),
    }),
  }),
);

const environmentDraft: fc.Arbitrary<EnvironmentDraft> = fc
  .record(
    {
      name: environmentName,
      place: regionAndZones,
      accountId: fc.stringMatching(/^\d{12}$/),
      logRetentionInDays: fc.constantFrom(...LOG_RETENTION_DAYS),
      tags: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), fc.stringMatching(/^[a-z0-9 -]{0,20}$/), {
        maxKeys: 2,
      }),
      backend: backendArbitrary,
      function: fc.record(
        {
          runtime: fc.constantFrom(...SUPPORTED_RUNTIMES),
          memorySize: fc.constantFrom(128, 256, 512, 1024, 3008),
          timeoutSeconds: fc.constantFrom(3, 15, 60, 900),
        },
        { requiredKeys: [] },
      ),
      protectFromDestroy: fc.boolean(),
      variants: fc
        .record(
          { privateOnly: privateOnlyDraft, natEgress: natEgressDraft, privatelink: privatelinkDraft },
          { requiredKeys: [] },
        )
        .filter((variants) => Object.keys(variants).length > 0),
    },
    { requiredKeys: ['name', 'place', 'accountId', 'variants'] },
  )
  .map(({ place, variants, name, ...rest }) => {
    // prod needs two AZs, and so does a function attached to a VPC (LVB-FN-1); every region has at least three names.
    const { privateOnly, natEgress, privatelink } = variants;
    const functions =
      (privateOnly && privateOnlyDemoKept(privateOnly.demoFunctions, privateOnly.interfaceEndpoints)) ||
      natEgress?.demoFunctions ||
      (privatelink && demoKept(privatelink.demoFunctions, privatelink.onPremises, privatelink.remoteCallers));
    const zones =
      (name === 'prod' || functions) && place.zones.length < 2
        ? [...place.zones, availabilityZoneNames(place.region).find((az) => !place.zones.includes(az))!]
        : place.zones;
    return { ...rest, name, region: place.region, availabilityZones: zones, ...variants };
  });

/** Whether privatelink keeps its demo: as drawn, or kept because without it the endpoint would admit nobody. */
const demoKept = (drawn: boolean, onPremises: readonly unknown[], remoteCallers: readonly unknown[]): boolean =>
  drawn || (onPremises.length === 0 && remoteCallers.length === 0);

/** Whether private-only keeps its demo: as drawn, or kept because its interface endpoints would admit nobody. */
const privateOnlyDemoKept = (drawn: boolean, interfaceEndpoints: readonly unknown[]): boolean =>
  drawn || interfaceEndpoints.length > 0;

/** A valid repository: one to three environments with distinct names, and every range distinct. */
export const repositoryArbitrary: fc.Arbitrary<EnvironmentInput[]> = fc
  .uniqueArray(environmentDraft, { selector: (draft) => draft.name, minLength: 1, maxLength: 3 })
  .map(repositoryOf);

/** A valid single environment (a repository of one). */
export const environmentArbitrary: fc.Arbitrary<EnvironmentInput[]> = environmentDraft.map((draft) =>
  repositoryOf([draft]),
);

/** The environments' values, each range in a slot of its own. */
export function repositoryOf(drafts: readonly EnvironmentDraft[]): EnvironmentInput[] {
  // Every slot request in a fixed order (per environment: its VPCs in stack order, then its outside networks).
  const requests = drafts.flatMap((draft) => [
    ...[draft.privateOnly, draft.natEgress, draft.privatelink].flatMap((variant) =>
      variant ? [variant.vpc.slot] : [],
    ),
    ...(draft.privatelink?.onPremises ?? []).map((network) => network.slot),
    ...(draft.privatelink?.remoteCallers ?? []).map((caller) => caller.network.slot),
  ]);
  const slots = distinctSlots(requests);
  const nextSlot = (): number => slots.shift()!;
  // A JSON round trip unshares what generation shares (constants), so one field is changed in one place only.
  return JSON.parse(JSON.stringify(drafts.map((draft) => environmentOf(draft, nextSlot))));
}

function environmentOf(draft: EnvironmentDraft, nextSlot: () => number): EnvironmentInput {
  const { privateOnly, natEgress, privatelink, ...common } = draft;
  const zones = draft.availabilityZones;
  const vpcCidr = (vpc: VpcDraft, tiers: readonly SubnetTierSpec[]): string => {
    const smallest = smallestFittingPrefix(tiers, zones) ?? VPC_PREFIX.min;
    return blockInSlot(nextSlot(), Math.max(VPC_PREFIX.min, smallest - vpc.growth), vpc.offset);
  };
  const outside = (network: OutsideDraft): string => blockInSlot(nextSlot(), network.prefixLength, network.offset);
  const variants: Record<string, unknown> = {};
  if (privateOnly) {
    const { vpc, demoFunctions, ...settings } = privateOnly;
    variants.privateOnly = {
      cidr: vpcCidr(vpc, PRIVATE_ONLY.subnetTiers(settings as never)),
      ...settings,
      // Without the demo, an interface endpoint would admit nobody (there are no declared functions here).
      demoFunctions: privateOnlyDemoKept(demoFunctions, settings.interfaceEndpoints),
    };
  }
  if (natEgress) {
    const { vpc, ownEips, ipv6, egressProbeUrl, instanceType, strategy, ...settings } = natEgress;
    const count = natCountOf(strategy, zones.length);
    variants.natEgress = {
      cidr: vpcCidr(vpc, NAT_EGRESS.subnetTiers(settings as never)),
      nat: {
        strategy,
        ...(instanceType ? { instanceType } : {}),
        ...(ownEips
          ? { eipAllocationIds: Array.from({ length: count }, (_, i) => `eipalloc-${ownEips.slice(1)}${i}`) }
          : {}),
      },
      ...(ipv6 ? { ipv6: { egress: 'egress-only-gateway' } } : {}),
      ...(egressProbeUrl ? { egressProbeUrl } : {}),
      ...settings,
    };
  }
  if (privatelink) {
    const { vpc, onPremises, remoteCallers, allowedPrincipals, resolverInboundEndpoint, demoFunctions, ...settings } =
      privatelink;
    const cidr = vpcCidr(vpc, PRIVATELINK.subnetTiers(settings as never));
    const onPremisesCidrs = onPremises.map(outside);
    const callers = remoteCallers.map(({ network, accountId, ...caller }) => ({
      ...caller,
      cidr: outside(network),
      ...(accountId ? { accountId } : {}),
    }));
    // The rules: a resolver needs 2 AZs and an on-premises network; without the demo the endpoint needs a caller.
    const withoutDemo = !demoKept(demoFunctions, onPremises, remoteCallers);
    variants.privatelink = {
      cidr,
      ...settings,
      onPremisesCidrs,
      remoteCallers: callers,
      resolverInboundEndpoint: resolverInboundEndpoint && zones.length >= 2 && onPremisesCidrs.length > 0,
      demoFunctions: !withoutDemo,
      ...(allowedPrincipals && !withoutDemo ? { allowedPrincipals } : {}),
    };
  }
  return { ...common, availabilityZones: [...zones], variants };
}
