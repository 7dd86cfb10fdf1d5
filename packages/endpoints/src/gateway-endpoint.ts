import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Connections, IConnectable, INetwork, Peer, PolicyStatement } from '@lambda-vpc/network';
import { EndpointPolicy } from './endpoint-policy';
import { PublishedEndpointProps, PublishedGatewayEndpoint } from './published-endpoints';

/** The services AWS offers gateway endpoints for. */
export enum GatewayEndpointService {
  DYNAMODB = 'dynamodb',
  S3 = 's3',
}

/** Options of {@link GatewayEndpoint}. */
export interface GatewayEndpointProps {
  /** The network whose route tables get the service's prefix-list route. */
  readonly network: INetwork;
  /** DynamoDB or S3. */
  readonly service: GatewayEndpointService;
  /**
   * Route table IDs to attach to.
   * @default every private and isolated route table of the network
   */
  readonly routeTableIds?: readonly string[];
  /**
   * Who may use the endpoint on which resources: `EndpointPolicy.of(...)` scoped to what the stack uses, or
   * `EndpointPolicy.fullAccess` with a reason.
   */
  readonly policy: EndpointPolicy;
}

/**
 * A gateway VPC endpoint: a route from each chosen route table to the service's prefix list. Traffic to
 * DynamoDB or S3 then stays on the AWS network with no NAT, no internet gateway, and no hourly or per-GB
 * charge; the route is more specific than `0.0.0.0/0`, so it wins over a NAT route in the same table.
 * It has no security group: traffic to it is addressed to the service's prefix list, which is how a function's
 * egress rule names it (`fn.connections.allowTo(dynamoDb, Port.https(), 'why')`).
 */
export class GatewayEndpoint extends Construct implements IConnectable {
  /**
   * The gateway endpoint for `service` a platform stack published with its network (`Network.fromParameters`), by its
   * parameters: its ID and its service's prefix list, which `fn.connections.allowTo(endpoint, Port.https(), 'why')`
   * names in the function's egress rule.
   */
  public static fromParameters(
    scope: Construct,
    id: string,
    props: PublishedEndpointProps<GatewayEndpointService>,
  ): PublishedGatewayEndpoint {
    return new PublishedGatewayEndpoint(scope, id, props);
  }

  /** The service, DynamoDB or S3. */
  public readonly service: GatewayEndpointService;
  /** The endpoint resource. */
  public readonly endpoint: VpcEndpoint;
  /** The service name, `com.amazonaws.<region>.<service>`. */
  public readonly serviceName: string;
  /** The service's prefix list as a rule's peer, labelled with the service (`dynamodb`, `s3`). */
  public readonly connections: Connections;

  private policy: EndpointPolicy;
  private readonly policyOwner: string;

  constructor(scope: Construct, id: string, props: GatewayEndpointProps) {
    super(scope, id);
    const { network } = props;
    this.service = props.service;
    const name = `${network.name}-${props.service}-gateway`;
    const routeTableIds = props.routeTableIds ?? network.privateRouteTableIds;
    if (routeTableIds.length === 0) {
      throw new Error(`${name}: a gateway endpoint needs route tables; network ${network.name} has no private ones`);
    }
    this.policy = props.policy;
    this.policyOwner = name;
    this.serviceName = `com.amazonaws.${network.environment.region}.${props.service}`;
    this.endpoint = new VpcEndpoint(this, 'Default', {
      vpcId: network.vpcId,
      serviceName: this.serviceName,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...routeTableIds],
      policy: props.policy.render(name),
      tags: { Name: name },
    });
    this.connections = Peer.prefixList(this.endpoint.prefixListId, props.service).connections;
  }

  /**
   * Adds statements to the endpoint's policy, each naming its principals (the policy's rules), e.g. for a
   * function that uses the endpoint but was added after it.
   */
  public addToPolicy(...statements: PolicyStatement[]): void {
    const policy = this.policy.withStatements(statements);
    if (policy === this.policy) return;
    this.policy = policy;
    this.endpoint.policy = policy.render(this.policyOwner);
  }

  /** The endpoint's ID. */
  public get endpointId(): string {
    return this.endpoint.id;
  }

  /** The service's prefix list: the destination a security group egress rule to the service names. */
  public get prefixListId(): string {
    return this.endpoint.prefixListId;
  }
}
