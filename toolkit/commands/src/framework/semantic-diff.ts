// The semantic diff of two synth outputs (cdktf.out folders): every file on both sides, JSON files compared as parsed
// values (key order and formatting do not count), other files (function zips) byte for byte. A difference passes only
// when an entry of the allowed list (toolkit/frameworks/allowed-differences.json) matches its file, its JSON path and
// both values; an entry that matches nothing is reported too, so the list never outlives its reason.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Allowance, allows, Difference } from './allowed-differences';

/** A difference no entry allows, in an app's output. */
export interface Failure extends Difference {
  /** The app (`dev`). */
  readonly app: string;
}

/** One app's output on each side. */
export interface AppOutputs {
  readonly name: string;
  readonly left: string;
  readonly right: string;
}

/** `$.resource.aws_vpc.network_vpc.tags["managed-by"]`, `$["//"].metadata.version`, `$.output.ids[0]` */
export function formatPath(segments: readonly (string | number)[]): string {
  return `$${segments
    .map((segment) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)
          ? `.${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join('')}`;
}

const kind = (value: unknown) =>
  value === undefined ? 'absent' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Every place two parsed JSON values differ, in key order: `{ path, left, right }`, where a side is `undefined` when
 * the key or element is absent there.
 */
export function jsonDifferences(
  left: unknown,
  right: unknown,
  at: readonly (string | number)[] = [],
): Omit<Difference, 'file'>[] {
  const leftKind = kind(left);
  if (leftKind !== kind(right)) return [{ path: at, left, right }];
  if (leftKind === 'array') {
    const [l, r] = [left as unknown[], right as unknown[]];
    return Array.from({ length: Math.max(l.length, r.length) }, (_, index) =>
      jsonDifferences(l[index], r[index], [...at, index]),
    ).flat();
  }
  if (leftKind === 'object') {
    const [l, r] = [left as Record<string, unknown>, right as Record<string, unknown>];
    const keys = [...new Set([...Object.keys(l), ...Object.keys(r)])].sort();
    return keys.flatMap((key) => jsonDifferences(l[key], r[key], [...at, key]));
  }
  return left === right ? [] : [{ path: at, left, right }];
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
    })
    .sort();
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const parse = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The differences between two outputs of the same app; `path` is empty for a whole file (absent, or other bytes). */
export function outputDifferences(leftDir: string, rightDir: string): Difference[] {
  const leftFiles = filesUnder(leftDir);
  const rightFiles = filesUnder(rightDir);
  return [...new Set([...leftFiles, ...rightFiles])].sort().flatMap((file): Difference[] => {
    const [leftFile, rightFile] = [path.join(leftDir, file), path.join(rightDir, file)];
    if (!leftFiles.includes(file) || !rightFiles.includes(file)) {
      return [
        {
          file,
          path: [],
          left: leftFiles.includes(file) ? 'file' : undefined,
          right: rightFiles.includes(file) ? 'file' : undefined,
        },
      ];
    }
    if (file.endsWith('.json'))
      return jsonDifferences(parse(leftFile), parse(rightFile)).map((difference) => ({ file, ...difference }));
    const [leftHash, rightHash] = [sha256(leftFile), sha256(rightFile)];
    return leftHash === rightHash ? [] : [{ file, path: [], left: `sha256 ${leftHash}`, right: `sha256 ${rightHash}` }];
  });
}

/** The differences no entry allows, how many were allowed, and the entries that matched nothing. */
export function compareOutputs(
  apps: readonly AppOutputs[],
  allowances: readonly Allowance[],
  sides: readonly [string, string],
): { failures: Failure[]; allowed: number; unused: Allowance[] } {
  const used = new Set<number>();
  const failures: Failure[] = [];
  let allowed = 0;
  for (const app of apps) {
    for (const difference of outputDifferences(app.left, app.right)) {
      const match = allowances.findIndex((allowance) => allows(allowance, difference, sides));
      if (match < 0) {
        failures.push({ app: app.name, ...difference });
      } else {
        used.add(match);
        allowed += 1;
      }
    }
  }
  return { failures, allowed, unused: allowances.filter((_, index) => !used.has(index)) };
}

/** One line per failure: the stack (`stacks/<stack>/...`, else the app), the file, the JSON path and both values. */
export function formatFailure(failure: Failure, sides: readonly [string, string]): string {
  const value = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 300));
  const stack = /^stacks\/([^/]+)\//.exec(failure.file)?.[1] ?? `${failure.app} (app)`;
  const where = failure.path.length > 0 ? formatPath(failure.path) : '(whole file)';
  return (
    `${stack}: apps/${failure.app}/cdktf.out/${failure.file} ${where}: ${sides[0]} ${value(failure.left)}, ` +
    `${sides[1]} ${value(failure.right)}`
  );
}
