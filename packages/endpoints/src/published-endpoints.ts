// The endpoints a platform stack published with its network, read back in another stack by their parameters
// (NetworkHandle in @lambda-vpc/network): connectable, so a workload's rules name them, and nothing else of them.
import { Construct } from 'constructs';
import { Connections, IConnectable, NetworkHandle, Peer, PublishedNetwork } from '@lambda-vpc/network';
import type { GatewayEndpointService } from './gateway-endpoint';
import type { InterfaceEndpointService } from './interface-endpoint-service';
import { checkEndpointRule } from './interface-endpoint-rules';

/** Options of `GatewayEndpoint.fromParameters` and `InterfaceEndpoint.fromParameters`. */
export interface PublishedEndpointProps<Service> {
  /** The platform network the endpoint stands in, read by `Network.fromParameters`. */
  readonly network: PublishedNetwork;
  /** The endpoint's service: `endpoints/<service>/` under the network's parameters. */
  readonly service: Service;
}

/**
 * A gateway endpoint a platform stack published: its service's prefix list, which a function's egress rule names
 * (`fn.connections.allowTo(dynamoDb, Port.https(), 'why')`). The endpoint's policy is the platform's: it decides which
 * principals may use the service through it.
 */
export class PublishedGatewayEndpoint extends Construct implements IConnectable {
  /** The service. */
  public readonly service: GatewayEndpointService;
  /** The service's prefix list, read from `endpoints/<service>/prefix-list-id`. */
  public readonly prefixListId: string;
  /** The prefix list as a rule's peer, labelled with the service (`dynamodb`, `s3`), as the platform labels it. */
  public readonly connections: Connections;

  private readonly network: PublishedNetwork;

  constructor(scope: Construct, id: string, props: PublishedEndpointProps<GatewayEndpointService>) {
    super(scope, id);
    this.service = props.service;
    this.network = props.network;
    this.prefixListId = NetworkHandle.endpointPrefixListId(props.service).read(this, props.network.location);
    this.connections = Peer.prefixList(this.prefixListId, props.service).connections;
  }

  /** The endpoint's ID, read from `endpoints/<service>/id` when first asked for. */
  public get endpointId(): string {
    return NetworkHandle.endpointId(this.service).read(this, this.network.location);
  }
}

/**
 * An interface endpoint a platform stack published: its security group, on which a workload's stack writes the one
 * rule that admits its function (`fn.connections.allowTo(endpoint, Port.https(), 'why')`: the function's egress and
 * the group's ingress from the function's group, HTTPS only, as on the platform's own endpoints). The rule lives in
 * the workload's state; the group, the endpoint and its policy stay the platform's.
 */
export class PublishedInterfaceEndpoint extends Construct implements IConnectable {
  /** The service. */
  public readonly service: InterfaceEndpointService;
  /** The endpoint's security group, read from `endpoints/<service>/security-group-id`. */
  public readonly securityGroupId: string;
  /** Who the endpoint admits: rules are written on its group under this construct, HTTPS in only. */
  public readonly connections: Connections;

  private readonly network: PublishedNetwork;

  constructor(scope: Construct, id: string, props: PublishedEndpointProps<InterfaceEndpointService>) {
    super(scope, id);
    const { network, service } = props;
    this.service = service;
    this.network = network;
    this.securityGroupId = NetworkHandle.endpointSecurityGroupId(service.name).read(this, network.location);
    const name = `${network.name}-${service.name}-endpoint`;
    this.connections = Connections.ofSecurityGroup(this, this.securityGroupId, {
      label: `${service.name.replace(/\./g, '-')}-endpoint`,
      check: (direction, peer, port) => checkEndpointRule(name, direction, peer, port),
    });
  }

  /** The endpoint's ID, read from `endpoints/<service>/id` when first asked for. */
  public get endpointId(): string {
    return NetworkHandle.endpointId(this.service.name).read(this, this.network.location);
  }
}
