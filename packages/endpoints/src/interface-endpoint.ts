import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint, VpcEndpointDnsEntryList } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Connections, IConnectable, INetwork, PolicyStatement, SubnetType } from '@lambda-vpc/network';
import { EndpointPolicy } from './endpoint-policy';
import { InterfaceEndpointDns } from './endpoint-private-zone';
import { checkEndpointRule } from './interface-endpoint-rules';
import { InterfaceEndpointService } from './interface-endpoint-service';
import { PublishedEndpointProps, PublishedInterfaceEndpoint } from './published-endpoints';
import { checkRemotePrincipals, checkRemoteSource, REMOTE_CALLER_PORT, RemoteCallerProps } from './remote-caller';

/** Options of {@link InterfaceEndpoint}. */
export interface InterfaceEndpointProps {
  /** The network whose subnets get the endpoint's network interfaces. */
  readonly network: INetwork;
  /** The AWS service the endpoint reaches. */
  readonly service: InterfaceEndpointService;
  /**
   * The tier whose subnets (one per AZ) get the endpoint's network interfaces; never the public tier.
   * @default the network's default selection: the private tier with egress if it has one, else the isolated tier
   */
  readonly subnetType?: SubnetType;
  /**
   * Whether the service's regional DNS name resolves to the endpoint inside the VPC, so SDKs use it with no
   * endpoint override. Needs the VPC's DNS support and DNS hostnames both on.
   * @default true
   */
  readonly privateDns?: boolean;
  /** Who may call what through the endpoint: `EndpointPolicy.of(...)`, or `fullAccess` with a reason. */
  readonly policy: EndpointPolicy;
}

/**
 * An interface VPC endpoint (PrivateLink): a network interface per AZ in the chosen tier that answers for an
 * AWS service's API, so callers without a route to the internet reach it. Its own security group admits
 * HTTPS from the sources its connections admit (`fn.connections.allowTo(endpoint, Port.https(), 'why')`, or
 * `endpoint.connections.allowFrom(Peer.ipv4(cidr), Port.https(), 'why')`) and has no egress rules: the endpoint only
 * answers, and security groups are stateful, so replies need none.
 */
export class InterfaceEndpoint extends Construct implements IConnectable, InterfaceEndpointDns {
  /**
   * The interface endpoint for `service` a platform stack published with its network (`Network.fromParameters`), by
   * its parameters: its ID and security group. `fn.connections.allowTo(endpoint, Port.https(), 'why')` writes the
   * function's egress rule and the ingress rule on the endpoint's group that admits it; nothing else of it is changed.
   */
  public static fromParameters(
    scope: Construct,
    id: string,
    props: PublishedEndpointProps<InterfaceEndpointService>,
  ): PublishedInterfaceEndpoint {
    return new PublishedInterfaceEndpoint(scope, id, props);
  }

  /** The endpoint resource. */
  public readonly endpoint: VpcEndpoint;
  /** The endpoint's security group. */
  public readonly securityGroup: SecurityGroup;
  /** The AWS service it reaches. */
  public readonly service: InterfaceEndpointService;
  /** `<network>-<service>-endpoint`; names the endpoint and its security group. */
  public readonly name: string;
  /** The service's regional DNS name that private DNS answers for, e.g. `lambda.eu-west-1.amazonaws.com`. */
  public readonly privateDnsName: string;
  /** Who the endpoint admits: HTTPS only, from security groups or named networks, never every address. */
  public readonly connections: Connections;

  /** The VPC the endpoint is in. */
  public readonly vpcId: string;

