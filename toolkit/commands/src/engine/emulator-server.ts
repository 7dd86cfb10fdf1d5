// The local AWS emulator (moto in server mode) for the end-to-end checks: on 127.0.0.1, on a free port, as
// one AWS account, stopped when the check ends, fails or is interrupted.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** How to start the emulator. */
export interface EmulatorOptions {
  /** moto's server program (`moto_server`). */
  readonly motoServer: string;
  /** The AWS account every request is in. */
  readonly accountId: string;
  /** Where the server's output goes. */
  readonly logFile: string;
  /** How long it may take to answer. @default 60 s */
  readonly startTimeoutMs?: number;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The server's output. */
  readonly logFile: string;
  /** Aborts, naming the log, if the server exits before stop(). */
  readonly gone: AbortSignal;
  /** Kills the server at once (the process is exiting). */
  stopNow(): void;
  /** Stops the server: SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

const running = new Set<Emulator>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const server of running) server.stopNow();
    process.exit(130);
  });
}
process.on('exit', () => {
  for (const server of running) server.stopNow();
});

/** A free TCP port on 127.0.0.1, as the kernel assigns one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts moto_server as `accountId` and waits until it answers. Resolves with { endpoint, logFile, stop(),
 * gone }, where `gone` is an AbortSignal that aborts if the server exits before stop() (so the engine
 * commands talking to it stop at once instead of retrying until their time limit);
 * rejects, with the server's last output, when it does not answer within `startTimeoutMs`.
 */
export async function startEmulator({
  motoServer,
  accountId,
  logFile,
  startTimeoutMs = 60_000,
}: EmulatorOptions): Promise<Emulator> {
  if (!fs.existsSync(motoServer)) throw new Error(`${motoServer} is missing: run npm run toolchain first`);
  const port = await freePort();
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', log, log],
    detached: true,
    env: {
      ...process.env,
      // Every request is in this account, so the provider's allowed_account_ids check sees the environment's own.
      MOTO_ACCOUNT_ID: accountId,
      // AWS managed policies (AWSLambdaVPCAccessExecutionRole, ...) exist in every real account; moto loads them on
      // request.
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    },
  });
  let exited = false;
  let stopping = false;
  const gone = new AbortController();
  child.on('exit', (code, signal) => {
    exited = true;
    if (!stopping)
      gone.abort(
        new Error(
          `the emulator exited unexpectedly (${signal ?? `code ${code}`}); its log: ` +
            `${path.relative(process.cwd(), logFile)}`,
        ),
      );
  });
  const server: Emulator = {
    endpoint: `http://127.0.0.1:${port}`,
    logFile,
    gone: gone.signal,
    stopNow() {
      stopping = true;
      running.delete(server);
      if (!exited) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      try {
        fs.closeSync(log);
      } catch {
        /* closed */
      }
    },
    async stop() {
      stopping = true;
      running.delete(server);
      if (!exited) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          /* gone */
        }
        const deadline = Date.now() + 10_000;
        while (!exited && Date.now() < deadline) await sleep(100);
      }
      server.stopNow();
    },
  };
  running.add(server);
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${server.endpoint}/moto-api/data.json`);
      if (response.ok) return server;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  await server.stop();
  const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
  throw new Error(
    `the emulator (${path.basename(motoServer)} on port ${port}) ` +
      `${exited ? 'exited' : `did not answer within ${startTimeoutMs / 1000} s`}:\n${tail}`,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
