/**
 * The variables Lambda sets in every function and refuses in a function's configuration. Variables a runtime reads but
 * does not set (NODE_OPTIONS, PATH, LANG, ...) are not reserved: a function may set them.
 */
export const LAMBDA_RESERVED_VARIABLES: readonly string[] = [
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
  'TZ',
];

/** One origin of a function's environment variables, named by the prop that sets them. */
export interface EnvironmentVariableSource {
  /** The prop the variables come from, e.g. `environmentVariables` or `secrets`; errors name it. */
  readonly field: string;
  /** Variable name to value. */
  readonly variables: Readonly<Record<string, string>>;
}

// Lambda's key pattern, [a-zA-Z]([a-zA-Z0-9_])+: a single letter is refused too.
const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/** What is wrong with an environment variable's name, or undefined when Lambda accepts it. */
export function variableNameProblem(name: string): string | undefined {
  if (!VARIABLE_NAME.test(name)) {
    return 'is not a name Lambda accepts; allowed: a letter, then letters, digits or _ (2 characters or more)';
  }
  if (LAMBDA_RESERVED_VARIABLES.includes(name)) {
    return 'is reserved: Lambda sets it in every function; allowed: a name outside LAMBDA_RESERVED_VARIABLES';
  }
  return undefined;
}

/** Every problem of the sources' variables, as `field.NAME = "value": problem`: bad names and names set twice. */
export function environmentProblems(sources: readonly EnvironmentVariableSource[]): string[] {
  const setBy = new Map<string, string>();
  return sources.flatMap(({ field, variables }) =>
    Object.entries(variables).flatMap(([name, value]) => {
      const where = `${field}.${name} = "${value}"`;
      const problem = variableNameProblem(name);
      if (problem !== undefined) return [`${where}: ${problem}`];
      const earlier = setBy.get(name);
      setBy.set(name, earlier ?? field);
      return earlier === undefined ? [] : [`${where}: is also set by ${earlier}; allowed: each variable set once`];
    }),
  );
}

/** The variables of every source in one map, in source order; undefined when no source is given. */
export function mergedEnvironment(sources: readonly EnvironmentVariableSource[]): Record<string, string> | undefined {
  return sources.length > 0 ? Object.assign({}, ...sources.map((source) => source.variables)) : undefined;
}
