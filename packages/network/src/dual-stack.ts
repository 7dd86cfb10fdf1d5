import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { EgressOnlyInternetGateway } from '@cdktf/provider-aws/lib/egress-only-internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { SubnetType } from './subnet-type';

/** The IPv6 egress kinds {@link DualStack} offers, as the config names them. */
export const IPV6_EGRESS_KINDS = ['egress-only-gateway'] as const;

/** One of {@link IPV6_EGRESS_KINDS}. */
export type Ipv6EgressKind = (typeof IPV6_EGRESS_KINDS)[number];

/** The subnet arguments that make a subnet dual-stack. */
export interface DualStackSubnetArguments {
  /** The subnet's /64, carved from the VPC's /56. */
  readonly ipv6CidrBlock: string;
  /** Every new network interface gets an IPv6 address, as a Lambda dual-stack ENI needs. */
  readonly assignIpv6AddressOnCreation: true;
}

/** A network's IPv6 side once built: the egress-only internet gateway and the routes to it. */
export interface BoundDualStack {
  /** How the private tier leaves over IPv6. */
  readonly egress: Ipv6EgressKind;
  /** The gateway the private tier's `::/0` routes point at. */
  readonly egressOnlyInternetGateway: EgressOnlyInternetGateway;
  /** The `::/0` routes, one per private route table. */
  readonly routes: readonly Route[];
}

/**
 * IPv6 on a network, opt-in: an Amazon-provided /56 on the VPC, a /64 of it on every subnet of the private tier (the
 * tier with internet egress), and an egress-only internet gateway that the private tier's route tables send `::/0`
 * to. IPv6 traffic leaves with no NAT (and no NAT processing charge), and the gateway lets nothing in that the
 * subnets did not start; IPv4 still leaves through the NAT strategy. The public and isolated tiers stay IPv4-only:
 * the public tier holds only NATs, and the isolated tier has no route beyond the VPC by design.
 *
 * DNS64 stays off: it would answer IPv4-only names with `64:ff9b::/96` addresses, which need a NAT64 route to a NAT
 * gateway; dual-stack subnets reach IPv4-only names over IPv4 through NAT instead. Resource-name AAAA records stay
 * off too: they name EC2 instances, and a Lambda function's ENIs have no resource name anyone resolves.
 */
export class DualStack {
  /** IPv6 egress through an egress-only internet gateway, the one kind AWS offers with no hourly charge. */
  public static egressOnlyGateway(): DualStack {
    return new DualStack('egress-only-gateway');
  }

  private constructor(
    /** How the private tier leaves over IPv6. */
    public readonly egress: Ipv6EgressKind,
  ) {}

  /** Whether subnets of a tier are dual-stack: only the private tier, the one with egress. */
  public appliesTo(type: SubnetType): boolean {
    return type === SubnetType.PRIVATE_WITH_EGRESS;
  }

  /**
   * The arguments of a dual-stack subnet: the `netnum`-th /64 of the VPC's /56 (`cidrsubnet(block, 8, netnum)`),
   * `netnum` being the subnet's slot in the IPv4 plan, so adding an AZ moves no IPv6 block either.
   */
  public subnetArguments(vpcIpv6CidrBlock: string, netnum: number): DualStackSubnetArguments {
    if (!Number.isInteger(netnum) || netnum < 0 || netnum > 255) {
      throw new Error(`subnet slot ${netnum} is outside the /56's 256 subnets of /64`);
    }
    return { ipv6CidrBlock: Fn.cidrsubnet(vpcIpv6CidrBlock, 8, netnum), assignIpv6AddressOnCreation: true };
  }

  /** The egress-only internet gateway under `scope`, with a `::/0` route to it in each of `routeTables` (by ID). */
  public bind(
    scope: Construct,
    props: { readonly vpcId: string; readonly name: string; readonly routeTables: ReadonlyMap<string, string> },
  ): BoundDualStack {
    const egressOnlyInternetGateway = new EgressOnlyInternetGateway(scope, 'egress-only-internet-gateway', {
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-eigw` },
    });
    const routes = [...props.routeTables].map(
      ([id, routeTableId]) =>
        new Route(scope, `ipv6-default-route_${id}`, {
          routeTableId,
          destinationIpv6CidrBlock: '::/0',
          egressOnlyGatewayId: egressOnlyInternetGateway.id,
        }),
    );
    return { egress: this.egress, egressOnlyInternetGateway, routes };
  }
}
