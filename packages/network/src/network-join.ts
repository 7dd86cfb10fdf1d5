import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { Ipv4Cidr } from '@lambda-vpc/stack-model';
import { INetwork } from './network-interface';
import { SubnetType } from './subnet-type';

/** Options of {@link NetworkJoin.peering}. */
export interface PeeringJoinProps {
  /** The VPC to peer with (the accepter): a literal ID, or another stack's output. */
  readonly peerVpcId: string;
  /**
   * The account that owns the peer VPC, when it is not this stack's. The peering then waits for that account to
   * accept it (`NetworkJoin.peeringAccepter` in that account's stack).
   * @default this stack's account: the peering is accepted at once
   */
  readonly peerAccountId?: string;
  /**
   * The peer VPC's region, when it is not this stack's; the peering then waits for acceptance as for another account.
   * @default this stack's region
   */
  readonly peerRegion?: string;
}

/** Options of {@link NetworkJoin.peeringAccepter} and {@link NetworkJoin.existingPeering}. */
export interface PeeringConnectionProps {
  /** The peering connection's ID (`pcx-...`), from the requester's stack or its owner. */
  readonly peeringConnectionId: string;
}

/** Options of {@link NetworkJoin.transitGateway}. */
export interface TransitGatewayJoinProps {
  /**
   * The transit gateway to attach to, in this account or shared with it through AWS RAM. Its default route table
   * associates and propagates every attachment, so attached VPCs reach each other with no further TGW routes.
   */
  readonly transitGatewayId: string;
}

/** What a bound join gives the routes: the route's target argument, and what a route must wait for. */
export interface BoundNetworkJoin {
  /** `vpc_peering_connection_id` or `transit_gateway_id` of the routes. */
  readonly routeTarget: { readonly vpcPeeringConnectionId: string } | { readonly transitGatewayId: string };
  /** The join resource this side created (peering, accepter or attachment), if any: the routes depend on it. */
  readonly resource?: VpcPeeringConnection | VpcPeeringConnectionAccepterA | Ec2TransitGatewayVpcAttachment;
}

/**
 * How a network is joined to another VPC, so traffic between the two is routed privately: VPC peering (no hourly
 * charge; one-to-one, no transitive routing) or a Transit Gateway (hub and spoke; hourly per attachment and per GB).
 * Given to {@link NetworkRoutesToPeer}, which binds it on one side and routes that side to the other's CIDR.
 */
export abstract class NetworkJoin {
  /**
   * Requests a VPC peering connection from this network to `peerVpcId`. In one account and region it is accepted
   * at once (`auto_accept`); to another account or region the owner accepts it with {@link peeringAccepter}.
   */
  public static peering(props: PeeringJoinProps): NetworkJoin {
    return new PeeringRequest(props);
  }

  /**
   * Accepts a peering connection another account or region requested (`aws_vpc_peering_connection_accepter`), in
   * the accepter's stack, and routes through it.
   */
  public static peeringAccepter(props: PeeringConnectionProps): NetworkJoin {
    return new PeeringAccept(props, true);
  }

  /** Routes through a peering connection that is already active, e.g. the accepter side in the same account. */
  public static existingPeering(props: PeeringConnectionProps): NetworkJoin {
    return new PeeringAccept(props, false);
  }

  /**
   * Attaches this network to a Transit Gateway (`aws_ec2_transit_gateway_vpc_attachment`, one subnet per AZ of the
   * routed tier) and routes through it.
   */
  public static transitGateway(props: TransitGatewayJoinProps): NetworkJoin {
    return new TransitGatewayAttach(props);
  }

  /** `peering` or `transit-gateway`. */
  public abstract readonly kind: 'peering' | 'transit-gateway';

  /** Creates this side's join resource, if it has one, in `scope`. */
  public abstract bind(scope: Construct, network: INetwork, subnetIds: string[]): BoundNetworkJoin;
}

class PeeringRequest extends NetworkJoin {
  public readonly kind = 'peering';

  constructor(private readonly props: PeeringJoinProps) {
    super();
  }

  public bind(scope: Construct, network: INetwork): BoundNetworkJoin {
    const { peerAccountId, peerRegion } = this.props;
    const elsewhere =
      (peerAccountId !== undefined && peerAccountId !== network.environment.accountId) ||
      (peerRegion !== undefined && peerRegion !== network.environment.region);
    const peering = new VpcPeeringConnection(scope, 'peering', {
      vpcId: network.vpcId,
      peerVpcId: this.props.peerVpcId,
      ...(peerAccountId !== undefined && { peerOwnerId: peerAccountId }),
      ...(peerRegion !== undefined && { peerRegion }),
      // Only a peering in one account and region can be accepted by its requester.
      autoAccept: !elsewhere,
      tags: { Name: `${network.name}-peering` },
    });
    return { routeTarget: { vpcPeeringConnectionId: peering.id }, resource: peering };
  }
}

