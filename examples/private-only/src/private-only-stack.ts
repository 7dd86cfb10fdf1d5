import * as path from 'node:path';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EndpointPolicy, GatewayEndpoint, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { AwsEnvironment, EncryptionKey, FlowLogs, Network, Peer, Port, SubnetType } from '@lambda-vpc/network';

/** Options of {@link PrivateOnlyStack}. */
export interface PrivateOnlyStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, e.g. `dev-orders`. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** The AZs, one isolated subnet in each. */
  readonly availabilityZones: readonly string[];
  /** The bucket the function imports objects from; another stack owns it. */
  readonly importBucketName: string;
}

/**
 * The private-only variant, composed from the construct packages: a function in isolated subnets that imports
 * objects from S3 into a DynamoDB table. There is no internet gateway, no NAT and no route to 0.0.0.0/0: DynamoDB
 * and S3 answer through gateway endpoints, prefix-list routes on every isolated route table. Its logs still reach
 * CloudWatch, because the Lambda service delivers them, not the function's ENI.
 */
export class PrivateOnlyStack extends TerraformStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The table the function writes. */
  public readonly table: DynamodbTable;
  /** The function. */
  public readonly importer: LambdaFunction;

  constructor(scope: Construct, id: string, props: PrivateOnlyStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.accountId],
      // `variant` lets the guardrails hold the stack to its promise (LVB-NET-4: no route to the internet).
      defaultTags: [{ tags: { project: 'lambda-vpc-blueprints', example: 'private-only', variant: 'private-only', 'managed-by': 'cdktf' } }],
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    this.network = new Network(this, 'network', {
      name: props.name, environment: props.environment, cidrBlock: props.cidrBlock, availabilityZones: props.availabilityZones,
      subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
    });
    this.table = new DynamodbTable(this, 'table', {
      name: `${props.name}-orders`, billingMode: 'PAY_PER_REQUEST', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }],
      pointInTimeRecovery: { enabled: true }, serverSideEncryption: { enabled: true, kmsKeyArn: key.keyArn },
    });
    const importObjects = `arn:${props.environment.partition}:s3:::${props.importBucketName}/*`;

    this.importer = new LambdaFunction(this, 'importer', {
      functionName: `${props.name}-importer`,
      description: 'Imports objects from S3 into DynamoDB through gateway endpoints, with no route to the internet',
      environment: props.environment,
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'importer')),
      logRetentionInDays: 30,
      logsKmsKeyArn: key.keyArn,
      environmentKmsKeyArn: key.keyArn,
      environmentVariables: { TABLE_NAME: this.table.name, IMPORT_BUCKET: props.importBucketName },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    this.importer.grantDynamoDbReadWrite(this.table.arn);
    this.importer.addToRolePolicy({ sid: 'ReadImports', actions: ['s3:GetObject'], resources: [importObjects] });

    // Each endpoint's policy lets only the function's role through, and only on its table or the import bucket.
    const dynamoDb = new GatewayEndpoint(this, 'dynamodb-endpoint', {
      network: this.network, service: GatewayEndpointService.DYNAMODB,
      policy: EndpointPolicy.of([{ sid: 'ImporterUsesItsTable', principals: [this.importer.roleArn], actions: DYNAMODB_READ_WRITE_ACTIONS, resources: [this.table.arn] }]),
    });
    const s3 = new GatewayEndpoint(this, 's3-endpoint', {
      network: this.network, service: GatewayEndpointService.S3,
      policy: EndpointPolicy.of([{ sid: 'ImporterReadsImports', principals: [this.importer.roleArn], actions: ['s3:GetObject'], resources: [importObjects] }]),
    });
    this.importer.allowEgressTo(Peer.prefixList(dynamoDb.prefixListId, 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB through the gateway endpoint');
    this.importer.allowEgressTo(Peer.prefixList(s3.prefixListId, 's3'), Port.tcp(443), 'HTTPS to S3 through the gateway endpoint');
  }
}
