/**
 * Where a stack deploys. Carried as literals (not data sources) so ARNs and key policies read plainly in
 * the plan and synthesis needs no credentials.
 */
export interface AwsEnvironment {
  /** 12-digit AWS account ID. */
  readonly accountId: string;
  /** Region code, e.g. `eu-west-1`. */
  readonly region: string;
  /** ARN partition: `aws`, `aws-cn` or `aws-us-gov`, derived from the region by {@link awsEnvironment}. */
  readonly partition: string;
}

/** Builds an {@link AwsEnvironment}, deriving the partition from the region's prefix. */
export function awsEnvironment(accountId: string, region: string): AwsEnvironment {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return { accountId, region, partition };
}

/** The ARN of an AWS-managed IAM policy, e.g. `service-role/AWSLambdaVPCAccessExecutionRole`. */
export function awsManagedPolicyArn(env: AwsEnvironment, name: string): string {
  return `arn:${env.partition}:iam::aws:policy/${name}`;
}
