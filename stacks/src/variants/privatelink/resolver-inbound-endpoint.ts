import { Construct } from 'constructs';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Connections, IConnectable, Peer, Port, SubnetRef } from '@lambda-vpc/network';

/** Options of {@link ResolverInboundEndpoint}. */
export interface ResolverInboundEndpointProps {
  /** Resource name, `<env>-<variant>-resolver-inbound`. */
  readonly name: string;
  /** The VPC. */
  readonly vpcId: string;
  /** One subnet per AZ, two or more: Route 53 Resolver endpoints need addresses in at least two. */
  readonly subnets: readonly SubnetRef[];
  /** On-premises resolver networks admitted on DNS (TCP and UDP 53). */
  readonly onPremisesCidrs: readonly string[];
}

/** What {@link ResolverInboundEndpoint.problems} checks: how many AZs it would span, and whom it would admit. */
export interface ResolverInboundEndpointPlan {
  /** The number of AZs (one subnet each) the endpoint would have addresses in. */
  readonly availabilityZones: number;
  /**
   * The on-premises networks it would admit.
   * @default not known yet (unreadable config): not checked
   */
  readonly onPremisesCidrs?: readonly unknown[];
}

/**
 * A Route 53 Resolver inbound endpoint: addresses in the VPC that on-premises DNS servers forward
 * `lambda.<region>.amazonaws.com` to, so on-premises clients resolve the regional name to the interface
 * endpoint's private IPs, as clients in the VPC do. Its security group admits DNS only from the
 * on-premises networks.
 */
export class ResolverInboundEndpoint extends Construct implements IConnectable {
  /** The resolver endpoint. */
  public readonly endpoint: Route53ResolverEndpoint;
  /** Its security group. */
  public readonly securityGroup: SecurityGroup;
  /** What it admits: DNS from the on-premises networks. */
  public readonly connections: Connections;

  /**
   * What would make the endpoint useless or refused, each as what is wrong and what is allowed; empty when none:
   * Route 53 Resolver needs addresses in 2 or more AZs, and an inbound endpoint admits DNS only from the on-premises
   * networks, so it needs at least one.
   */
  public static problems(plan: ResolverInboundEndpointPlan): string[] {
    const problems: string[] = [];
    if (plan.availabilityZones < 2) {
      problems.push(
        'a Route 53 Resolver endpoint needs IP addresses in at least 2 AZs, and it has ' +
          `${plan.availabilityZones}; allowed: 2 or more AZs (availabilityZones)`,
      );
    }
    if (plan.onPremisesCidrs?.length === 0) {
      problems.push(
        'an inbound resolver endpoint admits DNS only from on-premises networks, and none are listed; ' +
          'allowed: 1 or more on-premises CIDRs (onPremisesCidrs)',
      );
    }
    return problems;
  }

  constructor(scope: Construct, id: string, props: ResolverInboundEndpointProps) {
    super(scope, id);
    const problems = ResolverInboundEndpoint.problems({
      availabilityZones: new Set(props.subnets.map((subnet) => subnet.availabilityZone)).size,
      onPremisesCidrs: props.onPremisesCidrs,
    });
    if (problems.length > 0) throw new Error(`${props.name}: ${problems.join('; ')}`);
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: props.name,
      description: `${props.name}: DNS (TCP and UDP 53) from on-premises resolvers only`,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.connections = Connections.ofSecurityGroup(this, this.securityGroup.id);
    for (const cidr of props.onPremisesCidrs) {
      for (const port of [Port.udp(53), Port.tcp(53)]) {
        this.connections.allowFrom(Peer.ipv4(cidr), port, `${port.label} from on-premises network ${cidr}`);
      }
    }
    this.endpoint = new Route53ResolverEndpoint(this, 'Default', {
      name: props.name,
      direction: 'INBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [this.securityGroup.id],
      ipAddress: props.subnets.map((subnet) => ({ subnetId: subnet.subnetId })),
      tags: { Name: props.name },
    });
  }
}
