import { Construct } from 'constructs';
import { allowOwnAccountBuckets, EndpointPolicy, GatewayEndpoint, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, LambdaFunction } from '@lambda-vpc/lambda';
import { Nat, NatStrategy } from '@lambda-vpc/nat';
import { DualStack, Network, Peer, PolicyStatement, Port, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import { PatternFunctionProps, PatternNetworkProps, patternNetwork } from '../pattern-props';

/** Options of {@link NatEgressPattern}. */
export interface NatEgressPatternProps extends PatternNetworkProps {
  /**
   * Prefix length of each public subnet (NAT only, no workloads).
   * @default 26
   */
  readonly publicSubnetPrefixLength?: number;
  /**
   * Prefix length of each private subnet (the function's ENIs).
   * @default 20
   */
  readonly privateSubnetPrefixLength?: number;
  /**
   * How the private tier reaches the internet: `NatStrategy.gatewayPerAz()`, `.singleGateway()`, `.instance()` or
   * `.selfHealingInstance()`.
   * @default NatStrategy.gatewayPerAz(): a NAT gateway in every AZ, each AZ's private tier routed to its own
   */
  readonly natStrategy?: NatStrategy;
  /**
   * IPv6 egress without NAT, e.g. `DualStack.egressOnlyGateway()`: dual-stack private subnets whose `::/0` routes
   * point at an egress-only internet gateway, the function allowed IPv6 (`ipv6_allowed_for_dual_stack`) and let out to
   * `::/0` on HTTPS only. IPv4 still leaves through NAT.
   * @default none: IPv4 only
   */
  readonly ipv6?: DualStack;
  /**
   * The function, placed in the private subnets.
   * @default none: the pattern builds the network, the NATs and the endpoint only, the endpoint's policy denying
   * everything until a function added later is named in it (`endpoint.addToPolicy`)
   */
  readonly function?: PatternFunctionProps;
  /**
   * Its DynamoDB table, read and written through the gateway endpoint; needed with `function`.
   * @default none
   */
  readonly table?: {
    /** The table; the role's grant and the endpoint's policy name it (and its indexes). */
    readonly tableArn: string;
    /** The endpoint policy statement's ID, e.g. `FetcherUsesItsTable`. */
    readonly endpointSid: string;
  };
}

/**
 * The nat-egress variant's network and function: the function in private subnets calls the internet through a NAT in
 * the public tier, which leaves through the internet gateway; its ENIs never get a public IP, so NAT is its only way
 * out, and its security group lets it out on HTTPS only. DynamoDB and S3 traffic takes gateway endpoints on the
 * private route tables instead (their prefix-list routes are more specific than 0.0.0.0/0), so it pays no NAT
 * processing charge. With `ipv6`, IPv6 traffic leaves through an egress-only internet gateway instead, with no NAT.
 *
 * The environment stack and the nat-egress example both build the variant from it. It composes into its scope
 * instead of adding a construct level, so its resources' addresses and paths are the scope's own.
 */
export class NatEgressPattern {
  /** The VPC: a public tier for the NATs, a private tier for the function. */
  public readonly network: Network;
  /** The NATs and the private tier's default routes. */
  public readonly nat: Nat;
  /** The function, when the props give one. */
  public readonly function?: LambdaFunction;
  /** The DynamoDB gateway endpoint on the private route tables. */
  public readonly dynamoDbEndpoint: GatewayEndpoint;
  /**
   * The S3 gateway endpoint on the private route tables: S3 in the region without NAT processing, for the account's own
   * principals on the account's own buckets (`allowOwnAccountBuckets`).
   */
  public readonly s3Endpoint: GatewayEndpoint;

  /** The variant's subnet tiers: public (NAT only) and private, one subnet of each per AZ. */
  public static subnetTiers(
    props: Pick<NatEgressPatternProps, 'publicSubnetPrefixLength' | 'privateSubnetPrefixLength'>,
  ): SubnetTierSpec[] {
    return [
      { type: SubnetType.PUBLIC, prefixLength: props.publicSubnetPrefixLength ?? 26 },
      { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: props.privateSubnetPrefixLength ?? 20 },
    ];
  }

  constructor(scope: Construct, props: NatEgressPatternProps) {
    this.network = patternNetwork(scope, props, NatEgressPattern.subnetTiers(props), props.ipv6);
    this.nat = new Nat(scope, 'nat', {
      network: this.network,
      strategy: props.natStrategy ?? NatStrategy.gatewayPerAz(),
    });
    const table = props.table;
    if (props.function && !table) {
      throw new Error(
        `NatEgressPattern: function ${props.function.id} needs table (what it uses through the endpoint)`,
      );
    }
    const fn = props.function && this.placeFunction(scope, props.function);
    if (fn && table) fn.grantDynamoDbReadWrite(table.tableArn);
    this.function = fn;

    this.dynamoDbEndpoint = new GatewayEndpoint(scope, 'dynamodb-endpoint', {
      network: this.network,
      service: GatewayEndpointService.DYNAMODB,
      routeTableIds: this.network.privateSubnets.map((subnet) => subnet.routeTableId),
      policy:
        fn && table
          ? EndpointPolicy.of([
              new PolicyStatement({
                sid: table.endpointSid,
                principals: [fn.roleArn],
                actions: DYNAMODB_READ_WRITE_ACTIONS,
                resources: [table.tableArn, `${table.tableArn}/index/*`],
              }),
            ])
          : EndpointPolicy.closed(),
    });

    // The prefix-list route takes every S3 call of the private tier, so the policy is what S3 allows from here: the
    // account's own buckets, as a data perimeter; another account's bucket needs a statement of its own.
    this.s3Endpoint = new GatewayEndpoint(scope, 's3-endpoint', {
      network: this.network,
      service: GatewayEndpointService.S3,
      routeTableIds: this.network.privateSubnets.map((subnet) => subnet.routeTableId),
      policy: EndpointPolicy.of([
        allowOwnAccountBuckets({
          accountId: this.network.environment.accountId,
          partition: this.network.environment.partition,
        }),
      ]),
    });

    // Security groups do not filter the VPC's DNS resolver, so no rule for port 53 is needed.
    fn?.connections.allowTo(this.dynamoDbEndpoint, Port.https(), 'HTTPS to DynamoDB through the gateway endpoint');
    fn?.connections.allowTo(Peer.anyIpv4(), Port.https(), 'HTTPS to the internet through NAT');
    if (this.network.dualStack) {
      fn?.connections.allowTo(
        Peer.anyIpv6(),
        Port.https(),
        'HTTPS to the IPv6 internet through the egress-only internet gateway',
      );
    }
  }

  /** The function in the private subnets. */
  private placeFunction(scope: Construct, { id, ...functionProps }: PatternFunctionProps): LambdaFunction {
    return new LambdaFunction(scope, id, {
      ...functionProps,
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    });
  }
}
