import { Token } from 'cdktf';
import { AwsEnvironment, PolicyStatement } from '@lambda-vpc/network';
import { kmsKeyArnProblem, secretArnProblem } from './resource-arns';

/** A Secrets Manager secret a function reads at run time. */
export interface SecretReference {
  /**
   * ARN of the secret: complete (ending in the 6-character suffix Secrets Manager adds, `-AbCdEf`) or partial
   * (without it; the grant then matches any suffix, `-??????`). A secret whose own name ends in a dash and 6 letters
   * or digits must be given complete.
   */
  readonly secretArn: string;
  /**
   * ARN of the customer-managed KMS key that encrypts the secret. The role may decrypt with it only through Secrets
   * Manager (`kms:ViaService`).
   * @default none: the secret uses the AWS-managed key `aws/secretsmanager`, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

/** Secret ARNs end in `-` and 6 random letters or digits once Secrets Manager has created them. */
const COMPLETE_NAME = /:secret:.+-[A-Za-z0-9]{6}$/;

/** The IAM resource for a secret ARN: a complete one as given, a partial one with `-??????` for the added suffix. */
export function secretGrantResource(secretArn: string): string {
  return Token.isUnresolved(secretArn) || COMPLETE_NAME.test(secretArn) ? secretArn : `${secretArn}-??????`;
}

/** Every problem of a function's secrets, as `secrets.NAME.field = value: problem`. */
export function secretProblems(secrets: Readonly<Record<string, SecretReference>> = {}): string[] {
  return Object.entries(secrets).flatMap(([name, secret]) => {
    const checks: [string, string | undefined, (arn: string) => string | undefined][] = [
      ['secretArn', secret.secretArn, secretArnProblem],
      ['kmsKeyArn', secret.kmsKeyArn, kmsKeyArnProblem],
    ];
    return checks.flatMap(([field, value, problemOf]) => {
      const problem = value === undefined ? undefined : problemOf(value);
      return problem === undefined ? [] : [`secrets.${name}.${field} = ${value}: ${problem}`];
    });
  });
}

/** The environment variables of the secrets: each name holds its secret's ARN, never the value. */
export function secretVariables(secrets: Readonly<Record<string, SecretReference>>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).map(([name, secret]) => [name, secret.secretArn]));
}

/**
 * The role's statements for reading the secrets: `secretsmanager:GetSecretValue` on exactly those secrets, and
 * `kms:Decrypt` on their customer-managed keys through Secrets Manager only. None when there are no secrets.
 */
export function secretReadStatements(
  environment: AwsEnvironment,
  secrets: Readonly<Record<string, SecretReference>> = {},
): PolicyStatement[] {
  const references = Object.values(secrets);
  if (references.length === 0) return [];
  const keys = [...new Set(references.flatMap((secret) => (secret.kmsKeyArn ? [secret.kmsKeyArn] : [])))];
  return [
    new PolicyStatement({
      sid: 'ReadSecretValues',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [...new Set(references.map((secret) => secretGrantResource(secret.secretArn)))],
    }),
    ...(keys.length > 0
      ? [
          new PolicyStatement({
            sid: 'DecryptSecretsViaSecretsManager',
            actions: ['kms:Decrypt'],
            resources: keys,
            condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${environment.region}.amazonaws.com` } },
          }),
        ]
      : []),
  ];
}
