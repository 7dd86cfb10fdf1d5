import * as path from 'node:path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { Nat, NatStrategy } from '@lambda-vpc/nat';
import { AwsEnvironment, EncryptionKey, FlowLogs, Network } from '@lambda-vpc/network';
import { configureExampleStack, NatEgressPattern } from '@lambda-vpc/stacks';

/** Options of {@link SelfHealingNatStack}. */
export interface SelfHealingNatStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, e.g. `dev-partner-sync`. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** The AZs: one public and one private subnet, and one self-healing NAT instance, in each. */
  readonly availabilityZones: readonly string[];
  /** The HTTPS URL on the internet the function calls. */
  readonly url: string;
  /**
   * Existing EIP allocation IDs, one per AZ, for egress addresses that partners allow-list.
   * @default new EIPs are allocated
   */
  readonly eipAllocationIds?: readonly string[];
}

/**
 * The nat-egress variant with a NAT instance per AZ that heals (`NatStrategy.selfHealingInstance()`), built by the
 * variant's own pattern: each AZ's private route table sends 0.0.0.0/0 to that AZ's static network interface, which
 * carries the AZ's Elastic IP and which whatever instance the AZ's auto scaling group of one runs attaches at boot.
 */
export class SelfHealingNatStack extends TerraformStack {
  /** The VPC: a public tier for the NATs, a private tier for the function. */
  public readonly network: Network;
  /** The NATs (one static interface per AZ) and the private tier's default routes. */
  public readonly nat: Nat;
  /** The table the function writes. */
  public readonly table: DynamodbTable;
  /** The function. */
  public readonly prober: LambdaFunction;

  constructor(scope: Construct, id: string, props: SelfHealingNatStackProps) {
    super(scope, id);
    configureExampleStack(this, {
      environment: props.environment,
      tags: { example: 'self-healing-nat', variant: 'nat-egress' },
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    this.table = new DynamodbTable(this, 'table', {
      name: `${props.name}-results`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      attribute: [{ name: 'pk', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: key.keyArn },
    });
    const pattern = new NatEgressPattern(this, {
      name: props.name,
      environment: props.environment,
      cidrBlock: props.cidrBlock,
      availabilityZones: props.availabilityZones,
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
      natStrategy: NatStrategy.selfHealingInstance({ eipAllocationIds: props.eipAllocationIds }),
      function: {
        id: 'prober',
        functionName: `${props.name}-prober`,
        description: `Calls ${props.url} through its AZ's NAT and records the answer in DynamoDB`,
        environment: props.environment,
        code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'prober')),
        logRetentionInDays: 30,
        logsKmsKeyArn: key.keyArn,
        environmentKmsKeyArn: key.keyArn,
        environmentVariables: { URL: props.url, TABLE_NAME: this.table.name },
      },
      table: { tableArn: this.table.arn, endpointSid: 'ProberUsesItsTable' },
    });
    this.network = pattern.network;
    this.nat = pattern.nat;
    // The pattern builds a function when given one, as here.
    this.prober = pattern.function!;
    new TerraformOutput(this, 'function_name', { value: this.prober.functionName, description: 'Invoke it to probe' });
  }
}
