import { logRetentionProblem } from '@lambda-vpc/network';

// Lambda's limits on a function's settings, each stated once: LambdaFunction refuses a value outside them, and the
// environment config reports the same text against its field.

/** Lambda memory limits in MB. */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 } as const;

/** Lambda timeout limits in seconds. */
export const LAMBDA_TIMEOUT_SECONDS = { min: 1, max: 900 } as const;

/** Lambda's floor on reserved concurrency: 0 is allowed, and stops every invocation. */
export const LAMBDA_RESERVED_CONCURRENCY = { min: 0, max: Infinity } as const;

/** Lambda's floor on provisioned concurrency: at least one execution environment kept ready. */
export const LAMBDA_PROVISIONED_CONCURRENCY = { min: 1, max: Infinity } as const;

/**
 * Lambda's deployment package limits in MB (MiB, as Lambda counts them): a zip uploaded directly with the function,
 * and the sum of the uncompressed sizes of its files.
 */
export const LAMBDA_PACKAGE_MB = { zipped: 50, unzipped: 250 } as const;

/** Sizes of a deployment package in bytes. */
export interface PackageSizes {
  /** The zip's size. */
  readonly zipped: number;
  /** The sum of its files' uncompressed sizes. */
  readonly unzipped: number;
}

const MB = 1024 * 1024;

/**
 * What is wrong with a package of these sizes for a direct upload, or undefined when Lambda takes it. `zipped` may be
 * left out to check the unzipped size alone, before the files are read and compressed.
 */
export function packageSizeProblem(sizes: Partial<PackageSizes>): string | undefined {
  const shown = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
  if (sizes.unzipped !== undefined && sizes.unzipped > LAMBDA_PACKAGE_MB.unzipped * MB) {
    return (
      `the package is ${shown(sizes.unzipped)} unzipped; Lambda takes at most ${LAMBDA_PACKAGE_MB.unzipped} MB ` +
      'unzipped, layers included (leave out what the runtime provides, or use a container image)'
    );
  }
  if (sizes.zipped !== undefined && sizes.zipped > LAMBDA_PACKAGE_MB.zipped * MB) {
    return (
      `the package is ${shown(sizes.zipped)} zipped; Lambda takes at most ${LAMBDA_PACKAGE_MB.zipped} MB for a ` +
      'direct upload (upload it to S3 and use FunctionCode.fromS3)'
    );
  }
  return undefined;
}

/** Why `value` is not a whole number in `range`, every failure (type, fraction, range) with one message. */
function wholeNumberProblem(value: unknown, range: { readonly min: number; readonly max: number }, unit: string) {
  const inRange = Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max;
  if (inRange) return undefined;
  // A range with no ceiling here is one the account's quota caps, which synth cannot know.
  return range.max === Infinity
    ? `must be a whole number of ${unit}, ${range.min} or more`
    : `must be a whole number of ${unit} (Lambda's limits) from ${range.min} to ${range.max}`;
}

/** What is wrong with a function's memory size in MB, or undefined when Lambda accepts it. */
export const memorySizeProblem = (megabytes: unknown): string | undefined =>
  wholeNumberProblem(megabytes, LAMBDA_MEMORY_MB, 'MB');

/** What is wrong with a function's timeout in seconds, or undefined when Lambda accepts it. */
export const timeoutProblem = (seconds: unknown): string | undefined =>
  wholeNumberProblem(seconds, LAMBDA_TIMEOUT_SECONDS, 'seconds');

/** What is wrong with a function's reserved concurrency, or undefined when Lambda accepts it. */
export const reservedConcurrencyProblem = (executions: unknown): string | undefined =>
  wholeNumberProblem(executions, LAMBDA_RESERVED_CONCURRENCY, 'concurrent executions');

/** What is wrong with an alias's provisioned concurrency on its own (not against the reservation), or undefined. */
export const provisionedConcurrencyProblem = (executions: unknown): string | undefined =>
  wholeNumberProblem(executions, LAMBDA_PROVISIONED_CONCURRENCY, 'execution environments');

/** Every problem of a function's settings, as `field = value: problem`; the constructor throws them. */
export function functionSettingsProblems(settings: {
  readonly memorySize?: number;
  readonly timeout?: number;
  readonly logRetentionInDays: number;
  readonly reservedConcurrency?: number;
}): string[] {
  const checks: [string, unknown, (value: unknown) => string | undefined][] = [
    ['memorySize', settings.memorySize, memorySizeProblem],
    ['timeout', settings.timeout, timeoutProblem],
    ['logRetentionInDays', settings.logRetentionInDays, logRetentionProblem],
    ['reservedConcurrency', settings.reservedConcurrency, reservedConcurrencyProblem],
  ];
  return checks.flatMap(([field, value, problemOf]) => {
    const problem = value === undefined ? undefined : problemOf(value);
    return problem === undefined ? [] : [`${field} = ${value}: ${problem}`];
  });
}
