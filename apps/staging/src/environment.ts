import { EnvironmentInput } from '@lambda-vpc/stacks';

/**
 * Staging: one NAT gateway shared by two AZs (half the hourly cost of one per AZ); the PrivateLink
 * endpoint also admits the on-premises network 192.168.0.0/16 (endpoint-specific DNS names, no resolver).
 * Replace the account ID with your own; every VPC CIDR must stay distinct across the repository.
 */
export const environment: EnvironmentInput = {
  name: 'staging',
  region: 'eu-west-1',
  accountId: '222222222222',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  logRetentionInDays: 30,
  tags: { 'cost-center': 'platform-staging' },
  variants: {
    privateOnly: {
      cidr: '10.21.0.0/16',
    },
    natEgress: {
      cidr: '10.20.0.0/16',
      nat: { strategy: 'single-gateway' },
    },
    privatelink: {
      cidr: '10.22.0.0/16',
      onPremisesCidrs: ['192.168.0.0/16'],
    },
  },
};
