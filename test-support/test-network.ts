// The network the package tests build on: two or three AZs in eu-west-1, flow logs off unless a test is
// about them, tiers as the test needs.
import { Construct } from 'constructs';
import { awsEnvironment, DualStack, FlowLogs, Network, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';

/** Account and region of every test network. */
export const TEST_ENVIRONMENT = awsEnvironment('123456789012', 'eu-west-1');

/** A public tier (NAT) and a private-with-egress tier (functions). */
export const PUBLIC_AND_PRIVATE: SubnetTierSpec[] = [
  { type: SubnetType.PUBLIC, prefixLength: 26 },
  { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 },
];

/** Isolated subnets only: no route beyond the VPC. */
export const ISOLATED_ONLY: SubnetTierSpec[] = [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }];

/** Options of {@link testNetwork}. */
export interface TestNetworkOptions {
  /** @default 'dev-test' */
  readonly name?: string;
  /** @default ['eu-west-1a', 'eu-west-1b'] */
  readonly availabilityZones?: readonly string[];
  /** @default PUBLIC_AND_PRIVATE */
  readonly subnetTiers?: readonly SubnetTierSpec[];
  /** @default true */
  readonly enableDnsSupport?: boolean;
  /** @default true */
  readonly enableDnsHostnames?: boolean;
  /** @default none: IPv4 only */
  readonly ipv6?: DualStack;
}

/** A network in 10.10.0.0/16 without flow logs. */
export function testNetwork(scope: Construct, options: TestNetworkOptions = {}): Network {
  return new Network(scope, 'network', {
    name: options.name ?? 'dev-test',
    environment: TEST_ENVIRONMENT,
    cidrBlock: '10.10.0.0/16',
    availabilityZones: options.availabilityZones ?? ['eu-west-1a', 'eu-west-1b'],
    subnetTiers: options.subnetTiers ?? PUBLIC_AND_PRIVATE,
    enableDnsSupport: options.enableDnsSupport,
    enableDnsHostnames: options.enableDnsHostnames,
    ipv6: options.ipv6,
    flowLogs: FlowLogs.disabled(),
  });
}
