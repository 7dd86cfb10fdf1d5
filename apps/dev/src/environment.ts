import { EnvironmentInput } from '@lambda-vpc/stacks';

/**
 * Development: a NAT instance over two AZs, the cheapest egress; short log retention.
 * Replace the account ID with your own; every VPC CIDR must stay distinct across the repository.
 */
export const environment: EnvironmentInput = {
  name: 'dev',
  region: 'eu-west-1',
  accountId: '111111111111',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  logRetentionInDays: 14,
  tags: { 'cost-center': 'platform-dev' },
  variants: {
    privateOnly: {
      cidr: '10.11.0.0/16',
      // A team's own function (workloads/orders), bundled with zod at synth: docs/own-functions.md.
      functions: {
        orders: { entry: 'workloads/orders/src/handler.ts', table: 'read', description: 'Looks up an order' },
      },
    },
    natEgress: {
      cidr: '10.10.0.0/16',
      nat: { strategy: 'instance', instanceType: 't4g.nano' },
    },
    privatelink: {
      cidr: '10.12.0.0/16',
    },
  },
};
