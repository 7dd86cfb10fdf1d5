import { ConfigError, ConfigProblem, valueAt } from './config-error';
import { BLAME_LATER, BlameRule, crossEnvironmentProblems, RepositoryEnvironment } from './cross-environment-rules';
import { EnvironmentConfig, EnvironmentInput, environmentSchema } from './environment-schema';
import { VARIANTS } from '../variants/registry';

/** Options of {@link loadEnvironments}. */
export interface LoadOptions {
  /**
   * The app folder of each environment, by position, so an app whose name differs from its folder is refused.
   * @default no folders (values not from apps/)
   */
  readonly folders?: readonly string[];
  /**
   * Which of two environments in conflict (overlapping CIDRs) a problem is reported against.
   * @default the later one in the list
   */
  readonly blame?: BlameRule;
}

/**
 * Validates every environment's values, then the rules that span environments (see
 * {@link crossEnvironmentProblems}). Throws one {@link ConfigError} listing every problem.
 */
export function loadEnvironments(values: readonly EnvironmentInput[], options: LoadOptions = {}): EnvironmentConfig[] {
  const parsed = values.map(parseEnvironment);
  const problems: ConfigProblem[] = parsed.flatMap((result) => result.problems);
  const valid = parsed.flatMap((result, index): RepositoryEnvironment[] =>
    result.config ? [{ config: result.config, folder: options.folders?.[index] }] : [],
  );
  problems.push(
    ...crossEnvironmentProblems(valid, options.blame ?? BLAME_LATER).map(({ blamed: _blamed, ...problem }) => problem),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return valid.map((environment) => environment.config);
}

/**
 * Validates `own` (the environment an app synthesizes) against the other apps of the repository. Problems of the
 * others alone are theirs to report; a conflict between `own` and another is reported against `own`.
 */
export function loadAppEnvironment(
  own: { readonly folder: string; readonly values: EnvironmentInput },
  others: readonly { readonly folder: string; readonly values: EnvironmentInput }[],
): EnvironmentConfig {
  const result = parseEnvironment(own.values, 0);
  if (!result.config) throw new ConfigError(result.problems);
  const mine: RepositoryEnvironment = { config: result.config, folder: own.folder };
  const valid = others.flatMap((other, index): RepositoryEnvironment[] => {
    const config = parseEnvironment(other.values, index + 1).config;
    return config ? [{ config, folder: other.folder }] : [];
  });
  const blameOwn: BlameRule = (earlier, later) => (earlier === mine || later === mine ? mine : later);
  const problems = crossEnvironmentProblems([mine, ...valid], blameOwn).filter((problem) => problem.blamed === mine);
  if (problems.length > 0) throw new ConfigError(problems.map(({ blamed: _blamed, ...problem }) => problem));
  return result.config;
}

/** One environment checked against the schema: its config, or every problem found, one per field. */
function parseEnvironment(
  raw: EnvironmentInput,
  index: number,
): { config?: EnvironmentConfig; problems: ConfigProblem[] } {
  const label = typeof raw?.name === 'string' && raw.name ? raw.name : `#${index + 1}`;
  const result = environmentSchema.safeParse(raw);
  if (result.success) return { config: result.data, problems: [] };
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One line per unknown key, naming the key itself: usually a typo of a real field.
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const message =
          misplacedEgress(key, issue.path) ?? `unknown field; allowed here: ${fieldsAt(issue.path).join(', ')}`;
        problems.push({ environment: label, field: path.join('.'), value: valueAt(raw, path), message });
      }
    } else if (issue.code === 'invalid_key') {
      // A record key (a tag key) was refused: report the key, with the key schema's own message.
      const key = issue.path[issue.path.length - 1];
      problems.push({
        environment: label,
        field: issue.path.join('.'),
        value: key,
        message: issue.issues.map((inner) => inner.message).join('; '),
      });
    } else {
      problems.push({
        environment: label,
        field: issue.path.join('.'),
        value: valueAt(raw, issue.path),
        message: issue.message,
      });
    }
  }
  return { problems };
}

/** Why each internet-egress field has no place under a variant without internet, by field name. */
const EGRESS_FIELDS: Readonly<Record<string, { readonly need: string; readonly what: string }>> = {
  nat: { need: 'a NAT strategy needs a public subnet tier', what: 'NAT' },
  ipv6: { need: 'IPv6 egress needs a route to the internet (an egress-only internet gateway)', what: 'IPv6 egress' },
};

/**
 * `nat` or `ipv6` under a variant whose intent is no internet: where it belongs instead, from the variants' intents
 * (those that reach the internet through NAT), rather than a bare "unknown field".
 */
function misplacedEgress(key: string, path: readonly PropertyKey[]): string | undefined {
  const field = EGRESS_FIELDS[key];
  if (field === undefined || path.length !== 2 || path[0] !== 'variants') return undefined;
  const homes = VARIANTS.filter((variant) => variant.intent.internet === 'through-nat');
  if (homes.some((variant) => variant.configKey === path[1])) return undefined;
  return (
    `${field.need}, and this variant has none by design (its intent is no route to the internet); ${field.what} ` +
    'belongs under ' +
    homes.map((variant) => `variants.${variant.configKey}`).join(' or ')
  );
}

/** The field names the schema allows in the object at `path` (array elements and optional wrappers seen through). */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  type Def = { type: string; shape?: Record<string, Node>; innerType?: Node; element?: Node; in?: Node };
  type Node = { _zod: { def: Def } };
  const unwrap = (node: Node): Node => {
    const def = node._zod.def;
    const inner = def.innerType ?? def.in;
    return inner ? unwrap(inner) : node;
  };
  let node = unwrap(environmentSchema as unknown as Node);
  for (const key of path) {
    const def = node._zod.def;
    const next = def.type === 'array' ? def.element : def.shape?.[String(key)];
    if (!next) return [];
    node = unwrap(next);
  }
  return Object.keys(node._zod.def.shape ?? {});
}