class PeeringAccept extends NetworkJoin {
  public readonly kind = 'peering';

  constructor(
    private readonly props: PeeringConnectionProps,
    private readonly accept: boolean,
  ) {
    super();
  }

  public bind(scope: Construct, network: INetwork): BoundNetworkJoin {
    const { peeringConnectionId } = this.props;
    if (!this.accept) return { routeTarget: { vpcPeeringConnectionId: peeringConnectionId } };
    const accepter = new VpcPeeringConnectionAccepterA(scope, 'peering-accepter', {
      vpcPeeringConnectionId: peeringConnectionId,
      autoAccept: true,
      tags: { Name: `${network.name}-peering` },
    });
    return { routeTarget: { vpcPeeringConnectionId: accepter.id }, resource: accepter };
  }
}

class TransitGatewayAttach extends NetworkJoin {
  public readonly kind = 'transit-gateway';

  constructor(private readonly props: TransitGatewayJoinProps) {
    super();
  }

  public bind(scope: Construct, network: INetwork, subnetIds: string[]): BoundNetworkJoin {
    const attachment = new Ec2TransitGatewayVpcAttachment(scope, 'transit-gateway-attachment', {
      transitGatewayId: this.props.transitGatewayId,
      vpcId: network.vpcId,
      subnetIds,
      dnsSupport: 'enable',
      tags: { Name: `${network.name}-tgw-attachment` },
    });
    return { routeTarget: { transitGatewayId: this.props.transitGatewayId }, resource: attachment };
  }
}

/** Options of {@link NetworkRoutesToPeer}. */
export interface NetworkRoutesToPeerProps {
  /** The network on this side of the join. */
  readonly network: INetwork;
  /** How the two VPCs are joined: `NetworkJoin.peering(...)`, `.transitGateway(...)`, ... */
  readonly join: NetworkJoin;
  /** The other VPC's CIDR block, the destination of the routes. It must not overlap this network's. */
  readonly peerCidr: string;
  /**
   * The tiers whose route tables get a route to `peerCidr`; a Transit Gateway attachment takes the first tier's
   * subnets (one per AZ).
   * @default the network's default selection (the private tier with egress, else the isolated tier)
   */
  readonly subnetTypes?: readonly SubnetType[];
}

/**
 * One side of a join between two VPCs: the join resource this side owns (a peering request or accepter, a Transit
 * Gateway attachment) and, in each route table of the chosen tiers, a route to the other VPC's CIDR through it. The
 * other side does the same in its own stack (or account), so traffic and replies are routed both ways.
 */
export class NetworkRoutesToPeer extends Construct {
  /** The join as bound on this side. */
  public readonly join: BoundNetworkJoin;
  /** One route per route table of the chosen tiers, in subnet order. */
  public readonly routes: readonly Route[];
  /** The other VPC's CIDR block. */
  public readonly peerCidr: string;

  constructor(scope: Construct, id: string, props: NetworkRoutesToPeerProps) {
    super(scope, id);
    const { network, peerCidr } = props;
    checkPeerCidr(network, peerCidr);
    const types = props.subnetTypes ?? [network.selectSubnets().subnetType];
    const selected = types.map((subnetType) => network.selectSubnets({ subnetType }));
    const empty = selected.find((selection) => selection.subnetIds.length === 0);
    if (empty) {
      throw new Error(
        `${network.name}: routes to peer ${peerCidr}: the network has no ${empty.subnetType} subnets; allowed: ` +
          `subnetTypes the network has (${[...new Set(network.subnets.map((subnet) => subnet.type))].join(', ')})`,
      );
    }
    this.peerCidr = peerCidr;
    this.join = props.join.bind(this, network, selected[0].subnetIds);
    const { resource } = this.join;
    this.routes = selected.flatMap((selection) =>
      selection.subnets.map(
        (subnet) =>
          new Route(this, `route_${subnet.type}_${subnet.availabilityZone}`, {
            routeTableId: subnet.routeTableId,
            destinationCidrBlock: peerCidr,
            ...this.join.routeTarget,
            ...(resource && { dependsOn: [resource] }),
          }),
      ),
    );
  }
}

/** A peer CIDR must be a valid block outside this network: AWS routes no overlapping VPCs to each other. */
function checkPeerCidr(network: INetwork, peerCidr: string): void {
  if (Token.isUnresolved(peerCidr)) return;
  let peer: Ipv4Cidr;
  try {
    peer = Ipv4Cidr.parse(peerCidr);
  } catch (error) {
    throw new Error(`${network.name}: peerCidr = "${peerCidr}": ${(error as Error).message}`);
  }
  if (!Token.isUnresolved(network.cidrBlock) && peer.overlaps(Ipv4Cidr.parse(network.cidrBlock))) {
    throw new Error(
      `${network.name}: peerCidr = "${peerCidr}" overlaps the network's own ${network.cidrBlock}; allowed: a block ` +
        'outside it (joined VPCs must not overlap)',
    );
  }
}
