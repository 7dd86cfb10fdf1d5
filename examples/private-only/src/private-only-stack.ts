import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { AwsEnvironment, EncryptionKey, FlowLogs, Network } from '@lambda-vpc/network';
import { configureExampleStack, PrivateOnlyPattern } from '@lambda-vpc/stacks';

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
 * The private-only variant with a team's workload: a function in isolated subnets that imports objects from S3
 * into a DynamoDB table, built by the variant's own pattern (`PrivateOnlyPattern`, what the environment stacks
 * build too). There is no internet gateway, no NAT and no route to 0.0.0.0/0: DynamoDB and S3 answer through
 * gateway endpoints, prefix-list routes on every isolated route table, each letting only the function's role through.
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
    // `variant` holds the stack to its variant's intent at synth (LVB-NET-4: no route to the internet).
    configureExampleStack(this, {
      environment: props.environment,
      tags: { example: 'private-only', variant: 'private-only' },
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    this.table = new DynamodbTable(this, 'table', {
      name: `${props.name}-orders`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      attribute: [{ name: 'pk', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: key.keyArn },
    });
    const pattern = new PrivateOnlyPattern(this, {
      name: props.name,
      environment: props.environment,
      cidrBlock: props.cidrBlock,
      availabilityZones: props.availabilityZones,
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
      function: {
        id: 'importer',
        functionName: `${props.name}-importer`,
        description: 'Imports objects from S3 into DynamoDB through gateway endpoints, with no route to the internet',
        environment: props.environment,
        code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'importer')),
        logRetentionInDays: 30,
        logsKmsKeyArn: key.keyArn,
        environmentKmsKeyArn: key.keyArn,
        environmentVariables: { TABLE_NAME: this.table.name, IMPORT_BUCKET: props.importBucketName },
      },
      table: { tableArn: this.table.arn, endpointSid: 'ImporterUsesItsTable' },
      objects: {
        actions: ['s3:GetObject'],
        objectArns: [`arn:${props.environment.partition}:s3:::${props.importBucketName}/*`],
        roleSid: 'ReadImports',
        endpointSid: 'ImporterReadsImports',
      },
    });
    this.network = pattern.network;
    // The pattern builds a function when given one, as here.
    this.importer = pattern.function!;
  }
}
