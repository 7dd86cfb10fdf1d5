#!/usr/bin/env node
// npm run bench: wall time and peak RSS of synth and tests, against the performance budget (docs/performance.md).
//   (a) every stack synthesized the project's way (one `node` process over the compiled apps)
//   (b) the same app through `cdktf synth`
//   (c) the floor: a process that only loads cdktf and the provider classes the stacks use
//   (d) `npm test` cold (no turbo, jest or eslint cache), and `npm run synth && npm test` warm and unchanged
//   (e) bundling 10 handlers that import zod with FunctionCode.fromEntry, cold (no cache) and warm (from the cache)
//   (f) `npm run review -- --base HEAD`, warm: the base's stacks from the review cache, the working tree's synth cached
//   scaling: (a) over 3, 9, 27 and 81 stacks, with the fitted slope
// frameworks: (a) in the cdktf build and in the cdktn build side by side
// (toolkit/commands/src/framework/bench-frameworks.ts) Each figure is the median of several runs. Exits 1 when a target
// is missed. Options: --runs N (default 7), --cold-runs N (default 3), --write-docs (replace the results in
// docs/performance.md), --allow-miss <target id> (repeatable: a miss known and explained in docs/performance.md; fails
// once it is met), --advisory <target id> (repeatable: measured and reported, never judged; for wall-clock figures of a
// machine whose speed varies more than the target's margin), --skip-frameworks (no side-by-side; it needs npm run
// framework:cdktn).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommandSpec, readOptions, wholeNumberFrom } from '../command-options';
import { formatFrameworks, measureFrameworks } from '../framework/bench-frameworks';
import { repositoryRoot as root } from '../repository-root';
import { synthesizedStacksIn } from '../synthesized-stacks';
import { measureBundling } from './bundling';
import { fitLine, growthRatio } from './fit';
import { measure, Measured, measureInTurns, MeasureOptions, MeasureSpec } from './measure';
import { providerModules } from './provider-modules';
import { formatReport, writeDocs } from './report';
import { BenchResults, Machine, ScalingMeasured, SynthMeasured } from './results';
import { synthPhases } from './synth-phases';
import { evaluateTargets, TARGET_IDS, verdict } from './targets';

const SCALING_STACKS = [3, 9, 27, 81];

/** The bench's options, from its command line. */
export interface BenchOptions {
  /** Runs of each synth and of the warm tests. @default 7 */
  readonly runs: number;
  /** Runs of the cold tests. @default 3 */
  readonly coldRuns: number;
  /** Whether the report replaces the results in docs/performance.md. @default false */
  readonly writeDocs: boolean;
  /** Targets whose miss is known and explained. @default none */
  readonly allowedMisses: Set<string>;
  /** Targets measured and reported, never judged. @default none */
  readonly advisory: Set<string>;
  /** Whether the cdktf and cdktn builds' synth are measured side by side. @default true */
  readonly frameworks: boolean;
}

const runsOption = {
  type: 'string',
  value: 'N',
  allowed: 'a whole number of runs, 1 or more',
  valid: wholeNumberFrom(1),
} as const;
const targetOption = {
  type: 'string',
  value: '<target id>',
  allowed: TARGET_IDS.join(', '),
  multiple: true,
  valid: (value: string) => TARGET_IDS.includes(value),
} as const;

/** What `npm run bench` accepts. */
export const BENCH_OPTIONS = {
  options: {
    runs: runsOption,
    'cold-runs': runsOption,
    'write-docs': { type: 'boolean' },
    'allow-miss': targetOption,
    advisory: targetOption,
    'skip-frameworks': { type: 'boolean' },
  },
} as const satisfies CommandSpec;

