// The diagram model: what a stack's network looks like, independent of any drawing syntax. Boxes (VPC, AZ,
// subnet) nest; nodes sit in one box or outside every VPC; edges join nodes. Every list is sorted so that the
// same stack JSON always yields the same model, and therefore byte-identical DOT, Mermaid and SVG.

/** A subnet, drawn as a box inside its AZ. */
export interface SubnetBox {
  /** The subnet's Terraform address, e.g. `aws_subnet.network_subnet_private_eu-west-1a`. */
  readonly id: string;
  /** Its `Name` tag, or the address's name part. */
  readonly name: string;
  /** Its `Tier` tag (`public`, `private`, `isolated`), or `untagged`. */
  readonly tier: string;
  /** Its IPv4 CIDR block. */
  readonly cidr: string;
  /** Its availability zone. */
  readonly az: string;
}

/** An availability zone of one VPC, holding that VPC's subnets in the zone, ordered public, private, isolated. */
export interface AzBox {
  /** `<vpc address>/<zone>`, e.g. `aws_vpc.network_vpc/eu-west-1a`. */
  readonly id: string;
  /** The zone, e.g. `eu-west-1a`. */
  readonly name: string;
  readonly subnets: readonly SubnetBox[];
}

/** A VPC, the outermost box. */
export interface VpcBox {
  /** The VPC's Terraform address, e.g. `aws_vpc.network_vpc`. */
  readonly id: string;
  readonly name: string;
  /** Its primary IPv4 CIDR block. */
  readonly cidr: string;
  readonly azs: readonly AzBox[];
}

/** What a node stands for; the renderers pick shape and colour from it. */
export type NodeKind =
  | 'internet'
  | 'on-premises'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'nat-instance'
  | 'nat-instance-group'
  | 'route-target'
  | 'route-table'
  | 'gateway-endpoint'
  | 'interface-endpoint'
  | 'resolver-endpoint'
  | 'private-hosted-zone'
  | 'function';

/** One drawn node. */
export interface DiagramNode {
  /**
   * Stable ID derived from Terraform addresses: the address itself (`aws_nat_gateway.nat_nat-gateway_eu-west-1a`),
   * `<address>@<subnet address>` for one network interface of a resource that spans subnets (a function's ENI in
   * one subnet), or `internet` / `cidr:<block>` for the places outside AWS.
   */
  readonly id: string;
  readonly kind: NodeKind;
  /** Display text; lines separated by `\n`. Renderers escape it. */
  readonly label: string;
  /** The Terraform address the node represents, if any. */
  readonly address?: string;
  /** The box it is drawn in (a subnet, AZ or VPC ID); absent: outside every VPC. */
  readonly parent?: string;
}

/**
 * `route`: a route table entry; `path`: traffic reachability finds getting through (a function to the next hop of a
 * reachable path, an outside network an endpoint admits); `unknown`: a path reachability cannot follow to its end (it
 * leaves the stack through a transit gateway, say), drawn to the hop where the analysis stops; `invoke`: an endpoint
 * policy grant; `attach`: an auto scaling group's instances attach a network interface at boot (a self-healing NAT
 * instance's static interface).
 */
export type EdgeKind = 'route' | 'path' | 'unknown' | 'invoke' | 'attach';

/** One drawn edge. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** e.g. `0.0.0.0/0`, `prefix list dynamodb`, `tcp 443`; several merged with `, `. */
  readonly label: string;
}

/** Everything a diagram of one stack shows. */
export interface DiagramModel {
  readonly stackName: string;
  /** From the AWS provider's default tags, if set. */
  readonly variant?: string;
  /** Sorted by ID. */
  readonly vpcs: readonly VpcBox[];
  /** Sorted by ID. */
  readonly nodes: readonly DiagramNode[];
  /** Sorted by from, to, kind. */
  readonly edges: readonly DiagramEdge[];
  /** What the JSON held that the diagram does not show, and why; sorted. */
  readonly notes: readonly string[];
}

/** Sort order of subnet tiers inside an AZ: the internet-facing tier first, as traffic flows outwards. */
export const TIER_ORDER: readonly string[] = ['public', 'private', 'isolated'];

/** Compares strings by code unit, not locale, so ordering never depends on the machine. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
