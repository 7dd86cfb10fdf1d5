import { z } from 'zod';
import { admittedCidrProblem } from '@lambda-vpc/endpoints';
import { cidrBlock, isolatedSubnetPrefixLength, principalArn, reportedBy } from '../../config/schema-parts';
import { workloadsSchema } from '../../workloads/workload-schema';
import { defineVariant, VariantSettingsProblem } from '../variant';
import { PrivateLinkPattern } from './privatelink-pattern';
import { PrivateLinkStack } from './privatelink-stack';
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
    /** Principals that may invoke the target through the endpoint; omitted: the caller function's role alone. */
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
    /** Functions a team declares in this variant's stack (docs/own-functions.md). */
    functions: workloadsSchema,
  })
  .strict();

/** The PrivateLink variant's validated settings. */
export type PrivatelinkSettings = z.output<typeof privatelinkSettingsSchema>;

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
    if (settings.resolverInboundEndpoint !== true) return [];
    const onPremisesCidrs = Array.isArray(settings.onPremisesCidrs) ? settings.onPremisesCidrs : undefined;
    return ResolverInboundEndpoint.problems({ availabilityZones: availabilityZones.length, onPremisesCidrs }).map(
      (message) => ({ path: ['resolverInboundEndpoint'], message }),
    );
  },
  // The isolated tier reserves four AZ slots: each subnet is a quarter of the variant's share.
  scaffold: ({ cidr, prefixLength }) => ({ cidr, isolatedSubnetPrefixLength: prefixLength + 2 }),
  createStack: (scope, props) => new PrivateLinkStack(scope, props),
});
