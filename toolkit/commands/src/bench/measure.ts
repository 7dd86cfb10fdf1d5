// Runs a command several times and reports each run's wall time and peak RSS, and their medians. Peak RSS is
// the largest of the command's Node processes (each records its own through peak-rss.js at exit).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PEAK_RSS = path.join(__dirname, 'peak-rss.js');
/** No telemetry or update checks from turbo and cdktf during a measurement. */
const QUIET = { CHECKPOINT_DISABLE: '1', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

/** A command to measure. */
export interface MeasureSpec {
  /** Its name in the progress lines and the report. */
  readonly label: string;
  /** A shell command line. */
  readonly command: string;
  /** The folder it runs in. */
  readonly cwd: string;
  /** Variables added to its environment. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs before each run (clearing a cache, say). @default nothing */
  readonly before?: () => void;
  /** Reads figures (an object of numbers) from each run's standard output. @default none */
  readonly parse?: (stdout: string) => Readonly<Record<string, number>>;
}

/** How many runs, and where progress goes. */
export interface MeasureOptions {
  /** Runs of each command. */
  readonly runs: number;
  /** Prints one progress line. */
  readonly progress: (line: string) => void;
}

/** One run's figures. */
export interface Sample {
  /** Wall time. */
  readonly seconds: number;
  /** The largest peak RSS of its Node processes. */
  readonly peakRssMb: number;
  /** What `parse` read from its output. @default none */
  readonly figures?: Readonly<Record<string, number>>;
}

/** A command's runs and their medians. */
export interface Measured {
  /** The spec's label. */
  readonly label: string;
  /** Every run. */
  readonly runs: readonly Sample[];
  /** The median wall time. */
  readonly seconds: number;
  /** The median peak RSS. */
  readonly peakRssMb: number;
  /** The median of each parsed figure, when the spec parses. */
  readonly figures?: Readonly<Record<string, number>>;
}

/** The median of `values`. */
/**
 * What a failed command's output says about the failure: jest's failed tests (its `✕` lines and each `●` header
 * with the lines under it, up to 40 lines), then the last 20 lines. The tail alone names only the failing
 * workspace; a bench run that fails on a busy machine must say which test it was.
 */
export function failureExcerpt(output: string): string {
  const lines = output.trim().split('\n');
  // turbo prefixes each line with its task (`@scope/pkg:test: `).
  const bare = (line: string) => line.replace(/^\S+:test: /, '');
  const failed: string[] = [];
  lines.forEach((line, i) => {
    const text = bare(line).trim();
    if (text.startsWith('✕')) failed.push(bare(line));
    if (text.startsWith('● ') && !text.startsWith('● Console')) failed.push(...lines.slice(i, i + 8).map(bare));
  });
  const tail = lines.slice(-20).join('\n');
  return failed.length === 0 ? tail : `${failed.slice(0, 40).join('\n')}\n...\n${tail}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One run of `command` (a shell command line) in `cwd`; `env` adds variables. Throws with the output's tail
 * when the command fails: a failed run has no figure.
 */
function runOnce(label: string, command: string, { cwd, env = {}, before }: MeasureSpec): Sample & { stdout: string } {
  before?.();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rss-'));
  const rssFile = path.join(scratch, 'rss');
  // A copy, so a build inside the measured command (npm test with turbo forced) never rewrites the file that
  // its own processes are loading.
  const peakRss = path.join(scratch, 'peak-rss.js');
  fs.copyFileSync(PEAK_RSS, peakRss);
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(peakRss)}`].filter(Boolean).join(' ');
  const started = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...QUIET, ...env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const recorded = fs.existsSync(rssFile)
    ? fs.readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number)
    : [];
  fs.rmSync(scratch, { recursive: true, force: true });
  if (result.status !== 0) {
    throw new Error(
      `${label}: \`${command}\` failed (exit ` +
        `${result.status ?? result.signal}):\n${failureExcerpt(`${result.stdout ?? ''}${result.stderr ?? ''}`)}`,
    );
  }
  if (recorded.length === 0) throw new Error(`${label}: no Node process of \`${command}\` recorded its memory`);
  return { seconds, peakRssMb: Math.max(...recorded) / 1024, stdout: result.stdout };
}

/**
 * Several commands measured in turns (a, b, c, a, b, c, ...) rather than one after another, so a passing
 * slowdown of the machine lands on all of them and their ratios stay fair. `parse`, when a spec gives it, reads
 * figures from each run's standard output, and `figures` holds the median of each.
 * @returns one result per spec, medians over `runs`
 */
export function measureInTurns(specs: readonly MeasureSpec[], { runs, progress }: MeasureOptions): Measured[] {
  const samples: Sample[][] = specs.map(() => []);
  for (let run = 1; run <= runs; run += 1) {
    specs.forEach((spec, index) => {
      const { stdout, ...measured } = runOnce(spec.label, spec.command, spec);
      const sample: Sample = spec.parse ? { ...measured, figures: spec.parse(stdout) } : measured;
      samples[index].push(sample);
      progress(`${spec.label}: run ${run}/${runs}: ${sample.seconds.toFixed(2)} s, ${sample.peakRssMb.toFixed(0)} MB`);
    });
  }
  return specs.map((spec, index) => summarize(spec.label, samples[index]));
}

/** `runs` runs of one command; see {@link measureInTurns}. */
export function measure(spec: MeasureSpec, options: MeasureOptions): Measured {
  return measureInTurns([spec], options)[0];
}

function summarize(label: string, samples: readonly Sample[]): Measured {
  const result = {
    label,
    runs: samples,
    seconds: median(samples.map((s) => s.seconds)),
    peakRssMb: median(samples.map((s) => s.peakRssMb)),
  };
  const first = samples[0].figures;
  if (!first) return result;
  return {
    ...result,
    figures: Object.fromEntries(
      Object.keys(first).map((key) => [key, median(samples.map((s) => s.figures?.[key] ?? NaN))]),
    ),
  };
}
