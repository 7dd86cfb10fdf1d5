import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { GatewayEndpoint, InterfaceEndpoint } from '@lambda-vpc/endpoints';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Network, PolicyStatement } from '@lambda-vpc/network';
import { addDeclaredFunctions } from '../../workloads/declared-functions';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { ItemsTable } from '../../shared/items-table';
import { ReportsBucket } from '../../shared/reports-bucket';
import type { VariantStackProps } from '../variant';
import { PrivateOnlyPattern, PrivateOnlyPatternProps } from './private-only-pattern';
import type { PrivateOnlySettings } from './private-only-variant';

/** Object actions the demo function uses on its bucket. */
const REPORT_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'];

/**
 * Private-only variant of an environment ({@link PrivateOnlyPattern}): the demo function reads and writes a table
 * and a bucket of the stack through the gateway endpoints, and calls the AWS APIs the environment lists through
 * interface endpoints.
 */
export class PrivateOnlyStack extends BlueprintStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The table the demo function reads and writes. */
  public readonly table: ItemsTable;
  /** The bucket the demo function writes reports to; none without the demo (`demoFunctions: false`). */
  public readonly bucket?: ReportsBucket;
  /** The demo function; none without the demo (`demoFunctions: false`). */
  public readonly probe?: LambdaFunction;
  /** The DynamoDB and S3 gateway endpoints. */
  public readonly gatewayEndpoints: readonly GatewayEndpoint[];
  /** Interface endpoints for the AWS APIs config lists. */
  public readonly interfaceEndpoints: readonly InterfaceEndpoint[];

  /** The functions the environment declares in this variant (`functions`). */
  public readonly declaredFunctions: readonly LambdaFunction[];

  constructor(scope: Construct, props: VariantStackProps<PrivateOnlySettings>) {
    super(scope, props);
    const { config, settings } = props;
    this.table = new ItemsTable(this, 'table', {
      tableName: this.resourceName('items'),
      kmsKeyArn: this.key.keyArn,
      protectFromDestroy: config.protectFromDestroy,
    });
    const bucket = settings.demoFunctions ? this.reportsBucket() : undefined;
    const pattern = new PrivateOnlyPattern(this, {
      ...this.networkDefaults(),
      isolatedSubnetPrefixLength: settings.isolatedSubnetPrefixLength,
      ...(bucket && this.probeProps(bucket)),
      apis: settings.interfaceEndpoints.map((api) => ({ ...api, endpointSid: 'ProbeCallsListedActions' })),
    });
    this.bucket = bucket;
    this.network = pattern.network;
    this.probe = pattern.function;
    this.gatewayEndpoints = pattern.gatewayEndpoints;
    this.interfaceEndpoints = pattern.interfaceEndpoints;
    // SSE-KMS: S3 calls KMS on the function's behalf, so the role needs the key, but only via S3.
    this.probe?.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReportEncryptionViaS3',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        condition: { StringEquals: { 'kms:ViaService': `s3.${config.region}.amazonaws.com` } },
      }),
    );

    this.declaredFunctions = addDeclaredFunctions(
      this,
      {
        network: this.network,
        table: this.table,
        endpoints: [...this.gatewayEndpoints, ...this.interfaceEndpoints],
        // A declared function that lists an interface endpoint may call the actions the environment lists for it.
        endpointCalls: Object.fromEntries(
          settings.interfaceEndpoints.map(({ service, actions }) => [service, { actions, resources: ['*'] }]),
        ),
      },
      settings.functions,
    );

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'The VPC' });
    if (this.probe) {
      new TerraformOutput(this, 'function_name', {
        value: this.probe.functionName,
        description: 'Invoke it to read and write through the endpoints',
      });
    }
    new TerraformOutput(this, 'table_name', { value: this.table.tableName, description: 'The table it writes' });
    if (this.bucket) {
      new TerraformOutput(this, 'bucket_name', {
        value: this.bucket.bucketName,
        description: 'The bucket it writes reports to',
      });
    }
  }

  /** The demo function's bucket, encrypted with the stack key. */
  private reportsBucket(): ReportsBucket {
    return new ReportsBucket(this, 'reports', {
      bucketName: this.resourceName(`reports-${this.config.accountId}`),
      kmsKeyArn: this.key.keyArn,
    });
  }

  /** The demo function: it reads and writes the table and the bucket through the gateway endpoints. */
  private probeProps(bucket: ReportsBucket): Pick<PrivateOnlyPatternProps, 'function' | 'table' | 'objects'> {
    return {
      function: {
        ...this.functionDefaults(),
        id: 'private-probe',
        functionName: this.resourceName('private-probe'),
        description: 'Reads and writes DynamoDB and S3 through gateway endpoints, with no route to the internet',
        code: demoFunctionCode('private-probe'),
        environmentVariables: { TABLE_NAME: this.table.tableName, BUCKET_NAME: bucket.bucketName },
      },
      table: { tableArn: this.table.tableArn, endpointSid: 'ProbeUsesItsTable' },
      objects: {
        actions: REPORT_OBJECT_ACTIONS,
        objectArns: [`${bucket.bucketArn}/*`],
        roleSid: 'ReportObjects',
        endpointSid: 'ProbeUsesItsBucket',
      },
    };
  }
}
