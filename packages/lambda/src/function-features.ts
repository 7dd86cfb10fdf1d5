import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { AwsEnvironment } from '@lambda-vpc/network';
import { EnvironmentVariableSource, environmentProblems, mergedEnvironment } from './environment-variables';
import { FailureQueue } from './failure-queue';
import { FunctionAlias, FunctionAliasOptions, aliasProblems } from './function-alias';
import { applyLayers, FunctionLayer, layerProblems } from './function-layer';
import { SecretReference, secretProblems, secretReadStatements, secretVariables } from './function-secrets';
import type { LambdaFunction } from './lambda-function';

/** The optional features of a {@link LambdaFunction}: each is off unless its prop is given. */
export interface FunctionFeatureProps {
  /**
   * Layers the function loads, at most 5 (Lambda's limit), one version of each: `FunctionLayer.fromArn(arn,
   * { provides: ['sharp'] })`.
   * @default none
   */
  readonly layers?: readonly FunctionLayer[];
  /**
   * Concurrent executions reserved for the function, and its ceiling: a whole number, 0 or more. They come out of the
   * account's unreserved pool, which Lambda keeps at 100 or more. 0 stops every invocation (a switch-off, e.g. during
   * an incident).
   * @default none: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
  /**
   * Publish a version on every change and keep an alias on the latest one, with optional provisioned concurrency.
   * Callers should then invoke `invokeTarget` (the alias ARN).
   * @default no versions published, no alias: callers invoke the function itself ($LATEST)
   */
  readonly alias?: FunctionAliasOptions;
  /**
   * Where failed asynchronous invocations go: `FailureQueue.onFailureDestination({ kmsKeyArn })` or
   * `FailureQueue.deadLetterQueue({ kmsKeyArn })`, each an encrypted queue `<function>-failures`.
   * @default none: Lambda drops an event after its retries
   */
  readonly failureQueue?: FailureQueue;
  /**
   * Secrets Manager secrets the function reads, by the environment variable that holds each one's ARN (never its
   * value): `{ DB_SECRET_ARN: { secretArn } }`. The role may `secretsmanager:GetSecretValue` on exactly these secrets.
   * A VPC-attached function without internet access needs a `secretsmanager` interface endpoint (guardrail LVB-FN-4).
   * @default none
   */
  readonly secrets?: Readonly<Record<string, SecretReference>>;
}

/** What the features need of the function's own props. */
interface FeatureSettings extends FunctionFeatureProps {
  /** The function's account and region (`kms:ViaService` names the region). */
  readonly environment: AwsEnvironment;
  /** The function's own variables, which the secrets' variables must not repeat. */
  readonly environmentVariables?: Readonly<Record<string, string>>;
}

/** The function's environment variables by the prop that sets them: its own variables, then its secrets' ARNs. */
export function environmentSources(props: FeatureSettings): EnvironmentVariableSource[] {
  return [
    ...(props.environmentVariables ? [{ field: 'environmentVariables', variables: props.environmentVariables }] : []),
    ...(props.secrets ? [{ field: 'secrets', variables: secretVariables(props.secrets) }] : []),
  ];
}

/**
 * The function's environment variables, from every source in order (`extra` after its own and its secrets'); undefined
 * when no source is given. Their names are checked by {@link functionFeatureProblems}.
 */
export function functionVariables(
  props: FeatureSettings,
  extra: readonly EnvironmentVariableSource[] = [],
): Record<string, string> | undefined {
  return mergedEnvironment([...environmentSources(props), ...extra]);
}

/** Every problem of the features' props and of the environment variables, as `field = value: problem`. */
export function functionFeatureProblems(props: FeatureSettings): string[] {
  return [
    ...layerProblems(props.layers),
    ...aliasProblems(props.alias, props.reservedConcurrency),
    ...(props.failureQueue?.problems() ?? []),
    ...secretProblems(props.secrets),
    ...environmentProblems(environmentSources(props)),
  ];
}

/** What the features added to a function. */
export interface FunctionFeatures {
  /** The alias, when `alias` is set. */
  readonly alias?: FunctionAlias;
  /** The queue failed asynchronous invocations go to, when `failureQueue` is set. */
  readonly failureQueue?: SqsQueue;
}

/** Adds the features to a function whose resource exists: its layers, concurrency, grants, alias and failure queue. */
export function applyFunctionFeatures(fn: LambdaFunction, props: FeatureSettings): FunctionFeatures {
  applyLayers(fn.resource, props.layers);
  if (props.reservedConcurrency !== undefined) fn.resource.reservedConcurrentExecutions = props.reservedConcurrency;
  secretReadStatements(props.environment, props.secrets).forEach((statement) => fn.addToRolePolicy(statement));
  if (props.alias) fn.resource.publish = true;
  const alias = props.alias && new FunctionAlias(fn, 'alias', { ...props.alias, function: fn.resource });
  const failureQueue = props.failureQueue?.bind({
    scope: fn,
    functionName: fn.functionName,
    resource: fn.resource,
    region: props.environment.region,
    addToRolePolicy: (statement) => fn.addToRolePolicy(statement),
    aliasName: alias?.aliasName,
  });
  return { alias, failureQueue };
}
