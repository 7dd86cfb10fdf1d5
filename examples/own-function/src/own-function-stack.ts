import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  EndpointPolicy,
  GatewayEndpoint,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_ACTIONS, FunctionCode, LambdaFunction, secretGrantResource } from '@lambda-vpc/lambda';
import {
  AwsEnvironment,
  EncryptionKey,
  FlowLogs,
  Network,
  PolicyStatement,
  Port,
  SubnetType,
} from '@lambda-vpc/network';
import { configureExampleStack, ItemsTable } from '@lambda-vpc/stacks';

/** Options of {@link OwnFunctionStack}. */
export interface OwnFunctionStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, e.g. `dev-receipts`. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** The AZs, one isolated subnet and one Secrets Manager endpoint interface in each. */
  readonly availabilityZones: readonly string[];
  /**
   * ARN of the Secrets Manager secret holding the receipt signing key; another stack owns it. Complete (ending in the
   * suffix Secrets Manager adds) or partial (the grants then match any suffix).
   */
  readonly signingKeySecretArn: string;
}

/**
 * A team's own function in a network with no way to the internet: a TypeScript handler (`functions/receipts`) bundled
 * at synth with the npm package it imports (zod), in isolated subnets. It reads its table through the DynamoDB gateway
 * endpoint and its signing key through a Secrets Manager interface endpoint; each endpoint's policy lets only its
 * role through, on that table or that secret, and its security group reaches those two endpoints and nothing else.
 *
 * Built from the construct packages rather than `PrivateOnlyPattern`, whose function is also granted S3 objects: this
 * one reads no S3, so it gets no S3 grant and no S3 endpoint.
 */
export class OwnFunctionStack extends TerraformStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The table the function reads orders from: the variant stacks' own (on demand, point-in-time recovery). */
  public readonly table: ItemsTable;
  /** The function. */
  public readonly receipts: LambdaFunction;
  /** DynamoDB's gateway endpoint. */
  public readonly dynamoDbEndpoint: GatewayEndpoint;
  /** Secrets Manager's interface endpoint. */
  public readonly secretsManagerEndpoint: InterfaceEndpoint;

  constructor(scope: Construct, id: string, props: OwnFunctionStackProps) {
    super(scope, id);
    // `variant` holds the stack to the private-only intent at synth: no route to the internet (LVB-NET-4), so a
    // function that reads secrets must reach a secretsmanager endpoint (LVB-FN-4).
    configureExampleStack(this, {
      environment: props.environment,
      tags: { example: 'own-function', variant: 'private-only' },
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    this.network = new Network(this, 'network', {
      name: props.name,
      environment: props.environment,
      cidrBlock: props.cidrBlock,
      availabilityZones: props.availabilityZones,
      subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
    });
    this.table = new ItemsTable(this, 'table', { tableName: `${props.name}-orders`, kmsKeyArn: key.keyArn });

    this.receipts = new LambdaFunction(this, 'receipts', {
      functionName: `${props.name}-receipts`,
      description:
        'Signs order receipts: the order from DynamoDB, the key from Secrets Manager, both through endpoints',
      environment: props.environment,
      // The handler and zod in one index.js; the AWS SDK v3 is the runtime's.
      code: FunctionCode.fromEntry(path.join(__dirname, '..', 'functions', 'receipts', 'src', 'index.ts')),
      logRetentionInDays: 30,
      logsKmsKeyArn: key.keyArn,
      environmentKmsKeyArn: key.keyArn,
      environmentVariables: { TABLE_NAME: this.table.tableName },
      secrets: { SIGNING_KEY_SECRET_ARN: { secretArn: props.signingKeySecretArn } },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    this.receipts.grantDynamoDbRead(this.table.tableArn, 'ReadOrders');

    this.dynamoDbEndpoint = new GatewayEndpoint(this, 'dynamodb-endpoint', {
      network: this.network,
      service: GatewayEndpointService.DYNAMODB,
      policy: EndpointPolicy.of([
        new PolicyStatement({
          sid: 'ReceiptsReadsOrders',
          principals: [this.receipts.roleArn],
          actions: DYNAMODB_READ_ACTIONS,
          resources: [this.table.tableArn, `${this.table.tableArn}/index/*`],
        }),
      ]),
    });
    this.secretsManagerEndpoint = new InterfaceEndpoint(this, 'secretsmanager-endpoint', {
      network: this.network,
      service: InterfaceEndpointService.SECRETS_MANAGER,
      subnetType: SubnetType.PRIVATE_ISOLATED,
      policy: EndpointPolicy.of([
        new PolicyStatement({
          sid: 'ReceiptsReadsSigningKey',
          principals: [this.receipts.roleArn],
          actions: ['secretsmanager:GetSecretValue'],
          resources: [secretGrantResource(props.signingKeySecretArn)],
        }),
      ]),
    });
    this.receipts.connections.allowTo(this.dynamoDbEndpoint, Port.https(), 'HTTPS to DynamoDB through its endpoint');
    this.receipts.connections.allowTo(
      this.secretsManagerEndpoint,
      Port.https(),
      'HTTPS to Secrets Manager through its endpoint',
    );
  }
}
