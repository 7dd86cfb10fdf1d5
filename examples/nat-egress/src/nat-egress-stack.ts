import * as path from 'node:path';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EndpointPolicy, GatewayEndpoint, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { Nat, NatStrategy } from '@lambda-vpc/nat';
import { AwsEnvironment, EncryptionKey, FlowLogs, Network, Peer, Port, SubnetType } from '@lambda-vpc/network';

/** Options of {@link NatEgressStack}. */
export interface NatEgressStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, e.g. `dev-partner-sync`. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** The AZs, one public and one private subnet in each. */
  readonly availabilityZones: readonly string[];
  /** The HTTPS URL on the internet the function calls. */
  readonly url: string;
  /**
   * How the private tier reaches the internet: `NatStrategy.gatewayPerAz()`, `.singleGateway()` or `.instance()`.
   * @default NatStrategy.gatewayPerAz(): a NAT gateway in every AZ, each AZ's private tier routed to its own
   */
  readonly natStrategy?: NatStrategy;
}

/**
 * The nat-egress variant, composed from the construct packages: a function in private subnets calls a URL on the
 * internet and records the answer in DynamoDB. The private route tables send 0.0.0.0/0 to a NAT in the public
 * tier, which leaves through the internet gateway; the function's ENIs never get a public IP, so NAT is its only
 * way out. DynamoDB traffic takes a gateway endpoint instead (its prefix-list route is more specific than
 * 0.0.0.0/0), so it pays no NAT processing charge.
 */
export class NatEgressStack extends TerraformStack {
  /** The VPC: a public tier for the NATs, a private tier for the function. */
  public readonly network: Network;
  /** The NATs and the private tier's default routes. */
  public readonly nat: Nat;
  /** The table the function writes. */
  public readonly table: DynamodbTable;
  /** The function. */
  public readonly fetcher: LambdaFunction;

  constructor(scope: Construct, id: string, props: NatEgressStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.accountId],
      defaultTags: [{ tags: { project: 'lambda-vpc-blueprints', example: 'nat-egress', variant: 'nat-egress', 'managed-by': 'cdktf' } }],
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    this.network = new Network(this, 'network', {
      name: props.name, environment: props.environment, cidrBlock: props.cidrBlock, availabilityZones: props.availabilityZones,
      subnetTiers: [{ type: SubnetType.PUBLIC, prefixLength: 26 }, { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 }],
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
    });
    this.nat = new Nat(this, 'nat', { network: this.network, strategy: props.natStrategy ?? NatStrategy.gatewayPerAz() });
    this.table = new DynamodbTable(this, 'table', {
      name: `${props.name}-results`, billingMode: 'PAY_PER_REQUEST', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }],
      pointInTimeRecovery: { enabled: true }, serverSideEncryption: { enabled: true, kmsKeyArn: key.keyArn },
    });

    this.fetcher = new LambdaFunction(this, 'fetcher', {
      functionName: `${props.name}-fetcher`,
      description: `Calls ${props.url} through NAT and records the answer in DynamoDB through a gateway endpoint`,
      environment: props.environment,
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'fetcher')),
      logRetentionInDays: 30,
      logsKmsKeyArn: key.keyArn,
      environmentKmsKeyArn: key.keyArn,
      environmentVariables: { URL: props.url, TABLE_NAME: this.table.name },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    });
    this.fetcher.grantDynamoDbReadWrite(this.table.arn);

    const dynamoDb = new GatewayEndpoint(this, 'dynamodb-endpoint', {
      network: this.network, service: GatewayEndpointService.DYNAMODB,
      policy: EndpointPolicy.of([{ sid: 'FetcherUsesItsTable', principals: [this.fetcher.roleArn], actions: DYNAMODB_READ_WRITE_ACTIONS, resources: [this.table.arn] }]),
    });
    this.fetcher.allowEgressTo(Peer.prefixList(dynamoDb.prefixListId, 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB through the gateway endpoint');
    this.fetcher.allowEgressTo(Peer.ipv4('0.0.0.0/0', 'internet'), Port.tcp(443), 'HTTPS to the internet through NAT');
  }
}
