import { TerraformVariable } from 'cdktf';
import { LambdaFunctionProps, secretGrantResource, variableNameProblem } from '@lambda-vpc/lambda';
import { onlyResource, policyOf, TerraformJson } from '../../../test-support/terraform-json';
import { makeCodeDirectory, removeDirectory, STACK_KEY_ARN, synthFunction } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

const SECRETS = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';
const DB_SECRET = `${SECRETS}:dev/orders/db-AbC123`;
const API_SECRET = `${SECRETS}:dev/orders/api-key`;
const ENVIRONMENT_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0b7e1d2c-3f4a-4b5c-8d9e-000000000001';

const build = (overrides: Partial<LambdaFunctionProps>) => () => synthFunction(codeDirectory, () => overrides);
const statementsOf = (json: TerraformJson) => policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement;

describe('secrets', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = build({
      environmentVariables: { TABLE_NAME: 'dev-test-orders' },
      environmentKmsKeyArn: ENVIRONMENT_KEY,
      secrets: { DB_SECRET_ARN: { secretArn: DB_SECRET }, API_KEY_SECRET_ARN: { secretArn: API_SECRET } },
    })();
  });

  it("put each secret's ARN (never its value) in its variable, beside the function's own variables", () => {
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.environment).toEqual({
      variables: { TABLE_NAME: 'dev-test-orders', DB_SECRET_ARN: DB_SECRET, API_KEY_SECRET_ARN: API_SECRET },
    });
    expect(fn.kms_key_arn).toBe(ENVIRONMENT_KEY);
  });

  it('let the role GetSecretValue on exactly those secrets; a partial ARN matches its 6-character suffix', () => {
    expect(statementsOf(json)).toEqual([
      {
        Sid: 'ReadSecretValues',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [DB_SECRET, `${API_SECRET}-??????`],
      },
    ]);
  });

  it('let the role decrypt with a customer key given for a secret, through Secrets Manager only', () => {
    const withKey = build({ secrets: { DB_SECRET_ARN: { secretArn: DB_SECRET, kmsKeyArn: STACK_KEY_ARN } } })();
    expect(statementsOf(withKey)).toEqual([
      { Sid: 'ReadSecretValues', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [DB_SECRET] },
      {
        Sid: 'DecryptSecretsViaSecretsManager',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [STACK_KEY_ARN],
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  it("alone give the function an environment, encrypted with the environment key, and no variables' value", () => {
    const fn = onlyResource(
      build({ environmentKmsKeyArn: ENVIRONMENT_KEY, secrets: { DB_SECRET_ARN: { secretArn: DB_SECRET } } })(),
      'aws_lambda_function',
    );
    expect(fn.environment).toEqual({ variables: { DB_SECRET_ARN: DB_SECRET } });
    expect(fn.kms_key_arn).toBe(ENVIRONMENT_KEY);
  });

  it('accept a secret ARN known only at apply time, granted as it is', () => {
    const fromVariable = synthFunction(codeDirectory, (scope) => ({
      secrets: { DB_SECRET_ARN: { secretArn: new TerraformVariable(scope, 'secret', {}).stringValue } },
    }));
    expect(statementsOf(fromVariable)[0].Resource).toEqual(['${var.secret}']);
  });

  it('grant a complete ARN as given and a partial one with -??????', () => {
    expect(secretGrantResource(DB_SECRET)).toBe(DB_SECRET);
    expect(secretGrantResource(`${SECRETS}:db`)).toBe(`${SECRETS}:db-??????`);
  });

  it('add no policy and no environment by default', () => {
    const plain = synthFunction(codeDirectory);
    expect(plain.resource?.aws_iam_role_policy).toBeUndefined();
    expect(onlyResource(plain, 'aws_lambda_function')).not.toHaveProperty('environment');
  });
});

describe('secrets: what is refused', () => {
  it('a value that is not a secret ARN (a parameter ARN), and a key that is not a key ARN', () => {
    const parameter = 'arn:aws:ssm:eu-west-1:123456789012:parameter/dev/orders/db';
    expect(
      build({ secrets: { DB_SECRET_ARN: { secretArn: parameter, kmsKeyArn: 'alias/aws/secretsmanager' } } }),
    ).toThrow(
      new Error(
        `dev-test-api: secrets.DB_SECRET_ARN.secretArn = ${parameter}: is not a secret ARN; allowed: ` +
          'arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>; ' +
          'secrets.DB_SECRET_ARN.kmsKeyArn = alias/aws/secretsmanager: is not a KMS key ARN; allowed: ' +
          'arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>',
      ),
    );
  });

  it('a variable name the function already sets', () => {
    expect(
      build({
        environmentVariables: { DB_SECRET_ARN: 'stale' },
        secrets: { DB_SECRET_ARN: { secretArn: DB_SECRET } },
      }),
    ).toThrow(
      new Error(
        `dev-test-api: secrets.DB_SECRET_ARN = "${DB_SECRET}": is also set by environmentVariables; allowed: each ` +
          'variable set once',
      ),
    );
  });
});

describe('environment variable names', () => {
  const RESERVED = 'is reserved: Lambda sets it in every function; allowed: a name outside LAMBDA_RESERVED_VARIABLES';
  const FORM = 'is not a name Lambda accepts; allowed: a letter, then letters, digits or _ (2 characters or more)';

  it.each(['TABLE_NAME', 'NODE_OPTIONS', 'Db2'])('accepts %s', (name) => {
    expect(variableNameProblem(name)).toBeUndefined();
  });

  it.each(['AWS_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'TZ'])('refuses %s, which Lambda reserves', (name) => {
    expect(variableNameProblem(name)).toBe(RESERVED);
  });

  it.each(['1ST', '_HANDLER', 'TABLE-NAME', 'X'])('refuses %s, which Lambda does not accept', (name) => {
    expect(variableNameProblem(name)).toBe(FORM);
  });

  it('names the function, the prop, the variable and its value, in environmentVariables and in secrets alike', () => {
    expect(
      build({
        environmentVariables: { AWS_REGION: 'eu-west-1' },
        secrets: { 'db-secret': { secretArn: DB_SECRET } },
      }),
    ).toThrow(
      new Error(
        `dev-test-api: environmentVariables.AWS_REGION = "eu-west-1": ${RESERVED}; ` +
          `secrets.db-secret = "${DB_SECRET}": ${FORM}`,
      ),
    );
  });
});
