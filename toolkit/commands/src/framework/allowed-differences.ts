// The allowed differences between the synthesized output of two framework builds
// (toolkit/frameworks/allowed-differences.json): which difference an entry covers, and one build's JSON rewritten in
// another's terms at exactly those places (so a test of the cdktn build compares against what the cdktf build writes,
// and nothing else is excused).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from '../repository-root';

/** One entry of toolkit/frameworks/allowed-differences.json. */
export interface Allowance {
  /** The file in an app's cdktf.out, `/`-separated; `*` is one segment. */
  readonly file: string;
  /** The JSON path, a list of keys; `*` is one key. */
  readonly path: readonly string[];
  /** The value on each side, by build name. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Why the difference is harmless. */
  readonly why: string;
}

/** A place two outputs differ: the file, the JSON path (empty for a whole file) and each side's value. */
export interface Difference {
  readonly file: string;
  readonly path: readonly (string | number)[];
  readonly left: unknown;
  readonly right: unknown;
}

/** The entries of toolkit/frameworks/allowed-differences.json. */
export function readAllowances(): Allowance[] {
  const file = path.join(repositoryRoot, 'toolkit', 'frameworks', 'allowed-differences.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { differences: Allowance[] }).differences;
}

const sequenceMatches = (patterns: readonly string[], segments: readonly string[]) =>
  patterns.length === segments.length &&
  patterns.every((pattern, index) => pattern === '*' || pattern === segments[index]);
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `allowance` covers `difference` between the builds named `sides` (left, right). */
export function allows(allowance: Allowance, difference: Difference, sides: readonly [string, string]): boolean {
  return (
    sequenceMatches(allowance.file.split('/'), difference.file.split('/')) &&
    sequenceMatches(allowance.path, difference.path.map(String)) &&
    sameValue(allowance.values[sides[0]], difference.left) &&
    sameValue(allowance.values[sides[1]], difference.right)
  );
}

/**
 * `json` (the file `file` of a cdktf.out, written by build `from`) with each value an entry allows for `from` replaced
 * by that entry's value for `to`; every other value as it was. The identity when `from` is `to`.
 */
export function inTermsOf<T>(
  json: T,
  file: string,
  from: string,
  to: string,
  allowances: readonly Allowance[] = readAllowances(),
): T {
  if (from === to) return json;
  const copy = structuredClone(json);
  for (const allowance of allowances.filter((entry) => sequenceMatches(entry.file.split('/'), file.split('/')))) {
    const replace = (node: unknown, segments: readonly string[]): void => {
      if (node === null || typeof node !== 'object') return;
      const object = node as Record<string, unknown>;
      const [segment, ...rest] = segments;
      for (const key of segment === '*' ? Object.keys(object) : [segment]) {
        if (rest.length > 0) replace(object[key], rest);
        else if (key in object && sameValue(object[key], allowance.values[from])) object[key] = allowance.values[to];
      }
    };
    replace(copy, allowance.path);
  }
  return copy;
}
