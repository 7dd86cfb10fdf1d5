import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { InterfaceEndpoint } from '@lambda-vpc/endpoints';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { AwsEnvironment, EncryptionKey, FlowLogs, Network } from '@lambda-vpc/network';
import { configureExampleStack, PrivateLinkPattern } from '@lambda-vpc/stacks';

/** Options of {@link PrivateLinkStack}. */
export interface PrivateLinkStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, e.g. `dev-billing`. */
  readonly name: string;
  /** The VPC's CIDR block. */
  readonly cidrBlock: string;
  /** The AZs, one isolated subnet and one endpoint network interface in each. */
  readonly availabilityZones: readonly string[];
}

/**
 * The privatelink variant with a team's functions: a caller in isolated subnets invokes a target through a Lambda
 * interface endpoint, with no internet gateway, no NAT and no public IP, built by the variant's own pattern
 * (`PrivateLinkPattern`, what the environment stacks build too). The endpoint's security group admits HTTPS from the
 * caller's group only, and its policy lets only the caller's role invoke only the target.
 */
export class PrivateLinkStack extends TerraformStack {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The function invoked through the endpoint; it needs no VPC to be invoked. */
  public readonly target: LambdaFunction;
  /** The function in the VPC that invokes the target. */
  public readonly caller: LambdaFunction;
  /** The Lambda API's interface endpoint. */
  public readonly lambdaEndpoint: InterfaceEndpoint;

  constructor(scope: Construct, id: string, props: PrivateLinkStackProps) {
    super(scope, id);
    configureExampleStack(this, {
      environment: props.environment,
      tags: { example: 'privatelink', variant: 'privatelink' },
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    const functionDefaults = {
      environment: props.environment,
      logRetentionInDays: 30,
      logsKmsKeyArn: key.keyArn,
      environmentKmsKeyArn: key.keyArn,
    };
    const pattern = new PrivateLinkPattern(this, {
      name: props.name,
      environment: props.environment,
      cidrBlock: props.cidrBlock,
      availabilityZones: props.availabilityZones,
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
      target: {
        ...functionDefaults,
        id: 'target',
        functionName: `${props.name}-target`,
        description: 'Invoked through the Lambda interface endpoint; runs outside the VPC',
        code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'target')),
      },
      caller: {
        ...functionDefaults,
        id: 'caller',
        functionName: `${props.name}-caller`,
        description: 'Invokes the target through the Lambda interface endpoint, with no NAT and no internet gateway',
        code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'caller')),
      },
      invokeSid: 'CallerInvokesTarget',
    });
    this.network = pattern.network;
    // The pattern builds the target and caller when given them, as here.
    this.target = pattern.target!;
    this.caller = pattern.caller!;
    this.lambdaEndpoint = pattern.lambdaEndpoint;
  }
}
