/** One thing wrong with the environment values. */
export interface ConfigProblem {
  /** The environment's name (or its position when the name itself is unusable). */
  readonly environment: string;
  /** Dotted path of the field, e.g. `variants.natEgress.cidr`. */
  readonly field: string;
  /** The value found there. */
  readonly value: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Every problem found in the environment values, reported together before any construct is built. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** `environment "dev", field region = "mars-1": unknown region; allowed: ...` */
export function formatProblem(problem: ConfigProblem): string {
  const value = problem.value === undefined ? 'missing' : JSON.stringify(problem.value);
  return `environment "${problem.environment}", field ${problem.field || '(root)'} = ${value}: ${problem.message}`;
}

/** The value at a dotted path of a plain object, for error messages. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );
}
