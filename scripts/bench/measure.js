// Runs a command several times and reports each run's wall time and peak RSS, and their medians. Peak RSS is
// the largest of the command's Node processes (each records its own through peak-rss.js at exit).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PEAK_RSS = path.join(__dirname, 'peak-rss.js');
/** No telemetry or update checks from turbo and cdktf during a measurement. */
const QUIET = { CHECKPOINT_DISABLE: '1', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One run of `command` (a shell command line) in `cwd`; `env` adds variables. Throws with the output's tail
 * when the command fails: a failed run has no figure.
 * @returns {{ seconds: number, peakRssMb: number }}
 */
function runOnce(label, command, { cwd, env = {}, before }) {
  before?.();
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rss-')), 'rss');
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(PEAK_RSS)}`].filter(Boolean).join(' ');
  const started = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', command], {
    cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...QUIET, ...env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const recorded = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`${label}: \`${command}\` failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  if (recorded.length === 0) throw new Error(`${label}: no Node process of \`${command}\` recorded its memory`);
  return { seconds, peakRssMb: Math.max(...recorded) / 1024, stdout: result.stdout };
}

/**
 * Several commands measured in turns (a, b, c, a, b, c, ...) rather than one after another, so a passing
 * slowdown of the machine lands on all of them and their ratios stay fair. Each spec is
 * `{ label, command, cwd, env?, before?, parse? }`; `parse`, when given, reads figures (an object of numbers)
 * from each run's standard output, and `figures` holds the median of each.
 * @returns one result per spec: `{ label, runs, seconds, peakRssMb, figures? }`, medians over `runs`
 */
function measureInTurns(specs, { runs, progress }) {
  const samples = specs.map(() => []);
  for (let run = 1; run <= runs; run += 1) {
    specs.forEach((spec, index) => {
      const { stdout, ...sample } = runOnce(spec.label, spec.command, spec);
      if (spec.parse) sample.figures = spec.parse(stdout);
      samples[index].push(sample);
      progress(`${spec.label}: run ${run}/${runs}: ${sample.seconds.toFixed(2)} s, ${sample.peakRssMb.toFixed(0)} MB`);
    });
  }
  return specs.map((spec, index) => summarize(spec.label, samples[index]));
}

/** `runs` runs of one command; see {@link measureInTurns}. */
function measure(spec, options) {
  return measureInTurns([spec], options)[0];
}

function summarize(label, samples) {
  const result = {
    label,
    runs: samples,
    seconds: median(samples.map((s) => s.seconds)),
    peakRssMb: median(samples.map((s) => s.peakRssMb)),
  };
  if (samples[0].figures) {
    result.figures = Object.fromEntries(Object.keys(samples[0].figures).map((key) => [key, median(samples.map((s) => s.figures[key]))]));
  }
  return result;
}

module.exports = { measure, measureInTurns, median };
