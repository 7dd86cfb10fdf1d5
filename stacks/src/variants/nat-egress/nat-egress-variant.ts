import { z } from 'zod';
import { IPV6_EGRESS_KINDS } from '@lambda-vpc/network';
import { eipAllocationProblems, NAT_STRATEGY_KINDS, natCountOf, natInstanceTypeProblem } from '@lambda-vpc/nat';
import { cidrBlock, reportedBy, subnetPrefixLength } from '../../config/schema-parts';
import { workloadsSchema } from '../../workloads/workload-schema';
import { defineVariant, VariantSettingsProblem } from '../variant';
import { NatEgressPattern } from './nat-egress-pattern';
import { NatEgressStack } from './nat-egress-stack';

const natSchema = z
  .object({
    /**
     * `gateway-per-az` (production), `single-gateway` (staging), `instance` (development) or `self-healing-instance`
     * (an instance per AZ that an auto scaling group replaces when it fails).
     */
    strategy: z.enum(NAT_STRATEGY_KINDS, { error: `unknown NAT strategy; allowed: ${NAT_STRATEGY_KINDS.join(', ')}` }),
    /** Existing EIP allocation IDs, one per NAT (their count is checked against the strategy in `checkSettings`). */
    eipAllocationIds: z
      .array(z.string())
      .superRefine((ids, ctx) =>
        eipAllocationProblems(ids).forEach(({ index, message }) =>
          ctx.addIssue({ code: 'custom', path: [index ?? []].flat(), message }),
        ),
      )
      .optional(),
    /** NAT instance type (arm64), for the `instance` and `self-healing-instance` strategies. */
    instanceType: z.string().superRefine(reportedBy(natInstanceTypeProblem)).default('t4g.nano'),
  })
  .strict();

const ipv6Schema = z
  .object({
    /**
     * How the private tier leaves over IPv6: `egress-only-gateway`, an egress-only internet gateway (no hourly
     * charge) its `::/0` routes point at.
     */
    egress: z.enum(IPV6_EGRESS_KINDS, {
      error:
        `unknown IPv6 egress; allowed: ${IPV6_EGRESS_KINDS.join(', ')} ` +
        '(IPv6 leaves with no NAT; IPv4 still takes NAT)',
    }),
  })
  .strict();

/** The settings of the NAT-egress variant under `variants.natEgress`. */
export const natEgressSettingsSchema = z
  .object({
    /** VPC CIDR of the NAT-egress variant; distinct from every other VPC in the repository. */
    cidr: cidrBlock,
    /** How the private tier reaches the internet. */
    nat: natSchema,
    /** HTTPS URL the demo function calls through NAT. */
    egressProbeUrl: z
      .url({ protocol: /^https$/, error: 'must be an https:// URL' })
      // The probe's security group admits egress to the internet on 443 only; another port would time out, not fail.
      // A value that is no URL at all has had its line from the check above (zod runs this one too): no second one.
      .refine(
        (url) => !URL.canParse(url) || ['', '443'].includes(new URL(url).port),
        "must use port 443: the probe's security group admits egress to the internet on 443 (HTTPS) only",
      )
      .default('https://checkip.amazonaws.com/'),
    /**
     * IPv6 egress without NAT, opt-in: an Amazon-provided /56 on the VPC, dual-stack private subnets, an egress-only
     * internet gateway, and the demo function let out to `::/0` on HTTPS. IPv4 still leaves through NAT.
     */
    ipv6: ipv6Schema.optional(),
    /** Prefix length of each public subnet (NAT only). */
    publicSubnetPrefixLength: subnetPrefixLength.default(26),
    /** Prefix length of each private subnet (functions and other workloads). */
    privateSubnetPrefixLength: subnetPrefixLength.default(20),
    /**
     * The demo function `egress-probe` (which calls `egressProbeUrl`) and its `function_name` output. `false` removes
     * them; the network, the NATs, the DynamoDB gateway endpoint, the stack key, the items table and the network
     * handles stay, and the endpoint's policy names only the declared functions that use it (everything denied while
     * none does).
     */
    demoFunctions: z.boolean().default(true),
    /** Functions a team declares in this variant's stack (docs/own-functions.md). */
    functions: workloadsSchema,
  })
  .strict();

/** The NAT-egress variant's validated settings. */
export type NatEgressSettings = z.output<typeof natEgressSettingsSchema>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** NAT-egress: private subnets reach the internet through NAT; DynamoDB through a gateway endpoint. */
export const NAT_EGRESS = defineVariant({
  name: 'nat-egress',
  configKey: 'natEgress',
  summary: 'private subnets reach the internet through NAT only; DynamoDB through a gateway endpoint',
  settingsSchema: natEgressSettingsSchema,
  intent: { internet: 'through-nat', dynamodb: 'gateway-endpoint' },
  subnetTiers: (settings) => NatEgressPattern.subnetTiers(settings),
  checkSettings: (settings, { availabilityZones }): VariantSettingsProblem[] => {
    const nat = isObject(settings.nat) ? settings.nat : {};
    const strategy = NAT_STRATEGY_KINDS.find((kind) => kind === nat.strategy);
    if (!Array.isArray(nat.eipAllocationIds) || strategy === undefined) return [];
    // The count, as the NAT strategy checks it; each ID's form is the schema's (the same function, without a count).
    return eipAllocationProblems(nat.eipAllocationIds, natCountOf(strategy, availabilityZones.length), strategy)
      .filter((problem) => problem.index === undefined)
      .map(({ message }) => ({ path: ['nat', 'eipAllocationIds'], message }));
  },
  // Two tiers of four AZ slots share the variant's block: small public subnets (NAT only), private ones an eighth of
  // it.
  scaffold: ({ cidr, prefixLength, nat }) => ({
    cidr,
    nat: { strategy: nat as NatEgressSettings['nat']['strategy'] },
    publicSubnetPrefixLength: 26,
    privateSubnetPrefixLength: prefixLength + 3,
  }),
  createStack: (scope, props) => new NatEgressStack(scope, props),
});
