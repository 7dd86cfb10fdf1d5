import type { LambdaFunctionVpcConfig } from '@cdktf/provider-aws/lib/lambda-function';
import { INetwork, SelectedSubnets, SubnetSelection, SubnetType } from '@lambda-vpc/network';

/**
 * Where in a network a function's ENIs go: the network, and its subnet selection (`subnetType`, the network's default).
 */
export interface VpcPlacement extends SubnetSelection {
  /** The network to attach to. */
  readonly network: INetwork;
  /**
   * Allow a public subnet. Almost always a mistake: Lambda ENIs never receive a public IP, so a function
   * in a public subnet gains no internet access, only the appearance of it.
   * @default false
   */
  readonly allowPublicSubnet?: boolean;
}

/** The subnets a placement selects, refusing a public tier unless allowed and an empty tier always. */
export function selectSubnets(functionName: string, placement: VpcPlacement): SelectedSubnets {
  const { network } = placement;
  const selected = network.selectSubnets(placement);
  const type = selected.subnetType;
  if (type === SubnetType.PUBLIC && !placement.allowPublicSubnet) {
    throw new Error(
      `${functionName}: refusing to place a Lambda function in public subnets: its ENIs never receive a ` +
        'public IP, so it gains no internet access there. Use private subnets with a NAT route for egress, ' +
        'or set allowPublicSubnet: true if you really mean it',
    );
  }
  if (selected.subnetIds.length === 0) {
    throw new Error(`${functionName}: network ${network.name} has no ${type} subnets to attach the function to`);
  }
  return selected;
}

/**
 * A function's `vpc_config`: its subnets and security group, and `ipv6_allowed_for_dual_stack` when every subnet is
 * dual-stack (Lambda gives the ENIs IPv6 only then; in IPv4-only subnets the flag is left out, as it means nothing).
 */
export function functionVpcConfig(selected: SelectedSubnets, securityGroupId: string): LambdaFunctionVpcConfig {
  const dualStack = selected.subnets.length > 0 && selected.subnets.every((subnet) => subnet.ipv6CidrBlock);
  return {
    subnetIds: selected.subnetIds,
    securityGroupIds: [securityGroupId],
    ...(dualStack && { ipv6AllowedForDualStack: true }),
  };
}
