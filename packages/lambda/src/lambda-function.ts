import { Construct } from 'constructs';
import { dependable, Lazy } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import {
  AwsEnvironment,
  awsManagedPolicyArn,
  Connections,
  IConnectable,
  PolicyDocument,
  PolicyStatement,
  SubnetRef,
} from '@lambda-vpc/network';
import { FunctionAlias } from './function-alias';
import { FunctionCode, functionEnvironmentVariables } from './function-code';
import {
  applyFunctionFeatures,
  FunctionFeatureProps,
  functionFeatureProblems,
  functionVariables,
} from './function-features';
import { DYNAMODB_READ_ACTIONS, DYNAMODB_READ_WRITE_ACTIONS } from './dynamodb-actions';
import { functionSettingsProblems } from './lambda-limits';
import { functionVpcConfig, selectSubnets, VpcPlacement } from './vpc-placement';

/** Options of {@link LambdaFunction}; the optional features (layers, alias, secrets, ...) are FunctionFeatureProps. */
export interface LambdaFunctionProps extends FunctionFeatureProps {
  /** Function name, `<env>-<variant>-<purpose>`; also names its role, security group and log group. */
  readonly functionName: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** Account and region, for managed policy ARNs. */
  readonly environment: AwsEnvironment;
  /** The deployment package, e.g. `FunctionCode.fromEntry(file)` or `FunctionCode.fromDirectory(dir)`. */
  readonly code: FunctionCode;
  /**
   * Managed runtime.
   * @default 'nodejs22.x'
   */
  readonly runtime?: string;
  /**
   * Instruction set; arm64 (Graviton) costs about 20% less per GB-second.
   * @default 'arm64'
   */
  readonly architecture?: 'arm64' | 'x86_64';
  /**
   * Memory in MB, a whole number in Lambda's limits (128 to 10240); CPU is allocated in proportion.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Timeout in seconds, a whole number in Lambda's limits (1 to 900).
   * @default 10
   */
  readonly timeout?: number;
  /**
   * Environment variables of the function. Names as Lambda requires (a letter, then letters, digits or `_`), none of
   * the names Lambda sets itself (`LAMBDA_RESERVED_VARIABLES`), none also set by `secrets`.
   * @default none
   */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /**
   * Attach the function to a VPC. Without it the function runs in the Lambda service's network: it reaches
   * public endpoints but nothing private in a VPC.
   * @default not attached to a VPC
   */
  readonly vpc?: VpcPlacement;
  /**
   * How security group rules name this function (its `connections`): lower-case letters, digits and dashes.
   * @default the construct ID
   */
  readonly peerLabel?: string;
  /**
   * ARN of a customer-managed KMS key that encrypts the environment variables at rest (CKV_AWS_173).
   * @default the AWS-managed key of Lambda
   */
  readonly environmentKmsKeyArn?: string;
  /**
   * X-Ray tracing. `Active` samples invocations and grants the role AWSXRayDaemonWriteAccess (CKV_AWS_50).
   * From subnets with no route to X-Ray (isolated, no endpoint), the Lambda service's own segments still
   * arrive; the function's subsegments need NAT or an `xray` interface endpoint.
   * @default 'Active'
   */
  readonly tracing?: 'Active' | 'PassThrough';
  /** Days CloudWatch keeps the function's logs; one of the values CloudWatch Logs accepts (`LOG_RETENTION_DAYS`). */
  readonly logRetentionInDays: number;
  /** ARN of the KMS key that encrypts the log group; its policy must admit the `logs` service principal. */
  readonly logsKmsKeyArn: string;
}

/**
 * A Lambda function with its own execution role, log group and (when attached to a VPC) security group.
 *
 * - The role carries `AWSLambdaVPCAccessExecutionRole` (ENI management and log writes) when attached,
 *   `AWSLambdaBasicExecutionRole` otherwise, plus least-privilege statements from the grant helpers.
 * - The security group starts with no rules at all; every egress is added explicitly.
 * - Destroy order is safe: the function and its security group depend on the ENI permissions, so
 *   Terraform removes those permissions last, after Lambda has released its Hyperplane ENIs; the security
 *   group waits up to 45 minutes for that release instead of failing with DependencyViolation.
 */
