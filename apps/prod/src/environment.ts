import { EnvironmentInput } from '@lambda-vpc/stacks';

/**
 * Production: a NAT gateway per AZ over three AZs, so losing an AZ loses none of the others' egress;
 * the PrivateLink endpoint serves the on-premises network 172.16.0.0/16, with an inbound resolver for its DNS;
 * the VPCs and tables are protected from destroy.
 * Replace the account ID with your own; every VPC CIDR must stay distinct across the repository.
 */
export const environment: EnvironmentInput = {
  name: 'prod',
  region: 'eu-west-1',
  accountId: '333333333333',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  logRetentionInDays: 365,
  tags: { 'cost-center': 'platform-prod' },
  // prevent_destroy on every VPC and table, and DynamoDB deletion protection: set false and deploy before a teardown.
  protectFromDestroy: true,
  variants: {
    privateOnly: {
      cidr: '10.31.0.0/16',
    },
    natEgress: {
      cidr: '10.30.0.0/16',
      nat: { strategy: 'gateway-per-az' },
    },
    privatelink: {
      cidr: '10.32.0.0/16',
      onPremisesCidrs: ['172.16.0.0/16'],
      resolverInboundEndpoint: true,
    },
  },
};
