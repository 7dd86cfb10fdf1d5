import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { GatewayEndpoint, InterfaceEndpoint } from '@lambda-vpc/endpoints';
import { Network, NetworkHandle, NetworkParameterLocation } from '@lambda-vpc/network';
import type { BlueprintStack } from './blueprint-stack';

/** Options of {@link NetworkHandles}. */
export interface NetworkHandlesProps {
  /** The environment and variant the handles are published under, `/lambda-vpc/<environment>/<variant>/`. */
  readonly location: NetworkParameterLocation;
  /** The publishing stack's name, `<env>-<variant>`: the start of every parameter's description and Name tag. */
  readonly publisher: string;
  /** The VPC. */
  readonly network: Network;
  /**
   * Its gateway endpoints: each one's ID and its service's prefix list.
   * @default none
   */
  readonly gatewayEndpoints?: readonly GatewayEndpoint[];
  /**
   * Its interface endpoints: each one's ID and security group.
   * @default none
   */
  readonly interfaceEndpoints?: readonly InterfaceEndpoint[];
}

/**
 * A platform network's handles as SSM parameters, for stacks in other repositories (`Network.fromParameters`,
 * `GatewayEndpoint.fromParameters`, `InterfaceEndpoint.fromParameters`): the VPC's ID and CIDR, each tier's subnet
 * IDs, and each endpoint's ID with its security group (interface) or prefix list (gateway). No workload security
 * group is published: a workload attaches its own, and its stack writes the rules that admit it (its egress, and the
 * ingress on an interface endpoint's group), so each endpoint admits exactly the functions that use it.
 */
export class NetworkHandles extends Construct {
  /** Every parameter, in the order written. */
  public readonly parameters: readonly SsmParameter[];

  constructor(scope: Construct, id: string, props: NetworkHandlesProps) {
    super(scope, id);
    const { network, location, publisher } = props;
    const publish = (handle: NetworkHandle, value: string | readonly string[]): SsmParameter =>
      handle.publish(this, location, value, publisher);
    const tiers = [...new Set(network.subnets.map((subnet) => subnet.type))];
    this.parameters = [
      publish(NetworkHandle.vpcId(), network.vpcId),
      publish(NetworkHandle.vpcCidrBlock(), network.cidrBlock),
      ...tiers.map((tier) =>
        publish(
          NetworkHandle.subnetIds(tier),
          network.subnetsOf(tier).map((subnet) => subnet.subnetId),
        ),
      ),
      ...(props.gatewayEndpoints ?? []).flatMap((endpoint) => [
        publish(NetworkHandle.endpointId(endpoint.service), endpoint.endpointId),
        publish(NetworkHandle.endpointPrefixListId(endpoint.service), endpoint.prefixListId),
      ]),
      ...(props.interfaceEndpoints ?? []).flatMap((endpoint) => [
        publish(NetworkHandle.endpointId(endpoint.service.name), endpoint.endpointId),
        publish(NetworkHandle.endpointSecurityGroupId(endpoint.service.name), endpoint.securityGroupId),
      ]),
    ];
  }
}

/**
 * Publishes the handles of a variant stack's network and endpoints as `handles` (so `aws_ssm_parameter.handles_vpc-id`,
 * `aws_ssm_parameter.handles_subnet-ids_isolated`), under the stack's environment and variant. It finds them in the
 * stack's constructs, so every variant, a new one included, publishes the same handles with no code of its own; a
 * stack without a network publishes none.
 */
export function publishNetworkHandles(stack: BlueprintStack): NetworkHandles | undefined {
  const constructs = stack.node.findAll();
  const networks = constructs.filter((construct): construct is Network => construct instanceof Network);
  if (networks.length === 0) return undefined;
  if (networks.length > 1) {
    throw new Error(
      `${stack.prefix}: publishes the handles of one network, and it has ${networks.length} ` +
        `(${networks.map((network) => network.node.path).join(', ')}); a variant stack builds one VPC`,
    );
  }
  return new NetworkHandles(stack, 'handles', {
    location: { environment: stack.config.name, variant: stack.variant.name },
    publisher: stack.prefix,
    network: networks[0],
    gatewayEndpoints: constructs.filter((construct) => construct instanceof GatewayEndpoint),
    interfaceEndpoints: constructs.filter((construct) => construct instanceof InterfaceEndpoint),
  });
}