export class LambdaFunction extends Construct implements IConnectable {
  /** The function resource. */
  public readonly resource: LambdaFunctionResource;
  /** The execution role. */
  public readonly role: IamRole;
  /** The log group, created before the function so Lambda never creates an unencrypted one. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The function's security group; present only when attached to a VPC. */
  public readonly securityGroup?: SecurityGroup;
  /**
   * The subnets the function's ENIs live in; empty when not attached, and in a network read from parameters, whose
   * subnets are known only at plan time.
   */
  public readonly subnets: readonly SubnetRef[];
  /** The function's name. */
  public readonly functionName: string;
  /** How rules on other security groups name this function. */
  public readonly peerLabel: string;
  /** The alias on the latest published version; present only when `alias` is set. */
  public readonly alias?: FunctionAlias;
  /** The queue failed asynchronous invocations go to; present only when `failureQueue` is set. */
  public readonly failureQueue?: SqsQueue;

  private readonly vpcConnections?: Connections;
  private readonly policy: PolicyDocument;
  private inlinePolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    const name = props.functionName;
    const problems = [...functionSettingsProblems(props), ...functionFeatureProblems(props)];
    if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
    this.functionName = name;
    this.peerLabel = props.peerLabel ?? id;
    const selected = props.vpc ? selectSubnets(name, props.vpc) : undefined;
    this.subnets = selected?.subnets ?? [];
    this.policy = new PolicyDocument({ owner: name });

    this.role = new IamRole(this, 'role', {
      name,
      description: `Execution role of Lambda function ${name}`,
      assumeRolePolicy: PolicyDocument.serviceTrust({ owner: name, service: 'lambda.amazonaws.com' }).toJson(),
    });
    const executionPolicy = new IamRolePolicyAttachment(this, 'execution-policy', {
      role: this.role.name,
      policyArn: awsManagedPolicyArn(
        props.environment,
        props.vpc ? 'service-role/AWSLambdaVPCAccessExecutionRole' : 'service-role/AWSLambdaBasicExecutionRole',
      ),
    });

