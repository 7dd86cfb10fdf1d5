// One step of preparing a review (git, npm ci, a synth), run to completion with its output kept: a failure is one
// line naming the step and where it ran, then the step's last lines, never a stack trace.
import { spawnSync } from 'node:child_process';

/** A review that cannot go on; the message is what `review:` prints before exiting 1. */
export class ReviewError extends Error {}

const TAIL_LINES = 15;

/**
 * The variables a step runs with: this process's, without those `npm run review` set for the repository it started in
 * (its package, its script, its folder as npm's local prefix, `--silent`), so an npm run in another checkout reads
 * that checkout and prints what a failure needs. The user's own npm settings (cache, registry, certificates) stay.
 */
function stepEnvironment(): NodeJS.ProcessEnv {
  const own = /^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_config_loglevel$|INIT_CWD$)/;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !own.test(name)));
}

/** Runs `command args` in `cwd`; returns its standard output, or throws a ReviewError naming `step`. */
export function runStep(step: string, command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    env: stepEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status === 0) return result.stdout;
  const output = [result.stdout, result.stderr, result.error?.message]
    .map((text) => (text ?? '').trimEnd())
    .filter((text) => text !== '')
    .join('\n');
  const tail = output.split('\n').slice(-TAIL_LINES).join('\n');
  const status = result.status === null ? `signal ${result.signal}` : `exit ${result.status}`;
  throw new ReviewError(`${step} failed (${status}) in ${cwd}; its last lines:\n${tail}`);
}

/** `git args` in `cwd`, trimmed, or undefined when git fails. */
export function gitOutput(cwd: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
