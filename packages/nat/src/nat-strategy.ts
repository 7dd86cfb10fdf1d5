import { Construct } from 'constructs';
import { Connections, INetwork } from '@lambda-vpc/network';
import { NatGatewayOptions, NatGatewayStrategy } from './nat-gateway';
import { NatInstanceOptions, NatInstanceStrategy } from './nat-instance';
import { SelfHealingNatInstanceOptions, SelfHealingNatInstanceStrategy } from './self-healing-nat-instance';
import { NatStrategyKind } from './strategy-kinds';

/** A NAT and the AZ it serves. */
export interface NatTarget {
  /** The AZ of the public subnet the NAT sits in. */
  readonly availabilityZone: string;
  /** The route target: a NAT gateway ID, or a NAT instance's network interface ID (primary, or static). */
  readonly route: { readonly natGatewayId: string } | { readonly networkInterfaceId: string };
  /** The public IP traffic leaves from, when allocated here (unknown for a brought EIP). */
  readonly publicIp?: string;
  /**
   * The connections of a NAT with a security group (a NAT instance): what it admits from the private tier and lets
   * out to the internet.
   * @default none: a NAT gateway has no security group
   */
  readonly connections?: Connections;
}

/**
 * How a network's private tier reaches the internet. Made by the static factories below and applied by
 * the `Nat` construct, which calls {@link NatStrategy.configure} back and then routes the private tier.
 */
export interface NatStrategy {
  /** The strategy's name, as environment config spells it. */
  readonly kind: NatStrategyKind;
  /** How many NATs (gateways or instances) the strategy creates for this network. */
  natCount(network: INetwork): number;
  /** Creates the NATs in the network's public subnets and returns one route target per NAT. */
  configure(scope: Construct, network: INetwork): readonly NatTarget[];
}

/** The NAT strategies. */
export const NatStrategy = {
  /**
   * A managed NAT gateway in every AZ; each AZ's private tier routes to its own. Survives the loss of an
   * AZ and pays no cross-AZ transfer; costs one gateway-hour per AZ. The production choice.
   */
  gatewayPerAz(options: NatGatewayOptions = {}): NatStrategy {
    return new NatGatewayStrategy('gateway-per-az', options);
  },

  /**
   * One managed NAT gateway in the first AZ (or `options.availabilityZone`); every AZ routes to it. A
   * third or half the hourly cost, but the other AZs lose egress when its AZ fails and pay cross-AZ
   * transfer.
   */
  singleGateway(options: NatGatewayOptions = {}): NatStrategy {
    return new NatGatewayStrategy('single-gateway', options);
  },

  /**
   * One EC2 NAT instance (Amazon Linux 2023, arm64): the cheapest egress for development. Not highly
   * available and patched by you; reachable through SSM Session Manager only (no SSH key, no port 22).
   */
  instance(options: NatInstanceOptions = {}): NatStrategy {
    return new NatInstanceStrategy(options);
  },

  /**
   * A NAT instance per AZ that heals: each AZ's auto scaling group of one replaces a failed instance, and the
   * replacement attaches the AZ's static network interface (its Elastic IP and the private route's target) at boot.
   * Costs an instance, its volume and two public IPv4 addresses per AZ; still patched by you; SSM only, no SSH.
   */
  selfHealingInstance(options: SelfHealingNatInstanceOptions = {}): NatStrategy {
    return new SelfHealingNatInstanceStrategy(options);
  },
};
