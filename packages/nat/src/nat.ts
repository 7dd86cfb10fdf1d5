import { Construct } from 'constructs';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Connections, IConnectable, INetwork, SubnetType } from '@lambda-vpc/network';
import { NatStrategy, NatTarget } from './nat-strategy';

/** Options of {@link Nat}. */
export interface NatProps {
  /** The network whose private-with-egress tier gets internet egress. */
  readonly network: INetwork;
  /**
   * How egress is provided: `NatStrategy.gatewayPerAz()`, `.singleGateway()`, `.instance()` or
   * `.selfHealingInstance()`.
   */
  readonly strategy: NatStrategy;
}

/**
 * Internet egress for a network's private tier. The strategy creates the NATs in the public subnets; this
 * construct then gives every private-with-egress route table its `0.0.0.0/0` route to the NAT in the same
 * AZ, or to the only NAT. A VPC-attached Lambda function needs this path for anything outside AWS: its
 * ENIs never get a public IP, even in a public subnet.
 */
export class Nat extends Construct implements IConnectable {
  /** The NATs, one per AZ they serve. */
  public readonly targets: readonly NatTarget[];
  /** The default route of each private-with-egress route table, in AZ order. */
  public readonly defaultRoutes: readonly Route[];

  private readonly instanceConnections?: Connections;

  constructor(scope: Construct, id: string, props: NatProps) {
    super(scope, id);
    const { network, strategy } = props;
    if (!network.hasTier(SubnetType.PUBLIC)) {
      throw new Error(
        `${network.name}: NAT strategy "${strategy.kind}" needs a public subnet tier, and the network has none`,
      );
    }
    if (!network.hasTier(SubnetType.PRIVATE_WITH_EGRESS)) {
      throw new Error(
        `${network.name}: NAT strategy "${strategy.kind}" has nothing to serve: the network has no ` +
          `private-with-egress tier`,
      );
    }
    this.targets = strategy.configure(this, network);
    this.instanceConnections = this.targets.find((target) => target.connections)?.connections;
    this.defaultRoutes = network.privateSubnets.map((subnet) => {
      // Same-AZ NAT when there is one: cross-AZ traffic is billed and fails with the other AZ.
      const target = this.targets.find((t) => t.availabilityZone === subnet.availabilityZone) ?? this.targets[0];
      return new Route(this, `default-route_${subnet.availabilityZone}`, {
        routeTableId: subnet.routeTableId,
        destinationCidrBlock: '0.0.0.0/0',
        ...target.route,
      });
    });
  }

  /** The NAT instances' connections (their security group's rules); a NAT gateway has no security group. */
  public get connections(): Connections {
    if (!this.instanceConnections) {
      throw new Error(
        `${this.node.id}: NAT gateways have no security group; only the instance strategies have connections`,
      );
    }
    return this.instanceConnections;
  }
}
