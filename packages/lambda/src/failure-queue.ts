import { Construct } from 'constructs';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { PolicyStatement } from '@lambda-vpc/network';
import { kmsKeyArnProblem } from './resource-arns';

/** SQS's longest retention: 14 days, so a failed event waits as long as it can for someone to look. */
export const FAILURE_QUEUE_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Options of a {@link FailureQueue}. */
export interface FailureQueueProps {
  /**
   * ARN of the KMS key that encrypts the queue, e.g. the stack's key. Its policy must let the account's IAM policies
   * grant its use (AWS's default key policy does); the role may use it only through SQS.
   */
  readonly kmsKeyArn: string;
}

/** What a failure queue attaches to: the function, how to grant its role, and the alias its settings belong to. */
export interface FailureQueueTarget {
  /** The construct the queue is created under. */
  readonly scope: Construct;
  /** The function's name; the queue is `<name>-failures`. */
  readonly functionName: string;
  /** The function resource. */
  readonly resource: LambdaFunctionResource;
  /** The function's region, for the `kms:ViaService` condition. */
  readonly region: string;
  /** Adds a statement to the function's role. */
  addToRolePolicy(statement: PolicyStatement): void;
  /**
   * The alias the invoke configuration applies to (a reference to its name).
   * @default none: the unqualified function
   */
  readonly aliasName?: string;
}

/**
 * Where a function's failed asynchronous invocations go, after Lambda's retries: an SQS queue `<function>-failures`,
 * KMS-encrypted, keeping messages 14 days. The role may only send to that queue, and use the key only through SQS.
 * The Lambda service delivers these messages, not the function's network interfaces, so a VPC-attached function
 * needs no endpoint or NAT for them. Synchronous invocations (RequestResponse) never reach the queue: the caller sees
 * the error.
 */
export abstract class FailureQueue {
  /**
   * An on-failure destination (`aws_lambda_function_event_invoke_config`, on the alias when there is one): the
   * message carries the event, the error and the response context.
   */
  public static onFailureDestination(props: FailureQueueProps): FailureQueue {
    return new OnFailureDestination(props);
  }

  /** A dead-letter queue (`dead_letter_config` of the function): the message carries the event only. */
  public static deadLetterQueue(props: FailureQueueProps): FailureQueue {
    return new DeadLetterQueue(props);
  }

  protected constructor(private readonly props: FailureQueueProps) {}

  /** Every problem of the options, as `failureQueue.field = value: problem`. */
  public problems(): string[] {
    const problem = kmsKeyArnProblem(this.props.kmsKeyArn);
    return problem === undefined ? [] : [`failureQueue.kmsKeyArn = ${this.props.kmsKeyArn}: ${problem}`];
  }

  /** Creates the queue, grants the role to send to it and points the function's failures at it. */
  public bind(target: FailureQueueTarget): SqsQueue {
    const queue = new SqsQueue(target.scope, 'failure-queue', {
      name: `${target.functionName}-failures`,
      kmsMasterKeyId: this.props.kmsKeyArn,
      messageRetentionSeconds: FAILURE_QUEUE_RETENTION_SECONDS,
      tags: { Name: `${target.functionName}-failures` },
    });
    target.addToRolePolicy(
      new PolicyStatement({ sid: 'SendFailedEvents', actions: ['sqs:SendMessage'], resources: [queue.arn] }),
    );
    // Sending to an encrypted queue makes SQS generate and use a data key on the sender's behalf.
    target.addToRolePolicy(
      new PolicyStatement({
        sid: 'EncryptFailedEventsViaSqs',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.props.kmsKeyArn],
        condition: { StringEquals: { 'kms:ViaService': `sqs.${target.region}.amazonaws.com` } },
      }),
    );
    this.attach(target, queue);
    return queue;
  }

  /** Points the function's failed asynchronous invocations at the queue. */
  protected abstract attach(target: FailureQueueTarget, queue: SqsQueue): void;
}

class OnFailureDestination extends FailureQueue {
  constructor(props: FailureQueueProps) {
    super(props);
  }

  protected attach(target: FailureQueueTarget, queue: SqsQueue): void {
    // The function name is a reference: the configuration waits for the function, which waits for its role's policy,
    // and Lambda checks that the role may send to the destination.
    new LambdaFunctionEventInvokeConfig(target.scope, 'event-invoke-config', {
      functionName: target.resource.functionName,
      qualifier: target.aliasName,
      destinationConfig: { onFailure: { destination: queue.arn } },
    });
  }
}

class DeadLetterQueue extends FailureQueue {
  constructor(props: FailureQueueProps) {
    super(props);
  }

  protected attach(target: FailureQueueTarget, queue: SqsQueue): void {
    target.resource.putDeadLetterConfig({ targetArn: queue.arn });
  }
}