/** The options; throws an OptionError naming a bad one and what is allowed. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = readOptions(argv, BENCH_OPTIONS);
  return {
    runs: Number(values.runs ?? 7),
    coldRuns: Number(values['cold-runs'] ?? 3),
    writeDocs: values['write-docs'],
    allowedMisses: new Set(values['allow-miss']),
    advisory: new Set(values.advisory),
    frameworks: !values['skip-frameworks'],
  };
}

/** The stacks a synth wrote, from its manifest. */
function stacksIn(outdir: string): string[] {
  return synthesizedStacksIn(outdir).map(({ stack }) => stack);
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** A synth's measurement, whose spec parsed the phase line of every run. */
function synthMeasured(measured: Measured): SynthMeasured {
  if (!measured.figures) throw new Error(`${measured.label}: the runs printed no phase figures`);
  return { ...measured, figures: measured.figures };
}

/** The spec fields every measured command shares: the repository root, no extra variables. */
type CommonSpec = Pick<MeasureSpec, 'cwd' | 'env'>;

/** (a), (b) and (c), in turns; checks that (a) and (b) wrote the same stacks. */
function measureSynth(scratch: string, options: MeasureOptions, common: CommonSpec) {
  const modulesFile = path.join(scratch, 'provider-modules.json');
  const modules = providerModules(root);
  fs.writeFileSync(modulesFile, JSON.stringify(modules));
  const projectOut = path.join(scratch, 'project', 'cdktf.out');
  const cliOut = path.join(scratch, 'cli', 'cdktf.out');
  const [synth, cdktf, floor] = measureInTurns(
    [
      {
        ...common,
        label: '(a) project synth',
        command: 'node toolkit/commands/dist/synth-all-environments.js',
        env: { CDKTF_OUTDIR: projectOut },
        parse: synthPhases,
      },
      {
        ...common,
        label: '(b) cdktf synth',
        env: { CDKTF_OUTDIR: cliOut },
        command:
          `npx --no-install cdktf synth --app "node toolkit/commands/dist/synth-all-environments.js" --output ` +
          `${JSON.stringify(cliOut)}`,
      },
      {
        ...common,
        label: '(c) floor',
        command: `node toolkit/commands/dist/bench/floor.js ${JSON.stringify(modulesFile)}`,
      },
    ],
    options,
  );
  const stacks = stacksIn(projectOut);
  if (stacksIn(cliOut).join() !== stacks.join()) {
    throw new Error(`cdktf synth wrote ${stacksIn(cliOut).join(', ')}; the project's synth wrote ${stacks.join(', ')}`);
  }
  return { stacks: stacks.length, providerClasses: modules.length, synth: synthMeasured(synth), cdktf, floor };
}

/** (d): the test suite cold, then synth and tests warm after one unmeasured run. */
function measureTests(options: MeasureOptions & { coldRuns: number }, common: CommonSpec) {
  const clearTestCaches = (): void => {
    for (const cache of ['jest', 'eslint'])
      fs.rmSync(path.join(root, 'node_modules', '.cache', cache), { recursive: true, force: true });
  };
  const coldTest = measure(
    {
      ...common,
      label: '(d) npm test, cold',
      command: 'npm test',
      env: { TURBO_FORCE: 'true' },
      before: clearTestCaches,
    },
    { ...options, runs: options.coldRuns },
  );
  const warmSpec = { ...common, label: '(d) npm run synth && npm test, warm', command: 'npm run synth && npm test' };
  // One unmeasured run leaves every cache warm, as a developer's second run finds it.
  measure({ ...warmSpec, label: '(d) warm-up' }, { ...options, runs: 1 });
  return { coldTest, warm: measure(warmSpec, options) };
}

/** (f): a review of every stack against HEAD after one unmeasured run, which leaves the base in the review cache. */
function measureReview(scratch: string, options: MeasureOptions, common: CommonSpec): Measured {
  const spec = {
    ...common,
    label: '(f) npm run review, warm',
    command: `npm run --silent review -- --base HEAD --out ${JSON.stringify(path.join(scratch, 'review.md'))}`,
  };
  measure({ ...spec, label: '(f) warm-up' }, { ...options, runs: 1 });
  return measure(spec, options);
}

/** The project's synth over 3 to 81 stacks, in turns, with the fitted lines and growth ratios. */
function measureScaling(scratch: string, options: MeasureOptions, common: CommonSpec) {
  const measured = measureInTurns(
    SCALING_STACKS.map((stacks) => ({
      ...common,
      label: `scaling, ${stacks} stacks`,
      command: `node toolkit/commands/dist/bench/scaled-synth.js ${stacks}`,
      env: { CDKTF_OUTDIR: path.join(scratch, 'scaling', 'cdktf.out') },
      parse: synthPhases,
    })),
    options,
  );
  const scaling: ScalingMeasured[] = measured.map((result, index) => ({
    stacks: SCALING_STACKS[index],
    ...synthMeasured(result),
  }));
  const wallPoints = scaling.map((s): [number, number] => [s.stacks, s.seconds]);
  // Linearity is judged on the synth's time inside the process: the same marginal cost as the wall time,
  // without the constant (and noisy) process start and library loading.
  const workPoints = scaling.map((s): [number, number] => [s.stacks, s.figures.inProcess / 1000]);
  const memoryPoints = scaling.map((s): [number, number] => [s.stacks, s.peakRssMb]);
  return {
    scaling,
    fit: {
      time: fitLine(wallPoints),
      work: { ...fitLine(workPoints), growth: growthRatio(workPoints) },
      memory: { ...fitLine(memoryPoints), growth: growthRatio(memoryPoints) },
    },
  };
}

function main(): void {
  const options = parseBenchOptions(process.argv.slice(2));
  const progress = (line: string): void => console.log(`bench: ${line}`);
  const common: CommonSpec = { cwd: root, env: {} };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-bench-'));
  try {
    const synth = measureSynth(scratch, { ...options, progress }, common);
    // The two frameworks right after (a): a cdktn build that is not prepared fails the bench early.
    const frameworks = options.frameworks ? measureFrameworks(scratch, { ...options, progress }) : undefined;
    const results: BenchResults = {
      machine: machine(),
      ...synth,
      ...measureTests({ ...options, progress }, common),
      bundling: measureBundling(root, scratch, { ...options, progress }, common),
      review: measureReview(scratch, { ...options, progress }, common),
      ...measureScaling(scratch, { ...options, progress }, common),
    };
    const targets = evaluateTargets(results);
    const sideBySide = frameworks ? formatFrameworks(frameworks) : 'frameworks: not measured (--skip-frameworks)';
    const report = `${formatReport(results, targets)}\n\n${sideBySide}`;
    console.log(`\n${report}`);
    if (options.writeDocs) {
      writeDocs(path.join(root, 'docs', 'performance.md'), report);
      progress('wrote the results into docs/performance.md');
    }
    const { ok, problems } = verdict(targets, options.allowedMisses, options.advisory);
    for (const problem of problems) progress(problem);
    if (options.allowedMisses.size > 0) progress(`allowed to miss: ${[...options.allowedMisses].join(', ')}`);
    for (const target of targets.filter(({ id }) => options.advisory.has(id))) {
      progress(
        `advisory, not judged: ${target.name} ${target.measured} (target ${target.limit}): ` +
          `${target.met ? 'met' : 'missed'}`,
      );
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
