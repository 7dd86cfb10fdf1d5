import * as path from 'node:path';
import { TerraformElement, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { FunctionCode, LambdaFunction, LambdaFunctionProps } from '@lambda-vpc/lambda';
import { AwsEnvironment, EncryptionKey, FlowLogs, NetworkProps } from '@lambda-vpc/network';
import { configureExampleStack, ReadableAddresses } from '@lambda-vpc/stacks';

/** What both stacks of the example take. */
export interface CrossVpcStackProps {
  /** Account and region. */
  readonly environment: AwsEnvironment;
  /** Resource name prefix, the stack's name; its function is `<name>-function`. */
  readonly name: string;
  /** The stack's VPC CIDR block. */
  readonly cidrBlock: string;
  /** The AZs, one isolated subnet in each. */
  readonly availabilityZones: readonly string[];
}

/** Where a stack's network goes, and its flow logs. */
type NetworkPlacement = Pick<NetworkProps, 'name' | 'environment' | 'cidrBlock' | 'availabilityZones'> & {
  readonly flowLogs: FlowLogs;
};

/**
 * A stack of the example: local state beside the example (a throwaway file of its own against the local emulator),
 * an AWS provider limited to the one account (pointed at the emulator in emulator mode), readable addresses, and one
 * key for its logs and function environment. The caller stack reads the target's state for its cross-stack
 * references, so both states sit in the same folder.
 */
export abstract class CrossVpcStack extends TerraformStack {
  /** The key of the stack's logs and function environment. */
  protected readonly key: EncryptionKey;

  private readonly addresses = new ReadableAddresses(this);

  protected constructor(
    scope: Construct,
    id: string,
    private readonly props: CrossVpcStackProps,
    side: 'target' | 'caller',
  ) {
    super(scope, id);
    const { environment } = props;
    // Local state beside the example (its own throwaway file in emulator mode), one account, the environments' pin.
    configureExampleStack(this, { environment, tags: { example: 'cross-vpc-invoke', side } });
    this.key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment });
  }

  public override allocateLogicalId(element: TerraformElement): string {
    return this.addresses.allocate(element);
  }

  /** The network's name, place and flow logs (30 days, the stack's key). */
  protected networkProps(): NetworkPlacement {
    const { name, environment, cidrBlock, availabilityZones } = this.props;
    const flowLogs = FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: this.key.keyArn });
    return { name, environment, cidrBlock, availabilityZones, flowLogs };
  }

  /** The stack's function `<name>-function`, its code in `functions/<id>`, logs kept 30 days under the stack's key. */
  protected exampleFunction(
    id: string,
    props: Pick<LambdaFunctionProps, 'description' | 'environmentVariables' | 'vpc'>,
  ): LambdaFunction {
    return new LambdaFunction(this, id, {
      ...props,
      functionName: `${this.props.name}-function`,
      environment: this.props.environment,
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', id)),
      logRetentionInDays: 30,
      logsKmsKeyArn: this.key.keyArn,
      environmentKmsKeyArn: this.key.keyArn,
    });
  }
}
