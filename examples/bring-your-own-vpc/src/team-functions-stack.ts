import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { AwsEnvironment, EncryptionKey, INetwork, Peer, Port, SubnetType } from '@lambda-vpc/network';
import { configureExampleStack } from '@lambda-vpc/stacks';

/** Options of {@link TeamFunctionsStack}. */
export interface TeamFunctionsStackProps {
  /** The VPC the platform owns: another stack's Network (cross-stack references) or `Network.fromExisting` (IDs). */
  readonly network: INetwork;
  /** Account and region: the platform's, since a function's ENIs live in the VPC's account. */
  readonly environment: AwsEnvironment;
  /** The team's name, the first part of every resource name. */
  readonly team: string;
  /**
   * Days CloudWatch keeps the function's logs.
   * @default 30
   */
  readonly logRetentionInDays?: number;
}

/**
 * An application team's stack: one function in the private subnets of a VPC it does not own, with its own role,
 * security group (HTTPS out only), log group and KMS key. The VPC, its subnets, NAT and flow logs stay the
 * platform's: nothing of the network is created or changed here.
 */
export class TeamFunctionsStack extends TerraformStack {
  /** The team's function. */
  public readonly hello: LambdaFunction;

  constructor(scope: Construct, id: string, props: TeamFunctionsStackProps) {
    super(scope, id);
    // Local state beside the app, outside cdktf.out (which every synth replaces), as the platform's stacks keep it.
    configureExampleStack(this, { environment: props.environment, tags: { team: props.team } });
    const key = new EncryptionKey(this, 'key', { name: `${props.team}-key`, environment: props.environment });
    this.hello = new LambdaFunction(this, 'hello', {
      functionName: `${props.team}-hello`,
      description: `${props.team}'s function in ${props.network.name}'s private subnets`,
      environment: props.environment,
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'hello')),
      logRetentionInDays: props.logRetentionInDays ?? 30,
      logsKmsKeyArn: key.keyArn,
      environmentKmsKeyArn: key.keyArn,
      vpc: { network: props.network, subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    });
    // Out through the platform's NAT, on HTTPS only.
    this.hello.connections.allowTo(Peer.anyIpv4(), Port.https(), 'HTTPS to the internet through the platform NAT');
  }
}
