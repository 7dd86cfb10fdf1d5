import { z } from 'zod';
import { admittedCidrProblem } from '@lambda-vpc/endpoints';
import { cidrBlock, isolatedSubnetPrefixLength, principalArn, reportedBy } from '../../config/schema-parts';
import { workloadsSchema } from '../../workloads/workload-schema';
import { defineVariant, UncheckedSettings, VariantSettingsProblem } from '../variant';
import { PrivateLinkPattern } from './privatelink-pattern';
import { PrivateLinkStack } from './privatelink-stack';
import { remoteCallersSchema } from './remote-callers';
import { ResolverInboundEndpoint } from './resolver-inbound-endpoint';

/** The settings of the PrivateLink variant under `variants.privatelink`. */
export const privatelinkSettingsSchema = z
  .object({
    /** VPC CIDR of the PrivateLink variant; distinct from every other VPC in the repository. */
    cidr: cidrBlock,
    /** Prefix length of each isolated subnet. */
    isolatedSubnetPrefixLength,
    /**
     * Networks outside the VPC (on-premises over Direct Connect or VPN, peered VPCs) allowed to reach the endpoint on
     * 443.
     */
    onPremisesCidrs: z.array(z.string().superRefine(reportedBy(admittedCidrProblem))).default([]),
    /**
     * Principals that may invoke the target through the endpoint beside the caller function's role (always allowed, so
     * the demo caller keeps its path); omitted: the caller function's role alone.
     */
    allowedPrincipals: z
      .array(principalArn)
      .min(
        1,
        "a PrivateLink endpoint with nobody allowed is useless; omit the field to allow the caller function's role",
      )
      .optional(),
    /**
     * A Route 53 Resolver inbound endpoint, so on-premises resolvers can resolve lambda.<region>.amazonaws.com to the
     * endpoint.
     */
    resolverInboundEndpoint: z.boolean().default(false),
    /**
     * Callers in other VPCs or accounts, joined by VPC peering or a Transit Gateway (docs/remote-callers.md): routes
     * both ways on this side, the endpoint admitting each caller's CIDR, its principals in the policy, and private DNS.
     */
    remoteCallers: remoteCallersSchema,
    /**
     * The demo functions `invoke-caller` and `invoke-target`, and the outputs that name them (`caller_function_name`,
     * `target_function_name`, `allowed_principals`, `allowed_functions`). `false` removes them; the network, the
     * Lambda interface endpoint (with its on-premises rules and resolver), the stack key and the network handles stay,
     * and the endpoint's policy names only the declared functions that list `lambda` in `endpoints` (everything denied
     * while none does). The endpoint must still admit somebody: a declared function with `endpoints: ['lambda']`, or
     * `onPremisesCidrs`. `allowedPrincipals` names who may invoke the demo target, so it needs the demo.
     */
    demoFunctions: z.boolean().default(true),
    /** Functions a team declares in this variant's stack (docs/own-functions.md). */
    functions: workloadsSchema,
  })
  .strict();

/** The PrivateLink variant's validated settings. */
export type PrivatelinkSettings = z.output<typeof privatelinkSettingsSchema>;

/** Whether a declared function (unchecked settings) lists `lambda` in its `endpoints`. */
const callsLambdaApi = (workload: unknown): boolean =>
  typeof workload === 'object' &&
  workload !== null &&
  Array.isArray((workload as { endpoints?: unknown }).endpoints) &&
  (workload as { endpoints: unknown[] }).endpoints.includes('lambda');

/**
 * Without the demo functions the Lambda endpoint's callers are the declared functions that list it and the
 * on-premises networks; with none it would admit nobody. `allowedPrincipals` names who may invoke the demo target.
 */
function withoutDemoProblems(
  settings: UncheckedSettings,
  onPremisesCidrs: readonly unknown[],
): VariantSettingsProblem[] {
  if (settings.demoFunctions !== false) return [];
  const hasRemoteCallers = Array.isArray(settings.remoteCallers) && settings.remoteCallers.length > 0;
  const functions = typeof settings.functions === 'object' && settings.functions !== null ? settings.functions : {};
  return [
    ...(settings.allowedPrincipals !== undefined
      ? [
          {
            path: ['allowedPrincipals'],
            message:
              'names who may invoke the demo target, which demoFunctions: false removes; allowed: leave it out ' +
              'without the demo functions',
          },
        ]
      : []),
    ...(onPremisesCidrs.length === 0 && !hasRemoteCallers && !Object.values(functions).some(callsLambdaApi)
      ? [
          {
            path: ['demoFunctions'],
            message:
              'removes the only callers of the Lambda interface endpoint, which would then admit nobody; allowed: ' +
              'false with a function under functions that lists endpoints: ["lambda"], with onPremisesCidrs or ' +
              'remoteCallers',
          },
        ]
      : []),
  ];
}

/** PrivateLink: a function invokes another through a Lambda interface endpoint, with no NAT and no IGW. */
export const PRIVATELINK = defineVariant({
  name: 'privatelink',
  configKey: 'privatelink',
  summary: 'a function invokes another through a Lambda interface endpoint, with no NAT and no internet gateway',
  settingsSchema: privatelinkSettingsSchema,
  intent: { internet: 'none', lambdaApi: 'interface-endpoint' },
  subnetTiers: (settings) => PrivateLinkPattern.subnetTiers(settings),
  // The resolver endpoint's own rules (AZs, on-premises networks), reported against the field that asks for it.
  checkSettings: (settings, { availabilityZones }): VariantSettingsProblem[] => {
    const onPremisesCidrs = Array.isArray(settings.onPremisesCidrs) ? settings.onPremisesCidrs : undefined;
    const resolverProblems =
      settings.resolverInboundEndpoint === true
        ? ResolverInboundEndpoint.problems({ availabilityZones: availabilityZones.length, onPremisesCidrs })
        : [];
    return [
      ...resolverProblems.map((message) => ({ path: ['resolverInboundEndpoint'], message })),
      ...withoutDemoProblems(settings, onPremisesCidrs ?? []),
    ];
  },
  // The isolated tier reserves four AZ slots: each subnet is a quarter of the variant's share.
  scaffold: ({ cidr, prefixLength }) => ({ cidr, isolatedSubnetPrefixLength: prefixLength + 2 }),
  createStack: (scope, props) => new PrivateLinkStack(scope, props),
});
