import { Construct } from 'constructs';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import type { INetwork } from '@lambda-vpc/network';
import { natAddresses } from './eip-allocations';
import type { NatStrategy, NatTarget } from './nat-strategy';
import { natCountOf, NatStrategyKind } from './strategy-kinds';

/** Options of the NAT gateway strategies. */
export interface NatGatewayOptions {
  /**
   * Existing EIP allocation IDs, one per gateway in AZ order, so the egress addresses that partners
   * allow-list survive a rebuild.
   * @default new EIPs are allocated
   */
  readonly eipAllocationIds?: readonly string[];
  /**
   * The AZ of the single gateway; ignored by `gatewayPerAz`.
   * @default the network's first AZ
   */
  readonly availabilityZone?: string;
}

/** Managed NAT gateways, one per AZ or a single one. */
export class NatGatewayStrategy implements NatStrategy {
  constructor(
    public readonly kind: Exclude<NatStrategyKind, 'instance' | 'self-healing-instance'>,
    private readonly options: NatGatewayOptions,
  ) {}

  public natCount(network: INetwork): number {
    return natCountOf(this.kind, network.publicSubnets.length);
  }

  public configure(scope: Construct, network: INetwork): NatTarget[] {
    const subnets = this.kind === 'gateway-per-az' ? network.publicSubnets : [this.singleSubnet(network)];
    const azs = subnets.map((subnet) => subnet.availabilityZone);
    const addresses = natAddresses(scope, network.name, this.kind, azs, this.options.eipAllocationIds);
    return subnets.map((subnet, index) => {
      const gateway = new NatGateway(scope, `nat-gateway_${subnet.availabilityZone}`, {
        subnetId: subnet.subnetId,
        allocationId: addresses[index].allocationId,
        connectivityType: 'public',
        tags: { Name: `${network.name}-nat-${subnet.availabilityZone}` },
        // A public NAT gateway only works once the VPC has its internet gateway.
        dependsOn: network.internetGateway ? [network.internetGateway] : [],
      });
      return {
        availabilityZone: subnet.availabilityZone,
        route: { natGatewayId: gateway.id },
        publicIp: addresses[index].publicIp,
      };
    });
  }

  private singleSubnet(network: INetwork) {
    const az = this.options.availabilityZone ?? network.availabilityZones[0];
    const subnet = network.publicSubnets.find((candidate) => candidate.availabilityZone === az);
    if (!subnet) {
      throw new Error(
        `${network.name}: the single NAT gateway's AZ "${az}" has no public subnet; ` +
          `choose one of ${network.publicSubnets.map((s) => s.availabilityZone).join(', ')}`,
      );
    }
    return subnet;
  }
}
