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

  constructor(scope: Construct, id: string, props: ResolverInboundEndpointProps) {
    super(scope, id);
    if (props.subnets.length < 2) {
      throw new Error(`${props.name}: a Route 53 Resolver endpoint needs subnets in at least 2 AZs, got ${props.subnets.length}`);
    }
    if (props.onPremisesCidrs.length === 0) {
      throw new Error(`${props.name}: an inbound resolver endpoint admits DNS from on-premises CIDRs, and none are given`);
    }
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