  private policy: EndpointPolicy;
  private readonly vpcCidr: string;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    const { network, service } = props;
    const region = network.environment.region;
    this.name = `${network.name}-${service.name}-endpoint`;
    this.privateDnsName = service.privateDnsName(region);
    this.service = service;
    this.policy = props.policy;
    this.vpcId = network.vpcId;
    this.vpcCidr = network.cidrBlock;
    const privateDns = props.privateDns ?? true;
    if (privateDns) assertDnsAttributes(this.name, network);
    const subnetIds = endpointSubnetIds(this.name, network, props.subnetType);

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: this.name,
      description: `Interface endpoint ${this.name}: HTTPS in from admitted sources only, no egress`,
      vpcId: network.vpcId,
      tags: { Name: this.name },
    });

    this.endpoint = new VpcEndpoint(this, 'Default', {
      vpcId: network.vpcId,
      serviceName: service.serviceName(region),
      vpcEndpointType: 'Interface',
      subnetIds,
      securityGroupIds: [this.securityGroup.id],
      privateDnsEnabled: privateDns,
      policy: props.policy.render(this.name),
      tags: { Name: this.name },
    });

    this.connections = Connections.ofSecurityGroup(this, this.securityGroup.id, {
      check: (direction, peer, port) => checkEndpointRule(this.name, direction, peer, port),
    });
    // Checked at synth, not here, so sources created after the endpoint can still be admitted.
    this.node.addValidation({
      validate: () =>
        this.connections.rules.length === 0
          ? [`${this.name} admits nobody: admit a source, e.g. fn.connections.allowTo(endpoint, Port.https(), 'why')`]
          : [],
    });
  }

  /**
   * Adds statements to the endpoint's policy, each naming its principals (the policy's rules), e.g. for a
   * function that uses the endpoint but was added after it.
   */
  public addToPolicy(...statements: PolicyStatement[]): void {
    const policy = this.policy.withStatements(statements);
    if (policy === this.policy) return;
    this.policy = policy;
    this.endpoint.policy = policy.render(this.name);
  }

  /**
   * Admits a caller in another VPC (joined by peering or a Transit Gateway, see `NetworkRoutesToPeer`): an ingress
   * rule on 443 from its CIDR or, over same-region peering, its security group, and its statements in the policy.
   */
  public admitRemoteCaller(caller: RemoteCallerProps): void {
    checkRemoteSource(this.name, this.vpcCidr, caller.source);
    checkRemotePrincipals(this.name, caller.statements);
    this.connections.allowFrom(
      caller.source,
      REMOTE_CALLER_PORT,
      caller.description ?? `HTTPS from remote caller ${caller.source.label}`,
    );
    this.addToPolicy(...caller.statements);
  }

  /** The endpoint's ID. */
  public get endpointId(): string {
    return this.endpoint.id;
  }

  /** The endpoint's security group ID, e.g. for callers' egress rules. */
  public get securityGroupId(): string {
    return this.securityGroup.id;
  }

  /** Endpoint-specific regional DNS name: `dns_entry[0].dns_name`. */
  public get regionalDnsName(): string {
    return this.endpoint.dnsEntry.get(0).dnsName;
  }

  /** The hosted zone of the regional DNS name: `dns_entry[0].hosted_zone_id`, for an alias record to it. */
  public get regionalHostedZoneId(): string {
    return this.endpoint.dnsEntry.get(0).hostedZoneId;
  }

  /** Every DNS entry (regional first, then one per AZ): the `dns_entry` list, for outputs. */
  public get dnsEntries(): VpcEndpointDnsEntryList {
    return this.endpoint.dnsEntry;
  }
}

/** Private DNS makes Route 53 answer for the service's name in the VPC, which needs both attributes. */
function assertDnsAttributes(name: string, network: INetwork): void {
  const off = [
    ...(network.dnsSupportEnabled ? [] : ['DNS support (enableDnsSupport)']),
    ...(network.dnsHostnamesEnabled ? [] : ['DNS hostnames (enableDnsHostnames)']),
  ];
  if (off.length > 0) {
    throw new Error(
      `${name}: network ${network.name} has ${off.join(' and ')} off, and private DNS needs both DNS support and ` +
        'DNS hostnames on; turn them on in the network or set privateDns: false',
    );
  }
}

/** The IDs of the chosen tier's subnets, one per AZ. */
function endpointSubnetIds(name: string, network: INetwork, subnetType: SubnetType | undefined): string[] {
  const { subnetType: type, subnetIds } = network.selectSubnets({ subnetType });
  if (type === SubnetType.PUBLIC) {
    throw new Error(
      `${name}: an interface endpoint never goes in the public tier; choose SubnetType.PRIVATE_ISOLATED or ` +
        'SubnetType.PRIVATE_WITH_EGRESS as subnetType',
    );
  }
  if (subnetIds.length === 0) {
    throw new Error(`${name}: network ${network.name} has no ${type} subnets; choose a subnetType the network has`);
  }
  return subnetIds;
}
