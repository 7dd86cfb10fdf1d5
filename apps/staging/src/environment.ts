import { EnvironmentValues } from '@lambda-vpc/stacks';

/**
 * Staging: one NAT gateway shared by two AZs (half the hourly cost of one per AZ).
 * Replace the account ID with your own; every VPC CIDR must stay distinct across the repository.
 */
export const environment: EnvironmentValues = {
  name: 'staging',
  region: 'eu-west-1',
  accountId: '222222222222',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  logRetentionInDays: 30,
  tags: { 'cost-center': 'platform-staging' },
  variants: {
    natEgress: {
      cidr: '10.20.0.0/16',
      nat: { strategy: 'single-gateway' },
    },
  },
};
