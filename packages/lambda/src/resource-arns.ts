import { Token } from 'cdktf';

// The ARN forms a function's features name: layer versions, Secrets Manager secrets and KMS keys. A value known only
// at apply time (a token, e.g. another resource's `arn`) is accepted: Terraform checks it then.
const PARTITION = 'aws(?:-[a-z]+)*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const ACCOUNT = '\\d{12}';
const arnPattern = (service: string, resource: string) =>
  new RegExp(`^arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}$`);

/** A layer version: `arn:<partition>:lambda:<region>:<account>:layer:<name>:<version>`. */
const LAYER_VERSION_ARN = arnPattern('lambda', 'layer:[A-Za-z0-9_-]{1,140}:[1-9]\\d*');
/** A secret, complete (`...:secret:<name>-AbCdEf`) or partial (without the 6-character suffix). */
const SECRET_ARN = arnPattern('secretsmanager', 'secret:[A-Za-z0-9/_+=.@-]{1,512}');
/** A KMS key (not an alias: IAM grants name keys). */
const KMS_KEY_ARN = arnPattern('kms', 'key/[A-Za-z0-9-]{1,128}');

const problemOf = (value: string, pattern: RegExp, kind: string, form: string): string | undefined =>
  Token.isUnresolved(value) || pattern.test(value) ? undefined : `is not ${kind}; allowed: ${form}`;

/** What is wrong with a layer version ARN, or undefined when Lambda accepts its form. */
export const layerVersionArnProblem = (arn: string): string | undefined =>
  problemOf(
    arn,
    LAYER_VERSION_ARN,
    'a layer version ARN',
    'arn:<partition>:lambda:<region>:<12-digit account>:layer:<name>:<version>',
  );

/** What is wrong with a Secrets Manager secret ARN, or undefined when it is one. */
export const secretArnProblem = (arn: string): string | undefined =>
  problemOf(
    arn,
    SECRET_ARN,
    'a secret ARN',
    'arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>',
  );

/** What is wrong with a KMS key ARN, or undefined when it is one. */
export const kmsKeyArnProblem = (arn: string): string | undefined =>
  problemOf(arn, KMS_KEY_ARN, 'a KMS key ARN', 'arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>');

/** The layer a layer version ARN belongs to (the ARN without `:<version>`), to spot two versions of one layer. */
export const layerOf = (arn: string): string => arn.replace(/:\d+$/, '');
