// The properties every generated repository is held to, through the real code: loadEnvironments, the synth into a
// temporary folder (which runs the guardrails), evaluateGuardrails and the reachability analyzer. `npm test` runs a few
// cases of each (tests/properties.test.ts); `npm run fuzz` runs many.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { evaluateGuardrails, formatViolation } from '@lambda-vpc/guardrails';
import type { StackJson } from '@lambda-vpc/stack-model';
import {
  ConfigError,
  EnvironmentInput,
  loadEnvironments,
  reportSynth,
  synthEnvironments,
  variantNamed,
} from '@lambda-vpc/stacks';
import { repositoryArbitrary } from './environment-arbitrary';
import { Mutant, mutantArbitrary } from './mutation-arbitrary';
import { releasingCaseTokens, unresolvedTokens } from './token-release';
import { brokenPromises } from './variant-promises';

/** A property over generated values: its name, what it draws, and a check that throws, naming what is wrong. */
export interface EnvironmentProperty<T> {
  /** One line: what holds for every case. */
  readonly name: string;
  /** The generated cases. */
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws an Error whose message lists every broken promise of `value`. */
  readonly check: (value: T) => void;
}

/** A fresh temporary folder for one synth, removed by `use` when done. */
function inTemporaryFolder<R>(use: (folder: string) => R): R {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-properties-'));
  try {
    return use(folder);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Every file below `folder` (relative path to content), for comparing two synths. */
function filesBelow(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(folder, file), fs.readFileSync(file));
  }
  return files;
}

const fail = (lines: readonly string[]): void => {
  if (lines.length > 0) throw new Error(lines.join('\n'));
};

/** Synthesizes, runs the guardrails over every stack, and holds each stack to its variant's promise. */
export function checkValidRepository(values: readonly EnvironmentInput[]): void {
  inTemporaryFolder((folder) => {
    const result = releasingCaseTokens(() => synthEnvironments(values, { outdir: path.join(folder, 'out') }));
    const byName = new Map(values.map((env) => [env.name as string, env]));
    fail(
      result.stacks.flatMap((stack) => {
        const text = fs.readFileSync(stack.file, 'utf8');
        const unresolved = unresolvedTokens(text).map((token) => `${stack.name}: unresolved token ${token}`);
        if (unresolved.length > 0) return unresolved;
        const json = JSON.parse(text) as StackJson;
        const env = byName.get(stack.name.slice(0, stack.name.indexOf('-')))!;
        const intent = variantNamed(stack.name.slice(stack.name.indexOf('-') + 1))?.intent;
        const guardrails = evaluateGuardrails(stack.name, json, { intent, stackDirectory: path.dirname(stack.file) });
        return [...guardrails.errors.map(formatViolation), ...brokenPromises(stack.name, json, env)];
      }),
    );
  });
}

/** Two synths of the same values give the same JSON, byte for byte, file for file. */
export function checkDeterministic(values: readonly EnvironmentInput[]): void {
  const twice = [0, 1].map(() =>
    inTemporaryFolder((folder) => {
      releasingCaseTokens(() => synthEnvironments(structuredClone(values), { outdir: path.join(folder, 'out') }));
      return filesBelow(path.join(folder, 'out'));
    }),
  );
  const [first, second] = twice as [Map<string, Buffer>, Map<string, Buffer>];
  fail([
    ...[...first.keys()].filter((file) => !second.has(file)).map((file) => `${file}: only in the first synth`),
    ...[...second.keys()].filter((file) => !first.has(file)).map((file) => `${file}: only in the second synth`),
    ...[...first].filter(([file, bytes]) => second.has(file) && !bytes.equals(second.get(file)!)).map(([file]) => file),
  ]);
}

/** What `reportSynth` printed and the exit code it set, with the console and exit code restored after. */
function reportedSynth(values: readonly EnvironmentInput[], outdir: string): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const { log, error } = console;
  const exitCode = process.exitCode;
  console.log = (...args: unknown[]) => void lines.push(args.join(' '));
  console.error = console.log;
  try {
    process.exitCode = 0;
    releasingCaseTokens(() => reportSynth(() => synthEnvironments(values, { outdir })));
    return { lines: lines.flatMap((line) => line.split('\n')), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    Object.assign(console, { log, error });
    process.exitCode = exitCode;
  }
}

/**
 * The config check refuses the mutant with one problem line naming the changed environment and field, and the synth
 * command exits 1 with that line alone (no stack trace) and writes nothing.
 */
export function checkRefused(mutant: Mutant): void {
  const expected = `environment "${mutant.environment}", field ${mutant.field} = `;
  let problems: string[] = [];
  try {
    loadEnvironments(mutant.values);
    problems = ['accepted by loadEnvironments'];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.message.split('\n');
    if (lines.length !== 1 || !lines[0]!.startsWith(expected)) {
      problems = [`expected one line starting ${expected}; got ${lines.length}:`, ...lines.map((l) => `  ${l}`)];
    }
  }
  inTemporaryFolder((folder) => {
    const outdir = path.join(folder, 'out');
    const { lines, exitCode } = reportedSynth(mutant.values, outdir);
    const left = fs.readdirSync(folder);
    if (exitCode !== 1) problems.push(`synth exit code ${exitCode}, expected 1`);
    if (left.length > 0) problems.push(`synth left ${left.join(', ')}`);
    if (lines.some((line) => /^\s+at /.test(line))) problems.push(`synth printed a stack trace:\n${lines.join('\n')}`);
    if (lines.filter((line) => line.startsWith('  - ')).length !== 1) {
      problems.push(`synth printed ${lines.length} line(s), expected one problem:\n${lines.join('\n')}`);
    }
  });
  fail(problems);
}

/** The properties, in the order they run. */
export const ENVIRONMENT_PROPERTIES = [
  {
    name: 'every valid repository synthesizes, passes the guardrails and keeps each variant promise',
    arbitrary: repositoryArbitrary,
    check: checkValidRepository,
  } satisfies EnvironmentProperty<EnvironmentInput[]>,
  {
    name: 'synthesis is a pure function of the config: the same values twice give byte-identical JSON',
    arbitrary: repositoryArbitrary,
    check: checkDeterministic,
  } satisfies EnvironmentProperty<EnvironmentInput[]>,
  {
    name: 'one field out of its domain is refused in one line naming it, and the synth writes nothing',
    arbitrary: mutantArbitrary,
    check: checkRefused,
  } satisfies EnvironmentProperty<Mutant>,
] as const;