    const tracing = props.tracing ?? 'Active';
    if (tracing === 'Active') {
      new IamRolePolicyAttachment(this, 'tracing-policy', {
        role: this.role.name,
        policyArn: awsManagedPolicyArn(props.environment, 'AWSXRayDaemonWriteAccess'),
      });
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${name}`,
      retentionInDays: props.logRetentionInDays,
      kmsKeyId: props.logsKmsKeyArn,
      tags: { Name: name },
    });

    if (props.vpc) {
      this.securityGroup = new SecurityGroup(this, 'security-group', {
        name,
        description: `Lambda function ${name}: egress only as the rules below allow`,
        vpcId: props.vpc.network.vpcId,
        revokeRulesOnDelete: true,
        tags: { Name: name },
        // Lambda releases Hyperplane ENIs up to 45 minutes after the function is deleted or detached.
        timeouts: { delete: '45m' },
        // Destroyed before the ENI permissions, so Lambda can still delete its ENIs meanwhile.
        dependsOn: [executionPolicy],
      });
      this.vpcConnections = Connections.ofSecurityGroup(this, this.securityGroup.id, { label: this.peerLabel });
    }

    const runtime = props.runtime ?? 'nodejs22.x';
    const code = props.code.bind(this, name, { runtime });
    // The code's own variables (a source map's NODE_OPTIONS) join those of the props and the secrets.
    const variables = functionEnvironmentVariables(name, functionVariables(props), code.environmentVariables);
    this.resource = new LambdaFunctionResource(this, 'Default', {
      functionName: name,
      description: props.description,
      role: this.role.arn,
      runtime,
      architectures: [props.architecture ?? 'arm64'],
      handler: code.handler,
      ...code.functionArguments,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? 10,
      environment: variables ? { variables } : undefined,
      // Lambda stores no key for a function without variables; setting one would be a perpetual diff.
      kmsKeyArn: variables ? props.environmentKmsKeyArn : undefined,
      tracingConfig: { mode: tracing },
      vpcConfig: selected && this.securityGroup ? functionVpcConfig(selected, this.securityGroup.id) : undefined,
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      dependsOn: [executionPolicy, this.logGroup],
      tags: { Name: name },
    });
    const features = applyFunctionFeatures(this, props);
    this.alias = features.alias;
    this.failureQueue = features.failureQueue;
  }

  /** The function's ARN. */
  public get functionArn(): string {
    return this.resource.arn;
  }

  /** The alias's ARN; throws when the function has no alias (set alias). */
  public get aliasArn(): string {
    if (!this.alias) throw new Error(`${this.functionName}: aliasArn needs an alias (set alias)`);
    return this.alias.aliasArn;
  }

  /**
   * What callers should invoke: the alias's ARN when there is one (its provisioned concurrency and failure queue apply
   * there), else the function's ARN.
   */
  public get invokeTarget(): string {
    return this.alias?.aliasArn ?? this.functionArn;
  }

  /** The execution role's ARN, e.g. to name it as a principal in an endpoint policy. */
  public get roleArn(): string {
    return this.role.arn;
  }

  /** The function's security group ID; throws when the function is not attached to a VPC. */
  public get securityGroupId(): string {
    return this.requireSecurityGroup('securityGroupId').id;
  }

  /**
   * Adds a statement to the function's inline policy. Checked by {@link PolicyDocument}: wildcard actions in an
   * Allow, a statement ID already in the policy and an empty list are refused; a statement of an identity policy
   * names its resources and no principal.
   */
  public addToRolePolicy(statement: PolicyStatement): void {
    if (statement.hasPrincipal) {
      throw new Error(
        `${this.functionName}: policy statement ${statement.sid ?? '(no Sid)'} names a principal; ` +
          'allowed: none, since an inline policy applies to the role that holds it',
      );
    }
    this.policy.addStatements(statement);
    if (!this.inlinePolicy) {
      this.inlinePolicy = new IamRolePolicy(this, 'inline-policy', {
        name: 'least-privilege',
        role: this.role.id,
        policy: Lazy.stringValue({ produce: () => this.policy.toJson() }),
      });
      // The function's first invocation must already have the permissions it calls with.
      this.resource.dependsOn = [...(this.resource.dependsOn ?? []), dependable(this.inlinePolicy)];
    }
  }

  /** Grants item reads and writes (no table administration, no scans) on one DynamoDB table. */
  public grantDynamoDbReadWrite(tableArn: string, sid = 'DynamoDbReadWrite'): void {
    this.grantTableItems(sid, DYNAMODB_READ_WRITE_ACTIONS, tableArn);
  }

  /** Grants item reads only on one DynamoDB table. */
  public grantDynamoDbRead(tableArn: string, sid = 'DynamoDbRead'): void {
    this.grantTableItems(sid, DYNAMODB_READ_ACTIONS, tableArn);
  }

  /**
   * The function's connections: `fn.connections.allowTo(endpoint, Port.https(), 'why')` writes its egress rule and
   * the endpoint's ingress rule. Its security group starts with no rules, so every path out is one of these.
   */
  public get connections(): Connections {
    this.requireSecurityGroup('connections');
    return this.vpcConnections!;
  }

  private grantTableItems(sid: string, actions: readonly string[], tableArn: string): void {
    this.addToRolePolicy(new PolicyStatement({ sid, actions, resources: [tableArn, `${tableArn}/index/*`] }));
  }

  private requireSecurityGroup(operation: string): SecurityGroup {
    if (!this.securityGroup) {
      throw new Error(`${this.functionName}: ${operation} needs a function attached to a VPC (set vpc)`);
    }
    return this.securityGroup;
  }
}
