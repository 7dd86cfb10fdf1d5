import { Token } from 'cdktf';
import { PolicyStatement } from '@lambda-vpc/network';

// Partitions are aws, aws-cn, aws-us-gov, aws-iso, ...; regions e.g. eu-west-1, us-gov-west-1.
const PARTITION = 'aws(?:-[a-z]+)*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const FUNCTION_ARN = new RegExp(
  `^arn:${PARTITION}:lambda:${REGION}:\\d{12}:function:[A-Za-z0-9_-]{1,64}(?::(?:\\$LATEST|\\d+|[A-Za-z0-9_-]+))?$`,
);
const PRINCIPAL = new RegExp(
  `^(?:\\d{12}|arn:${PARTITION}:iam::\\d{12}:(?:root|role/[\\w+=,.@/-]+|user/[\\w+=,.@/-]+))$`,
);

/**
 * What is wrong with a principal an endpoint policy names, or undefined when it is a 12-digit account ID or an
 * account root, role or user ARN (a value known only at apply time is accepted).
 */
export function principalProblem(principal: string): string | undefined {
  return Token.isUnresolved(principal) || PRINCIPAL.test(principal)
    ? undefined
    : 'is not an account ID or IAM principal ARN; allowed: ' +
        '123456789012 or arn:<partition>:iam::<12-digit account>:root|role/<name>|user/<name>';
}

/** Options of {@link allowInvokeFunction}. */
export interface AllowInvokeFunctionProps {
  /** IAM principals (12-digit account IDs, or account root, role or user ARNs) that may invoke. */
  readonly principals: readonly string[];
  /** The functions: unqualified, version-qualified or alias-qualified function ARNs. */
  readonly functionArns: readonly string[];
  /**
   * Statement ID.
   * @default 'AllowInvokeFunction'
   */
  readonly sid?: string;
}

/** Allow `lambda:InvokeFunction` for the principals on the functions (unqualified, version or alias ARNs). */
export function allowInvokeFunction(props: AllowInvokeFunctionProps): PolicyStatement {
  const sid = props.sid ?? 'AllowInvokeFunction';
  if (props.principals.length === 0) {
    throw new Error(`allowInvokeFunction ${sid}: name at least one principal (an account ID or IAM role ARN)`);
  }
  if (props.functionArns.length === 0) {
    throw new Error(`allowInvokeFunction ${sid}: name at least one function ARN`);
  }
  for (const principal of props.principals) {
    const problem = principalProblem(principal);
    if (problem !== undefined) throw new Error(`allowInvokeFunction ${sid}: principal "${principal}" ${problem}`);
  }
  for (const arn of props.functionArns) {
    if (!Token.isUnresolved(arn) && !FUNCTION_ARN.test(arn)) {
      throw new Error(
        `allowInvokeFunction ${sid}: "${arn}" is not a Lambda function ARN; expected ` +
          'arn:<partition>:lambda:<region>:<12-digit account>:function:<name>[:<version or alias>]',
      );
    }
  }
  return new PolicyStatement({
    sid,
    effect: 'Allow',
    principals: props.principals,
    actions: ['lambda:InvokeFunction'],
    resources: props.functionArns,
  });
}

/** Options of {@link denyUnlessSourceVpc}. */
export interface DenyUnlessSourceVpcProps {
  /** The VPC requests must come from, e.g. `network.vpcId`. */
  readonly vpcId: string;
  /**
   * The actions denied outside the VPC.
   * @default ['*'], every action
   */
  readonly actions?: readonly string[];
  /**
   * Statement ID.
   * @default 'DenyOutsideSourceVpc'
   */
  readonly sid?: string;
}

/**
 * Deny every action through the endpoint unless the request comes from this VPC (condition
 * `StringNotEquals aws:SourceVpc`). AWS sets aws:SourceVpc to the VPC that hosts the endpoint, so on an
 * endpoint in `vpcId` itself this never matches: it states intent and guards against the endpoint being
 * placed in another VPC, it does not narrow who may call.
 */
export function denyUnlessSourceVpc(props: DenyUnlessSourceVpcProps): PolicyStatement {
  const sid = props.sid ?? 'DenyOutsideSourceVpc';
  if (!Token.isUnresolved(props.vpcId) && !/^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/.test(props.vpcId)) {
    throw new Error(`denyUnlessSourceVpc ${sid}: "${props.vpcId}" is not a VPC ID; expected vpc-0123456789abcdef0`);
  }
  const actions = props.actions ?? ['*'];
  if (actions.length === 0) {
    throw new Error(`denyUnlessSourceVpc ${sid}: actions is empty; leave it out to deny every action`);
  }
  return new PolicyStatement({
    sid,
    effect: 'Deny',
    principals: ['*'],
    actions,
    resources: ['*'],
    condition: { StringNotEquals: { 'aws:SourceVpc': props.vpcId } },
  });
}

/**
 * The S3 calls an application makes on objects and their buckets, each named: read, write and delete objects (and
 * their versions), multipart uploads, and listing a bucket. Bucket administration (policies, ACLs, lifecycle) is left
 * out: it is not a function's job and should not ride on the data path.
 */
export const S3_OBJECT_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:ListBucket',
  's3:GetBucketLocation',
];

/** Options of {@link allowOwnAccountBuckets}. */
export interface AllowOwnAccountBucketsProps {
  /** The account whose principals may call, and whose buckets they may call: the stack's own. */
  readonly accountId: string;
  /** The ARN partition of the buckets, e.g. `aws`. */
  readonly partition: string;
  /**
   * The actions, each named.
   * @default S3_OBJECT_ACTIONS
   */
  readonly actions?: readonly string[];
  /**
   * Statement ID.
   * @default 'OwnAccountPrincipalsOnOwnAccountBuckets'
   */
  readonly sid?: string;
}

/**
 * Allow the account's own principals the object actions on buckets the account owns (condition
 * `StringEquals s3:ResourceAccount`), through an S3 endpoint: a data perimeter. Once a gateway endpoint routes the
 * region's S3 prefix list, every S3 call from its route tables takes the endpoint, so its policy decides what works:
 * nothing is written to, or read from, another account's bucket, and no other account's credentials work from here.
 */
export function allowOwnAccountBuckets(props: AllowOwnAccountBucketsProps): PolicyStatement {
  const sid = props.sid ?? 'OwnAccountPrincipalsOnOwnAccountBuckets';
  if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    throw new Error(`allowOwnAccountBuckets ${sid}: accountId "${props.accountId}" is not a 12-digit account ID`);
  }
  return new PolicyStatement({
    sid,
    effect: 'Allow',
    principals: [props.accountId],
    actions: props.actions ?? S3_OBJECT_ACTIONS,
    resources: [`arn:${props.partition}:s3:::*`, `arn:${props.partition}:s3:::*/*`],
    condition: { StringEquals: { 's3:ResourceAccount': props.accountId } },
  });
}
