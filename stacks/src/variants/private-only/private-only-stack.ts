import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import {
  EndpointPolicy, GatewayEndpoint, GatewayEndpointService, InterfaceEndpoint, InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, LambdaFunction } from '@lambda-vpc/lambda';
import { connect, Network, Peer, Port, SubnetType } from '@lambda-vpc/network';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { ItemsTable } from '../../shared/items-table';
import { ReportsBucket } from '../../shared/reports-bucket';
import type { VariantStackProps } from '../variant';
import type { PrivateOnlySettings } from './private-only-variant';

/** Object actions the demo function uses on its bucket. */
const REPORT_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'];

/**
 * Private-only variant: isolated subnets in every AZ and no route to the internet anywhere (no IGW, no NAT,
 * no EIP, no 0.0.0.0/0). The function reaches DynamoDB and S3 through gateway endpoints on every route
 * table, and any other AWS API its code calls through an interface endpoint from config. Its logs still
 * reach CloudWatch: the Lambda service delivers them, not the function's ENI.
 */
export class PrivateOnlyStack extends BlueprintStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The table the demo function reads and writes. */
  public readonly table: ItemsTable;
  /** The bucket the demo function writes reports to. */
  public readonly bucket: ReportsBucket;
  /** The demo function. */
  public readonly probe: LambdaFunction;
  /** The DynamoDB and S3 gateway endpoints. */
  public readonly gatewayEndpoints: readonly GatewayEndpoint[];
  /** Interface endpoints for the AWS APIs config lists. */
  public readonly interfaceEndpoints: readonly InterfaceEndpoint[];

  constructor(scope: Construct, props: VariantStackProps<PrivateOnlySettings>) {
    super(scope, props);
    const { config, settings } = props;
    this.network = this.createNetwork();
    this.table = new ItemsTable(this, 'table', {
      tableName: this.resourceName('items'),
      kmsKeyArn: this.key.keyArn,
      protectFromDestroy: this.config.protectFromDestroy,
    });
    this.bucket = new ReportsBucket(this, 'reports', {
      bucketName: this.resourceName(`reports-${config.accountId}`),
      kmsKeyArn: this.key.keyArn,
    });

    this.probe = new LambdaFunction(this, 'private-probe', {
      ...this.demoFunctionDefaults(),
      functionName: this.resourceName('private-probe'),
      description: 'Reads and writes DynamoDB and S3 through gateway endpoints, with no route to the internet',
      code: demoFunctionCode('private-probe'),
      environmentVariables: { TABLE_NAME: this.table.tableName, BUCKET_NAME: this.bucket.bucketName },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    this.probe.grantDynamoDbReadWrite(this.table.tableArn);
    this.probe.addToRolePolicy({ sid: 'ReportObjects', actions: REPORT_OBJECT_ACTIONS, resources: [`${this.bucket.bucketArn}/*`] });
    // SSE-KMS: S3 calls KMS on the function's behalf, so the role needs the key, but only via S3.
    this.probe.addToRolePolicy({
      sid: 'ReportEncryptionViaS3',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [this.key.keyArn],
      condition: { StringEquals: { 'kms:ViaService': `s3.${config.region}.amazonaws.com` } },
    });

    const dynamoDb = new GatewayEndpoint(this, 'dynamodb-endpoint', {
      network: this.network,
      service: GatewayEndpointService.DYNAMODB,
      policy: EndpointPolicy.of([{
        sid: 'ProbeUsesItsTable',
        principals: [this.probe.roleArn],
        actions: DYNAMODB_READ_WRITE_ACTIONS,
        resources: [this.table.tableArn, `${this.table.tableArn}/index/*`],
      }]),
    });
    const s3 = new GatewayEndpoint(this, 's3-endpoint', {
      network: this.network,
      service: GatewayEndpointService.S3,
      policy: EndpointPolicy.of([{
        sid: 'ProbeUsesItsBucket',
        principals: [this.probe.roleArn],
        actions: REPORT_OBJECT_ACTIONS,
        resources: [`${this.bucket.bucketArn}/*`],
      }]),
    });
    this.gatewayEndpoints = [dynamoDb, s3];
    this.probe.allowEgressTo(Peer.prefixList(dynamoDb.prefixListId, 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB through the gateway endpoint');
    this.probe.allowEgressTo(Peer.prefixList(s3.prefixListId, 's3'), Port.tcp(443), 'HTTPS to S3 through the gateway endpoint');

    this.interfaceEndpoints = settings.interfaceEndpoints.map(({ service, actions }) => {
      const label = `${service.replace(/\./g, '-')}-endpoint`;
      const endpoint = new InterfaceEndpoint(this, label, {
        network: this.network,
        service: InterfaceEndpointService.of(service),
        policy: EndpointPolicy.of([{ sid: 'ProbeCallsListedActions', principals: [this.probe.roleArn], actions, resources: ['*'] }]),
      });
      connect(this.probe, endpoint, Port.tcp(443), {
        egress: `HTTPS to ${service} through its interface endpoint`,
        ingress: `HTTPS from ${this.probe.peerLabel}`,
      });
      return endpoint;
    });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'The VPC' });
    new TerraformOutput(this, 'function_name', { value: this.probe.functionName, description: 'Invoke it to read and write through the endpoints' });
    new TerraformOutput(this, 'table_name', { value: this.table.tableName, description: 'The table it writes' });
    new TerraformOutput(this, 'bucket_name', { value: this.bucket.bucketName, description: 'The bucket it writes reports to' });
  }
}
