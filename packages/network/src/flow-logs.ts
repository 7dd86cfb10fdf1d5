import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsEnvironment } from './aws-environment';
import { logRetentionProblem } from './aws-limits';
import { PolicyDocument, PolicyStatement } from './policy-document';

/** Options of flow logs delivered to CloudWatch Logs. */
export interface CloudWatchFlowLogsOptions {
  /** Days CloudWatch keeps the records; one of the values CloudWatch Logs accepts. */
  readonly retentionInDays: number;
  /** ARN of the KMS key that encrypts the log group; its policy must admit the `logs` service principal. */
  readonly kmsKeyArn: string;
  /**
   * Which traffic to record.
   * @default 'ALL'
   */
  readonly trafficType?: 'ACCEPT' | 'REJECT' | 'ALL';
}

/** What {@link FlowLogs.bind} needs from the VPC. */
export interface FlowLogTarget {
  /** The VPC to record. */
  readonly vpcId: string;
  /** Resource name prefix, `<env>-<variant>`. */
  readonly name: string;
  /** Account and region, for ARNs in the delivery role. */
  readonly environment: AwsEnvironment;
}

/** The resources a flow log configuration created. */
export interface BoundFlowLogs {
  readonly flowLog?: FlowLog;
  readonly logGroup?: CloudwatchLogGroup;
}

/** Where (and whether) a VPC's flow logs go. Made by the static factories. */
export abstract class FlowLogs {
  /** All traffic to a KMS-encrypted CloudWatch log group with retention, through a least-privilege role. */
  public static toCloudWatchLogs(options: CloudWatchFlowLogsOptions): FlowLogs {
    const problem = logRetentionProblem(options.retentionInDays);
    if (problem !== undefined) throw new Error(`flow logs: retentionInDays = ${options.retentionInDays}: ${problem}`);
    return new CloudWatchFlowLogs(options);
  }

  /**
   * No flow logs. Security scanners flag this (checkov CKV2_AWS_11); keep it for throwaway sandboxes.
   */
  public static disabled(): FlowLogs {
    return new DisabledFlowLogs();
  }

  /** Whether this configuration records traffic. */
  public abstract readonly enabled: boolean;

  /** Creates the flow log resources under `scope`. */
  public abstract bind(scope: Construct, target: FlowLogTarget): BoundFlowLogs;
}

class DisabledFlowLogs extends FlowLogs {
  public readonly enabled = false;
  public bind(): BoundFlowLogs {
    return {};
  }
}

class CloudWatchFlowLogs extends FlowLogs {
  public readonly enabled = true;

  constructor(private readonly options: CloudWatchFlowLogsOptions) {
    super();
  }

  public bind(scope: Construct, target: FlowLogTarget): BoundFlowLogs {
    const { accountId, region, partition } = target.environment;
    const logGroup = new CloudwatchLogGroup(scope, 'flow-log-group', {
      name: `/vpc/${target.name}/flow-logs`,
      retentionInDays: this.options.retentionInDays,
      kmsKeyId: this.options.kmsKeyArn,
      tags: { Name: `${target.name}-flow-logs` },
    });
    const roleName = `${target.name}-flow-logs`;
    // Confused-deputy guard: only flow logs of this account may assume the delivery role.
    const role = new IamRole(scope, 'flow-log-role', {
      name: roleName,
      description: `Delivers ${target.name} VPC flow logs to CloudWatch Logs`,
      assumeRolePolicy: PolicyDocument.serviceTrust({
        owner: roleName,
        service: 'vpc-flow-logs.amazonaws.com',
        condition: {
          StringEquals: { 'aws:SourceAccount': accountId },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
        },
      }).toJson(),
    });
    new IamRolePolicy(scope, 'flow-log-role-policy', {
      name: 'deliver-to-log-group',
      role: role.id,
      policy: new PolicyDocument({
        owner: roleName,
        statements: [
          new PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            resources: [logGroup.arn, `${logGroup.arn}:*`],
          }),
        ],
      }).toJson(),
    });
    const flowLog = new FlowLog(scope, 'flow-log', {
      vpcId: target.vpcId,
      trafficType: this.options.trafficType ?? 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${target.name}-flow-log` },
    });
    return { flowLog, logGroup };
  }
}
