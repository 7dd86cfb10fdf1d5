import * as path from 'node:path';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { allowInvokeFunction, EndpointPolicy, InterfaceEndpoint, InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { suppressGuardrail } from '@lambda-vpc/guardrails';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { AwsEnvironment, connect, EncryptionKey, FlowLogs, Network, Port, SubnetType } from '@lambda-vpc/network';

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
 * The privatelink variant, composed from the construct packages: a caller function in isolated subnets invokes a
 * target function through a Lambda interface endpoint, with no internet gateway, no NAT and no public IP. Private
 * DNS makes `lambda.<region>.amazonaws.com` resolve to the endpoint's network interfaces inside the VPC, so the
 * SDK needs no endpoint override. The endpoint's security group admits HTTPS from the caller's group only, and
 * its policy lets only the caller's role invoke only the target.
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
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.accountId],
      defaultTags: [{ tags: { project: 'lambda-vpc-blueprints', example: 'privatelink', variant: 'privatelink', 'managed-by': 'cdktf' } }],
    });
    const key = new EncryptionKey(this, 'key', { name: `${props.name}-key`, environment: props.environment });
    // DNS support and hostnames are on by default: private DNS for the endpoint needs both.
    this.network = new Network(this, 'network', {
      name: props.name, environment: props.environment, cidrBlock: props.cidrBlock, availabilityZones: props.availabilityZones,
      subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
      flowLogs: FlowLogs.toCloudWatchLogs({ retentionInDays: 30, kmsKeyArn: key.keyArn }),
    });
    const functionDefaults = { environment: props.environment, logRetentionInDays: 30, logsKmsKeyArn: key.keyArn, environmentKmsKeyArn: key.keyArn };

    this.target = new LambdaFunction(this, 'target', {
      ...functionDefaults,
      functionName: `${props.name}-target`,
      description: 'Invoked through the Lambda interface endpoint; runs outside the VPC',
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'target')),
    });
    suppressGuardrail(this.target.resource, 'LVB-FN-3', 'The target runs outside the VPC by design: callers reach it through the Lambda interface endpoint');
    this.caller = new LambdaFunction(this, 'caller', {
      ...functionDefaults,
      functionName: `${props.name}-caller`,
      description: 'Invokes the target through the Lambda interface endpoint, with no NAT and no internet gateway',
      code: FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', 'caller')),
      environmentVariables: { TARGET_FUNCTION_ARN: this.target.functionArn },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    this.caller.addToRolePolicy({ sid: 'InvokeTarget', actions: ['lambda:InvokeFunction'], resources: [this.target.functionArn] });

    this.lambdaEndpoint = new InterfaceEndpoint(this, 'lambda-endpoint', {
      network: this.network,
      service: InterfaceEndpointService.LAMBDA,
      policy: EndpointPolicy.of([allowInvokeFunction({ sid: 'CallerInvokesTarget', principals: [this.caller.roleArn], functionArns: [this.target.functionArn] })]),
    });
    // Both rules at once: egress on the caller's group, ingress on the endpoint's, each naming the other group.
    connect(this.caller, this.lambdaEndpoint, Port.tcp(443), {
      egress: 'HTTPS to the Lambda API through the interface endpoint',
      ingress: `HTTPS from ${this.caller.peerLabel}`,
    });
  }
}
