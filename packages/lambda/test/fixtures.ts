// Shared set-up of the lambda tests: a network over two AZs, a built code directory and function props.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { FunctionCode, LambdaFunction, LambdaFunctionProps } from '@lambda-vpc/lambda';
import { TEST_ENVIRONMENT } from '../../../test-support/test-network';
import { reference } from '../../../test-support/stack-json';
import { resourcesOf, synthConstructs, TerraformBody, TerraformJson } from '../../../test-support/terraform-json';

export const environment = TEST_ENVIRONMENT;
export const LOGS_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b7e1d2c-3f4a-4b5c-8d9e-0f1a2b3c4d5e';
export const TABLE_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/dev-test-orders';
export const FUNCTION_NAME = 'dev-test-api';
/** The stack key of the feature tests: it encrypts the failure queue and a secret. */
export const STACK_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

export { ISOLATED_ONLY, PUBLIC_AND_PRIVATE, testNetwork } from '../../../test-support/test-network';

/** A temporary directory holding a built handler, `index.js`. */
export function makeCodeDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-code-'));
  fs.writeFileSync(path.join(directory, 'index.js'), "exports.handler = async () => 'ok';\n");
  return directory;
}

export function removeDirectory(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}

/** Props of a function named `dev-test-api` with 30 days of logs; `overrides` replace any of them. */
export function functionProps(
  codeDirectory: string,
  overrides: Partial<LambdaFunctionProps> = {},
): LambdaFunctionProps {
  return {
    functionName: FUNCTION_NAME,
    description: 'Orders API',
    environment,
    code: FunctionCode.fromDirectory(codeDirectory),
    logRetentionInDays: 30,
    logsKmsKeyArn: LOGS_KEY_ARN,
    ...overrides,
  };
}

/**
 * Synthesizes one function, construct `fn`, with {@link functionProps} and the overrides `overridesIn` gives in its
 * scope (e.g. a network for `vpc`), through `synth` ({@link synthConstructs} unless told).
 */
export function synthFunction(
  codeDirectory: string,
  overridesIn: (scope: Construct) => Partial<LambdaFunctionProps> = () => ({}),
  synth = synthConstructs,
): TerraformJson {
  return synth((scope) => {
    new LambdaFunction(scope, 'fn', functionProps(codeDirectory, overridesIn(scope)));
  });
}

/** `type.name`: how `depends_on` names the resource whose body is `body`. */
export function addressOf(json: TerraformJson, type: string, body: TerraformBody): string {
  const entry = resourcesOf(json, type).find(([, candidate]) => candidate === body);
  if (!entry) throw new Error(`no ${type} with that body`);
  return `${type}.${entry[0]}`;
}

/** The role's attachment of the AWS-managed policy `name` (e.g. `service-role/AWSLambdaVPCAccessExecutionRole`). */
export function managedPolicyAttachment(json: TerraformJson, name: string): TerraformBody {
  const found = resourcesOf(json, 'aws_iam_role_policy_attachment').filter(
    ([, a]) => a.policy_arn === `arn:aws:iam::aws:policy/${name}`,
  );
  if (found.length !== 1) throw new Error(`expected one attachment of ${name}, found ${found.length}`);
  return found[0][1];
}

/** `${type.name.attribute}` of every resource of `type` tagged `Tier=tier`, in AZ order. */
export function tierReferences(json: TerraformJson, type: string, tier: string, attribute = 'id'): string[] {
  return resourcesOf(json, type)
    .filter(([, body]) => body.tags?.Tier === tier)
    .sort(([, a], [, b]) => a.tags.Name.localeCompare(b.tags.Name))
    .map(([name]) => reference(type, name, attribute));
}
