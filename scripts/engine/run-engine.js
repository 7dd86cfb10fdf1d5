// Runs one engine command (terraform or tofu) in a stack folder, bounded in time, and keeps its output for
// the failure message: the engine's own error text, not a stack trace.
const { spawn } = require('node:child_process');

// Engine commands run in their own process groups (so a timeout also stops their provider plugins); a check
// that exits early must not leave them behind.
const running = new Set();
process.on('exit', () => { for (const pid of running) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } } });

/**
 * Runs `engine args...` in `cwd`. Resolves with { code, output, ms, timedOut, aborted }; never rejects for a
 * failing command. `timeoutMs` kills the command (and its provider plugins) with SIGTERM, then SIGKILL; so does
 * `signal` when it aborts (the emulator the command talks to has gone, say), with the abort reason in the output.
 */
function runEngine(engine, args, { cwd, env, timeoutMs, signal }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(engine, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) running.add(child.pid);
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const kill = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
    const stop = () => { kill('SIGTERM'); setTimeout(() => kill('SIGKILL'), 10_000).unref(); };
    const timer = setTimeout(() => { timedOut = true; stop(); }, timeoutMs);
    let aborted = false;
    const onAbort = () => { aborted = true; output += `\n${signal.reason?.message ?? String(signal.reason)}\n`; stop(); };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => { output += String(error.message); });
    child.on('close', (code) => {
      running.delete(child.pid);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // A command that could not start reports a negative code (or none): a plain failure here.
      resolve({ code: timedOut ? 124 : typeof code === 'number' && code >= 0 ? code : 1, output, ms: Date.now() - started, timedOut, aborted });
    });
  });
}

/**
 * The engine's error diagnostics from `-no-color` output: each `Error: ...` block up to the next `Error:` or
 * `Warning:` line (or the end), trimmed, each distinct one once; the last lines of the output when there are none.
 */
function engineErrors(output, maxLines = 40) {
  const lines = output.split('\n').map((line) => line.replace(/^[│╷╵]\s?/, ''));
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('Error: ')) continue;
    const block = [lines[i]];
    for (let j = i + 1; j < lines.length && !lines[j].startsWith('Error: ') && !lines[j].startsWith('Warning: '); j++) block.push(lines[j]);
    blocks.push(block.join('\n').trim());
  }
  // Each distinct block once: a halted run repeats `Error: execution halted` for every resource in flight.
  const text = blocks.length > 0 ? [...new Set(blocks)].join('\n\n') : lines.filter((line) => line.trim()).slice(-10).join('\n');
  const kept = text.split('\n');
  return kept.length > maxLines ? [...kept.slice(0, maxLines), `... (${kept.length - maxLines} more lines)`].join('\n') : text;
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
function transportFault(output) {
  const line = output.split('\n').find((text) => TRANSPORT_FAULTS.some((fault) => fault.test(text)));
  return line === undefined ? null : line.replace(/^[│╷╵]\s?/, '').trim();
}

/** Runs tasks with at most `jobs` at once, keeping their order in the results. */
async function inParallel(items, jobs, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

/**
 * A lock that runs the tasks given to it one at a time. `init` takes it: concurrent inits that fill the
 * shared plugin cache race and record checksums that do not match what the other one unpacked.
 */
function oneAtATime() {
  let tail = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

module.exports = { runEngine, engineErrors, transportFault, inParallel, oneAtATime };
