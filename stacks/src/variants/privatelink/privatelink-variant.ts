import { z } from 'zod';
import { Ipv4Cidr } from '@lambda-vpc/network';
import { cidrBlock, isolatedSubnetPrefixLength, principalArn } from '../../config/schema-parts';
import { defineVariant, VariantSettingsProblem } from '../variant';
import { PrivateLinkPattern } from './privatelink-pattern';
import { PrivateLinkStack } from './privatelink-stack';

/** The settings of the PrivateLink variant under `variants.privatelink`. */
export const privatelinkSettingsSchema = z.object({
  /** VPC CIDR of the PrivateLink variant; distinct from every other VPC in the repository. */
  cidr: cidrBlock,
  /** Prefix length of each isolated subnet. */
  isolatedSubnetPrefixLength,
  /** Networks outside the VPC (on-premises over Direct Connect or VPN, peered VPCs) allowed to reach the endpoint on 443. */
  onPremisesCidrs: z.array(z.string().superRefine((value, ctx) => {
    try {
      if (Ipv4Cidr.parse(value).prefixLength === 0) ctx.addIssue({ code: 'custom', message: 'is every address; name the on-premises or peer networks' });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })).default([]),
  /** Principals that may invoke the target through the endpoint; omitted: the caller function's role alone. */
  allowedPrincipals: z.array(principalArn).min(1, 'a PrivateLink endpoint with nobody allowed is useless; omit the field to allow the caller function\'s role').optional(),
  /** A Route 53 Resolver inbound endpoint, so on-premises resolvers can resolve lambda.<region>.amazonaws.com to the endpoint. */
  resolverInboundEndpoint: z.boolean().default(false),
}).strict();

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
  checkSettings: (settings, { availabilityZones }): VariantSettingsProblem[] => {
    if (settings.resolverInboundEndpoint !== true) return [];
    return [
      ...(availabilityZones.length < 2
        ? [{ path: ['resolverInboundEndpoint'], message: 'a Route 53 Resolver endpoint needs IP addresses in at least 2 AZs; list 2 or more availabilityZones' }]
        : []),
      ...(Array.isArray(settings.onPremisesCidrs) && settings.onPremisesCidrs.length === 0
        ? [{ path: ['resolverInboundEndpoint'], message: 'an inbound resolver endpoint admits DNS only from onPremisesCidrs, and none are listed' }]
        : []),
    ];
  },
  // The isolated tier reserves four AZ slots: each subnet is a quarter of the variant's share.
  scaffold: ({ cidr, prefixLength }) => ({ cidr, isolatedSubnetPrefixLength: prefixLength + 2 }),
  createStack: (scope, props) => new PrivateLinkStack(scope, props),
});
