// Runs one engine command (terraform or tofu) in a stack folder, bounded in time, and keeps its output for
// the failure message: the engine's own error text, not a stack trace.
import { spawn } from 'node:child_process';

/** How one engine command ended. */
export interface EngineRun {
  /** The exit code: 124 when it timed out, 1 when it could not start. */
  readonly code: number;
  /** stdout and stderr, interleaved as they came. */
  readonly output: string;
  /** Its wall time. */
  readonly ms: number;
  /** Whether `timeoutMs` stopped it. */
  readonly timedOut: boolean;
  /** Whether `signal` stopped it. */
  readonly aborted: boolean;
}

/** Where and how long an engine command runs. */
export interface EngineRunOptions {
  /** The folder it runs in. */
  readonly cwd: string;
  /** Its whole process environment. */
  readonly env: NodeJS.ProcessEnv;
  /** Stops it (and its provider plugins) after this long. */
  readonly timeoutMs: number;
  /** Stops it when aborted, with the abort reason in its output. @default never */
  readonly signal?: AbortSignal;
}

// Engine commands run in their own process groups (so a timeout also stops their provider plugins); a check
// that exits early must not leave them behind.
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

/**
 * Runs `engine args...` in `cwd`. Resolves with { code, output, ms, timedOut, aborted }; never rejects for a
 * failing command. `timeoutMs` kills the command (and its provider plugins) with SIGTERM, then SIGKILL; so does
 * `signal` when it aborts (the emulator the command talks to has gone, say), with the abort reason in the output.
 */
export function runEngine(
  engine: string,
  args: readonly string[],
  { cwd, env, timeoutMs, signal }: EngineRunOptions,
): Promise<EngineRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(engine, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) running.add(child.pid);
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const kill = (killSignal: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, killSignal);
      } catch {
        /* already gone */
      }
    };
    const stop = (): void => {
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 10_000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      const reason = signal?.reason as { message?: string } | undefined;
      output += `\n${reason?.message ?? String(reason)}\n`;
      stop();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      output += String(error.message);
    });
    child.on('close', (code) => {
      running.delete(child.pid!);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // A command that could not start reports a negative code (or none): a plain failure here.
      resolve({
        code: timedOut ? 124 : typeof code === 'number' && code >= 0 ? code : 1,
        output,
        ms: Date.now() - started,
        timedOut,
        aborted,
      });
    });
  });
}

/**
 * The engine's error diagnostics from `-no-color` output: each `Error: ...` block up to the next `Error:` or
 * `Warning:` line (or the end), trimmed, each distinct one once; the last lines of the output when there are none.
 */
export function engineErrors(output: string, maxLines = 40): string {
  const lines = output.split('\n').map((line) => line.replace(/^[│╷╵]\s?/, ''));
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('Error: ')) continue;
    const block = [lines[i]];
    for (let j = i + 1; j < lines.length && !lines[j].startsWith('Error: ') && !lines[j].startsWith('Warning: '); j++)
      block.push(lines[j]);
    blocks.push(block.join('\n').trim());
  }
  // Each distinct block once: a halted run repeats `Error: execution halted` for every resource in flight.
  const text =
    blocks.length > 0
      ? [...new Set(blocks)].join('\n\n')
      : lines
          .filter((line) => line.trim())
          .slice(-10)
          .join('\n');
  const kept = text.split('\n');
  return kept.length > maxLines
    ? [...kept.slice(0, maxLines), `... (${kept.length - maxLines} more lines)`].join('\n')
    : text;
}

// What the provider prints when the emulator's HTTP connection broke mid-request (moto's threaded server now and
// then closes a connection while answering): the request may be retried; anything else is a finding.
const TRANSPORT_FAULTS = [
  /use of closed network connection/,
  /connection reset by peer/,
  /broken pipe/,
  /http: server closed idle connection/,
  /unexpected EOF/,
];

/**
 * The first output line that shows a broken emulator connection rather than an engine or API error, or null.
 * Only such a failure earns a retry: a plan or apply that fails for any other reason fails the check.
 */
export function transportFault(output: string): string | null {
  const line = output.split('\n').find((text) => TRANSPORT_FAULTS.some((fault) => fault.test(text)));
  return line === undefined ? null : line.replace(/^[│╷╵]\s?/, '').trim();
}

/** Runs tasks with at most `jobs` at once, keeping their order in the results. */
export async function inParallel<T, R>(
  items: readonly T[],
  jobs: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

/** A lock: each task given to it starts when the one before it has settled. */
export type OneAtATime = <R>(task: () => Promise<R>) => Promise<R>;

/**
 * A lock that runs the tasks given to it one at a time. `init` takes it: concurrent inits that fill the
 * shared plugin cache race and record checksums that do not match what the other one unpacked.
 */
export function oneAtATime(): OneAtATime {
  let tail: Promise<unknown> = Promise.resolve();
  return <R>(task: () => Promise<R>): Promise<R> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Ends the process with status 1, saying so after `prefix`, if a whole check is still running after `ms`. */
export function stopAfter(prefix: string, ms: number): void {
  setTimeout(() => {
    console.error(`${prefix}: stopped after ${ms / 60_000} minutes`);
    process.exit(1);
  }, ms).unref();
}
