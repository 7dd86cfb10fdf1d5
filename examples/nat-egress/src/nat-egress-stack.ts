import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { Nat, NatStrategy } from '@lambda-vpc/nat';
import { AwsEnvironment, DualStack, EncryptionKey, FlowLogs, Network } from '@lambda-vpc/network';
import { configureExampleStack, NatEgressPattern } from '@lambda-vpc/stacks';

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
   * How the private tier reaches the internet: `NatStrategy.gatewayPerAz()`, `.singleGateway()`, `.instance()` or
   * `.selfHealingInstance()`.
   * @default NatStrategy.gatewayPerAz(): a NAT gateway in every AZ, each AZ's private tier routed to its own
   */
  readonly natStrategy?: NatStrategy;
  /**
   * IPv6 egress without NAT, e.g. `DualStack.egressOnlyGateway()`: dual-stack private subnets whose `::/0` goes to an
   * egress-only internet gateway, the function allowed IPv6 and let out to `::/0` on HTTPS (the ipv6-egress example).
   * @default none: IPv4 only
   */
  readonly ipv6?: DualStack;
  /**
   * The `example` tag on every resource: which example built the stack.
   * @default 'nat-egress'
   */
  readonly example?: string;
}

/**
 * The nat-egress variant with a team's workload: a function in private subnets calls a URL on the internet and
 * records the answer in DynamoDB, built by the variant's own pattern (`NatEgressPattern`, what the environment
 * stacks build too). The private route tables send 0.0.0.0/0 to a NAT in the public tier, which leaves through the
 * internet gateway; DynamoDB traffic takes a gateway endpoint instead, so it pays no NAT processing charge.
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
    configureExampleStack(this, {
      environment: props.environment,
      tags: { example: props.example ?? 'nat-egress', variant: 'nat-egress' },
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
      natStrategy: props.natStrategy,
      ipv6: props.ipv6,
      function: {
        id: 'fetcher',
        functionName: `${props.name}-fetcher`,
        description: props.ipv6
          ? `Calls ${props.url} over IPv6 without NAT (IPv4 through NAT) and records the answer in DynamoDB`
          : `Calls ${props.url} through NAT and records the answer in DynamoDB through a gateway endpoint`,
        environment: props.environment,
        code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'fetcher')),
        logRetentionInDays: 30,
        logsKmsKeyArn: key.keyArn,
        environmentKmsKeyArn: key.keyArn,
        environmentVariables: { URL: props.url, TABLE_NAME: this.table.name },
      },
      table: { tableArn: this.table.arn, endpointSid: 'FetcherUsesItsTable' },
    });
    this.network = pattern.network;
    this.nat = pattern.nat;
    // The pattern builds a function when given one, as here.
    this.fetcher = pattern.function!;
  }
}
