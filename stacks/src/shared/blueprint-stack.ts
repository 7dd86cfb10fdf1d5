import { Construct, Node } from 'constructs';
import { TerraformElement, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LambdaFunctionProps } from '@lambda-vpc/lambda';
import { AwsEnvironment, awsEnvironment, EncryptionKey, FlowLogs } from '@lambda-vpc/network';
import type { EnvironmentConfig } from '../config/environment-schema';
import type { PatternNetworkProps } from '../variants/pattern-props';
import type { Variant } from '../variants/variant';
import { configureBackend } from './backend';
import { emulatorProviderSettings } from './emulator';
import { ReadableAddresses } from './readable-addresses';

/** The AWS provider version the bindings were generated from; the engine installs exactly this one. */
export const AWS_PROVIDER_VERSION = '6.25.0';

/** Options of {@link BlueprintStack}. */
export interface BlueprintStackProps {
  /** The validated environment config. */
  readonly config: EnvironmentConfig;
  /** The variant module this stack implements (its name, subnet tiers and intent). */
  readonly variant: Variant;
}

/**
 * Base of every variant stack, named `<env>-<variant>`. It configures the AWS provider (region, the one
 * account it may touch, default tags on every resource), the state backend from config, and the fully qualified
 * provider source, and gives resources readable Terraform addresses: the construct path joined by `_`
 * (`aws_subnet.network_subnet_private_eu-west-1a`), so every address leads back to its construct.
 */
export abstract class BlueprintStack extends TerraformStack {
  /** The environment config. */
  public readonly config: EnvironmentConfig;
  /** The variant. */
  public readonly variant: Variant;
  /** Resource name prefix, `<env>-<variant>`; also the stack name. */
  public readonly prefix: string;
  /** Account, region and partition. */
  public readonly awsEnvironment: AwsEnvironment;
  /** The stack's KMS key: flow logs, function logs, tables and buckets. */
  public readonly key: EncryptionKey;

  private readonly addresses = new ReadableAddresses(this);

  constructor(scope: Construct, props: BlueprintStackProps) {
    const prefix = `${props.config.name}-${props.variant.name}`;
    super(scope, prefix);
    this.config = props.config;
    this.variant = props.variant;
    this.prefix = prefix;
    this.awsEnvironment = awsEnvironment(props.config.accountId, props.config.region);

    new AwsProvider(this, 'aws', {
      region: props.config.region,
      allowedAccountIds: [props.config.accountId],
      defaultTags: [
        {
          tags: {
            ...props.config.tags,
            project: 'lambda-vpc-blueprints',
            environment: props.config.name,
            variant: props.variant.name,
            'managed-by': 'cdktf',
          },
        },
      ],
      ...emulatorProviderSettings(this),
    });
    configureBackend(this, prefix, props.config);
    this.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION });
    this.key = new EncryptionKey(this, 'key', { name: this.resourceName('key'), environment: this.awsEnvironment });
  }

  /**
   * The variant's VPC as its pattern builds it: the CIDR from the variant's settings, over the environment's AZs,
   * flow logs to a log group encrypted by the stack key, protected from destroy when the config says so.
   */
  protected networkDefaults(): PatternNetworkProps {
    return {
      name: this.prefix,
      environment: this.awsEnvironment,
      cidrBlock: this.variant.cidrOf(this.config),
      availabilityZones: this.config.availabilityZones,
      flowLogs: FlowLogs.toCloudWatchLogs({
        retentionInDays: this.config.logRetentionInDays,
        kmsKeyArn: this.key.keyArn,
      }),
      protectFromDestroy: this.config.protectFromDestroy,
    };
  }

  /** What every function of the stack shares: account, runtime settings from config, log retention and key. */
  public functionDefaults(): Pick<
    LambdaFunctionProps,
    | 'environment'
    | 'runtime'
    | 'memorySize'
    | 'timeout'
    | 'logRetentionInDays'
    | 'logsKmsKeyArn'
    | 'environmentKmsKeyArn'
  > {
    return {
      environment: this.awsEnvironment,
      runtime: this.config.function.runtime,
      memorySize: this.config.function.memorySize,
      timeout: this.config.function.timeoutSeconds,
      logRetentionInDays: this.config.logRetentionInDays,
      logsKmsKeyArn: this.key.keyArn,
      environmentKmsKeyArn: this.key.keyArn,
    };
  }

  /** `<env>-<variant>-<purpose>`: the name of a resource of this stack. */
  public resourceName(purpose: string): string {
    return `${this.prefix}-${purpose}`;
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.addresses.allocate(element);
  }
}
