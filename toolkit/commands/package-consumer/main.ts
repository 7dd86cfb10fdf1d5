// The scratch project of `npm run check:packages` (toolkit/commands/src/check-packages.ts): a stack written as a team
// outside this repository would write it, against the packed construct packages installed from their tarballs. The
// check copies this file to <scratch>/src/main.ts, type-checks it against the installed packages' .d.ts files, runs it
// to synthesize into <scratch>/cdktf.out, and holds the Terraform JSON to consumerStackProblems
// (toolkit/commands/src/construct-packages.ts). tests/construct-packages.test.ts synthesizes the same stack from the
// workspace.
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EndpointPolicy, GatewayEndpoint, GatewayEndpointService } from '@lambda-vpc/endpoints';
import { DYNAMODB_READ_WRITE_ACTIONS, FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { Nat, NatStrategy } from '@lambda-vpc/nat';
import {
  awsEnvironment,
  EncryptionKey,
  FlowLogs,
  Network,
  Peer,
  PolicyStatement,
  Port,
  SubnetType,
} from '@lambda-vpc/network';

/**
 * The consumer's one stack: a VPC with a public and a private-with-egress tier over two AZs, a single NAT gateway, a
 * DynamoDB gateway endpoint, and a function in the private subnets whose code is the built JavaScript in
 * `codeDirectory`.
 */
export function consumerStack(scope: Construct, codeDirectory: string): TerraformStack {
  const stack = new TerraformStack(scope, 'consumer');
  const environment = awsEnvironment('123456789012', 'eu-west-1');
  new AwsProvider(stack, 'aws', { region: environment.region, allowedAccountIds: [environment.accountId] });

  const key = new EncryptionKey(stack, 'key', { name: 'consumer-key', environment });
  const network = new Network(stack, 'network', {
    name: 'consumer',
    environment,
    cidrBlock: '10.50.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    subnetTiers: [
      { type: SubnetType.PUBLIC, prefixLength: 24 },
      { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 },
    ],
    flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
  });
  new Nat(stack, 'nat', { network, strategy: NatStrategy.singleGateway() });

  const table = new DynamodbTable(stack, 'table', {
    name: 'consumer-items',
    billingMode: 'PAY_PER_REQUEST',
    hashKey: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    pointInTimeRecovery: { enabled: true },
    serverSideEncryption: { enabled: true, kmsKeyArn: key.keyArn },
  });
  const fn = new LambdaFunction(stack, 'worker', {
    functionName: 'consumer-worker',
    description: 'Writes items to DynamoDB through a gateway endpoint and calls the internet through NAT',
    environment,
    code: FunctionCode.fromDirectory(codeDirectory),
    logRetentionInDays: 30,
    logsKmsKeyArn: key.keyArn,
    vpc: { network, subnetType: SubnetType.PRIVATE_WITH_EGRESS },
  });
  fn.grantDynamoDbReadWrite(table.arn);

  const dynamoDb = new GatewayEndpoint(stack, 'dynamodb-endpoint', {
    network,
    service: GatewayEndpointService.DYNAMODB,
    policy: EndpointPolicy.of([
      new PolicyStatement({
        sid: 'WorkerUsesItsTable',
        principals: [fn.roleArn],
        actions: DYNAMODB_READ_WRITE_ACTIONS,
        resources: [table.arn],
      }),
    ]),
  });
  fn.connections.allowTo(dynamoDb, Port.https(), 'HTTPS to DynamoDB through the gateway endpoint');
  fn.connections.allowTo(Peer.anyIpv4(), Port.https(), 'HTTPS to the internet through NAT');
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, '..', 'cdktf.out') });
  consumerStack(app, path.join(__dirname, '..', 'functions', 'worker'));
  app.synth();
}
