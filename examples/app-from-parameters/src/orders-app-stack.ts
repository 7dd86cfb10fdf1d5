import * as path from 'node:path';
import { LocalBackend, TerraformElement, TerraformStack } from 'cdktf';
import { Construct, Node } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  GatewayEndpoint,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { AwsEnvironment, EncryptionKey, Network, Port, PublishedNetwork, SubnetType } from '@lambda-vpc/network';
import { emulatorEndpointOf, emulatorProviderSettings, emulatorStateFile, ReadableAddresses } from '@lambda-vpc/stacks';

/** The platform whose networks the team's functions go in. */
export interface PlatformLocation {
  /** The platform environment's name, the first part of its stack names (`dev` in `dev-private-only`). */
  readonly environment: string;
  /** Its account and region: a function's ENIs live in the VPC's account, and the handles are read in its region. */
  readonly awsEnvironment: AwsEnvironment;
}

/** Options of {@link OrdersAppStack}. */
export interface OrdersAppStackProps {
  /** The platform environment. */
  readonly platform: PlatformLocation;
  /** The team's name, the first part of every resource name, e.g. `dev-orders`. */
  readonly team: string;
  /**
   * Days CloudWatch keeps the functions' logs.
   * @default 30
   */
  readonly logRetentionInDays?: number;
}

/**
 * An application team's stack, as it would stand in a repository of its own: two functions placed in two of the
 * platform's networks by the handles the platform publishes to SSM Parameter Store, with no platform ID in its code
 * and no access to the platform's state.
 *
 * - `<team>-reader` in `<env>-private-only`'s isolated subnets, with HTTPS out to DynamoDB's prefix list, which the
 *   platform's gateway endpoint routes;
 * - `<team>-invoker` in `<env>-privatelink`'s isolated subnets, admitted by the platform's Lambda interface endpoint:
 *   the one ingress rule on the endpoint's security group names the invoker's group.
 *
 * Everything it writes is its own (functions, roles, log groups, security groups, key) but that one rule on the
 * endpoint's group. What the functions may call through the endpoints is the endpoints' policies' business, which
 * the platform owns (docs/handles.md).
 */
export class OrdersAppStack extends TerraformStack {
  /** The function in the private-only network. */
  public readonly reader: LambdaFunction;
  /** The function in the privatelink network. */
  public readonly invoker: LambdaFunction;

  private readonly addresses = new ReadableAddresses(this);

  constructor(scope: Construct, id: string, props: OrdersAppStackProps) {
    super(scope, id);
    const { platform, team } = props;
    // Local state beside the app, outside cdktf.out; a throwaway file of its own against the local emulator.
    const stateFile = emulatorEndpointOf(this) === undefined ? `terraform.${id}.tfstate` : emulatorStateFile(id);
    new LocalBackend(this, { path: `../../../${stateFile}` });
    new AwsProvider(this, 'aws', {
      region: platform.awsEnvironment.region,
      allowedAccountIds: [platform.awsEnvironment.accountId],
      defaultTags: [{ tags: { project: 'lambda-vpc-blueprints', team, 'managed-by': 'cdktf' } }],
      ...emulatorProviderSettings(this),
    });
    const key = new EncryptionKey(this, 'key', { name: `${team}-key`, environment: platform.awsEnvironment });
    const code = FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'orders'));
    // A function in the isolated subnets of the platform's `<env>-<variant>`, read from its parameters.
    const functionIn = (variant: string, id: string, purpose: string): [LambdaFunction, PublishedNetwork] => {
      const network = Network.fromParameters(this, variant, {
        environment: platform.environment,
        variant,
        awsEnvironment: platform.awsEnvironment,
        subnetTypes: [SubnetType.PRIVATE_ISOLATED],
      });
      const fn = new LambdaFunction(this, id, {
        functionName: `${team}-${id}`,
        description: `${team}: ${purpose} of ${network.name}`,
        environment: platform.awsEnvironment,
        code,
        logRetentionInDays: props.logRetentionInDays ?? 30,
        logsKmsKeyArn: key.keyArn,
        vpc: { network },
      });
      return [fn, network];
    };

    const [reader, privateOnly] = functionIn('private-only', 'reader', 'reads DynamoDB through the gateway endpoint');
    const dynamoDb = GatewayEndpoint.fromParameters(this, 'dynamodb', {
      network: privateOnly,
      service: GatewayEndpointService.DYNAMODB,
    });
    reader.connections.allowTo(dynamoDb, Port.https(), "HTTPS to DynamoDB through the platform's gateway endpoint");

    const [invoker, privatelink] = functionIn('privatelink', 'invoker', 'calls the Lambda API through the endpoint');
    const lambdaApi = InterfaceEndpoint.fromParameters(this, 'lambda-api', {
      network: privatelink,
      service: InterfaceEndpointService.LAMBDA,
    });
    // The ingress rule on the platform's group names the team, so the platform sees whose rule it is.
    invoker.connections.allowTo(
      lambdaApi,
      Port.https(),
      "HTTPS to the Lambda API through the platform's interface endpoint",
      `HTTPS from ${team}-invoker`,
    );
    this.reader = reader;
    this.invoker = invoker;
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.addresses.allocate(element);
  }
}
