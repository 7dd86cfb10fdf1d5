/**
 * The three subnet tiers. The tier decides the route table's default route, not the subnet itself:
 * AWS has no "public subnet" attribute, only a route to an internet gateway.
 */
export enum SubnetType {
  /** Default route to the internet gateway. Holds NAT gateways or NAT instances, never workloads. */
  PUBLIC = 'public',
  /** Default route to a NAT in the same AZ (added by a NAT strategy); no inbound path from the internet. */
  PRIVATE_WITH_EGRESS = 'private',
  /** No route beyond the VPC; AWS services only through VPC endpoints. */
  PRIVATE_ISOLATED = 'isolated',
}
