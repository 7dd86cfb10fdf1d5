import type { Construct } from 'constructs';
import type { LambdaFunctionProps } from '@lambda-vpc/lambda';
import { AwsEnvironment, DualStack, FlowLogs, Network, SubnetTierSpec } from '@lambda-vpc/network';

/** The VPC a variant pattern builds: where, how large, and what it logs. */
export interface PatternNetworkProps {
  /** Resource name prefix, e.g. `dev-private-only` or `example-private-only`. */
  readonly name: string;
  /** Account, region and partition. */
  readonly environment: AwsEnvironment;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** The AZs, one subnet of each tier in each. */
  readonly availabilityZones: readonly string[];
  /** Where the VPC's flow logs go, e.g. `FlowLogs.toCloudWatchLogs({ retentionInDays, kmsKeyArn })`. */
  readonly flowLogs: FlowLogs;
  /**
   * Terraform's `prevent_destroy` on the VPC, so a plan that would destroy or replace it fails.
   * @default false
   */
  readonly protectFromDestroy?: boolean;
}

/** A function a pattern places: every `LambdaFunction` prop but its VPC placement, which the pattern decides. */
export interface PatternFunctionProps extends Omit<LambdaFunctionProps, 'vpc'> {
  /** The function's construct ID: the start of its resources' Terraform addresses (`aws_lambda_function.<id>`). */
  readonly id: string;
}

/**
 * The VPC of a pattern, `network` in its scope (so `aws_vpc.network_vpc`), with the variant's subnet tiers and, for a
 * variant with internet egress, its IPv6 option.
 */
export function patternNetwork(
  scope: Construct,
  props: PatternNetworkProps,
  subnetTiers: SubnetTierSpec[],
  ipv6?: DualStack,
): Network {
  return new Network(scope, 'network', {
    name: props.name,
    environment: props.environment,
    cidrBlock: props.cidrBlock,
    availabilityZones: props.availabilityZones,
    subnetTiers,
    flowLogs: props.flowLogs,
    protectFromDestroy: props.protectFromDestroy,
    ipv6,
  });
}
