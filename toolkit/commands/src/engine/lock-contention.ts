// Two applies of one stack at once, from two working copies on the same `s3` backend with its lock file: the first
// takes the lock, and the second starts only once the lock file is seen in the bucket, so the contention is certain
// rather than a matter of timing. With -lock-timeout=0s the second must fail with the lock error at once; with a
// lock timeout it must wait (its refused lock writes are in the emulator's log) and then apply nothing.
import * as fs from 'node:fs';
import { getObject } from './emulator-requests';
import type { EngineRun } from './run-engine';
import { engineErrors } from './run-engine';
import type { S3BackendBlock } from './s3-backend-override';

/** A check that did not hold; its message is the line printed. */
export class CheckFailure extends Error {}

/** The two working copies of the stack: the same JSON and the same backend, as two people's checkouts. */
export type Copy = 'first' | 'second';

/** What the lock and teardown checks work with. */
export interface LockCheckContext {
  /** The emulator's URL. */
  readonly endpoint: string;
  /** The stack's `s3` backend block (bucket, key, region). */
  readonly backend: S3BackendBlock;
  /** The emulator's log, one line per request. */
  readonly moto: string;
  /** Runs `engine args...` in a copy; `name` names its log. */
  readonly engine: (copy: Copy, name: string, args: readonly string[]) => Promise<EngineRun>;
}

/** How the second apply must meet the lock: fail at once, or wait for it. */
export type Contention = 'refused' | 'waited';

const LOCK_SEEN_TIMEOUT_MS = 120_000;
/** How long the waiting apply may wait: far more than the first apply takes. */
const LOCK_TIMEOUT = '120s';

/** The lock file of a state key. */
export const lockKey = (backend: S3BackendBlock): string => `${backend.key}.tflock`;

/** How many PUTs of the lock file the emulator's log shows refused with 412 (the lock was held). */
export function refusedLockWrites(motoLog: string, backend: S3BackendBlock): number {
  const request = `"PUT /${backend.bucket}/${lockKey(backend)}`;
  return fs
    .readFileSync(motoLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes(request) && / 412 /.test(line)).length;
}

/** The lock's ID once the lock file exists; `undefined` if `done()` turns true (the holder ended) first. */
async function heldLock(context: LockCheckContext, done: () => boolean): Promise<string | undefined> {
  const deadline = Date.now() + LOCK_SEEN_TIMEOUT_MS;
  while (!done() && Date.now() < deadline) {
    const { status, body } = await getObject(
      context.endpoint,
      context.backend.region,
      context.backend.bucket,
      lockKey(context.backend),
    );
    if (status === 200) return (JSON.parse(body) as { ID: string }).ID;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/** An engine run with the time it ended. */
interface Ended {
  readonly run: EngineRun;
  readonly ended: number;
}

const ended = (run: Promise<EngineRun>): Promise<Ended> => run.then((result) => ({ run: result, ended: Date.now() }));
const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
const summary = (run: EngineRun): string =>
  /Apply complete! Resources: [^\n]*/.exec(run.output)?.[0] ?? (/No changes\./.test(run.output) ? 'No changes.' : '?');

/**
 * Two applies at once: the first copy's takes the lock; the second copy's starts while the lock file is there, with
 * -lock-timeout=0s (`refused`: it must fail with "Error acquiring the state lock", PreconditionFailed and the
 * holder's lock ID, having applied nothing) or a lock timeout (`waited`: it must be refused at least once, end after
 * the first and apply no change). Either way the first must succeed and the lock file be gone after. Resolves to the
 * line the step prints; throws a {@link CheckFailure}.
 */
export async function lockContention(context: LockCheckContext, contention: Contention): Promise<string> {
  const refusedBefore = refusedLockWrites(context.moto, context.backend);
  const started = Date.now();
  let holderDone = false;
  const holder = ended(
    context.engine('first', `apply ${contention} holder`, [
      'apply',
      '-auto-approve',
      '-input=false',
      '-lock-timeout=0s',
    ]),
  ).finally(() => (holderDone = true));
  const lockId = await heldLock(context, () => holderDone);
  if (lockId === undefined) {
    const { run } = await holder;
    throw new CheckFailure(
      `the first apply ended (exit ${run.code}) before its lock file ${lockKey(context.backend)} was seen:\n` +
        engineErrors(run.output),
    );
  }
  const secondStarted = Date.now();
  const timeout = contention === 'refused' ? '0s' : LOCK_TIMEOUT;
  const second = ended(
    context.engine('second', `apply ${contention}`, [
      'apply',
      '-auto-approve',
      '-input=false',
      `-lock-timeout=${timeout}`,
    ]),
  );
  const [first, other] = await Promise.all([holder, second]);
  if (first.run.code !== 0)
    throw new CheckFailure(`the apply holding the lock exited ${first.run.code}:\n${engineErrors(first.run.output)}`);
  const lockLeft = await getObject(
    context.endpoint,
    context.backend.region,
    context.backend.bucket,
    lockKey(context.backend),
  );
  if (lockLeft.status !== 404) throw new CheckFailure(`the lock file is still there after both applies`);
  const held = `first copy: ${summary(first.run)} (${seconds(first.ended - started)}, lock ${lockId.slice(0, 8)})`;
  const refusals = refusedLockWrites(context.moto, context.backend) - refusedBefore;
  if (contention === 'refused') {
    const output = other.run.output;
    const problems = [
      other.run.code === 0 ? `it exited 0` : '',
      /Error acquiring the state lock/.test(output) ? '' : 'no "Error acquiring the state lock"',
      /PreconditionFailed/.test(output) ? '' : 'no PreconditionFailed',
      new RegExp(`ID:\\s+${lockId}`).test(output) ? '' : `not the holder's lock ID ${lockId}`,
      /Apply complete!/.test(output) ? 'it applied' : '',
    ].filter(Boolean);
    if (problems.length > 0)
      throw new CheckFailure(
        `the second apply (-lock-timeout=0s) was not refused by the lock: ${problems.join('; ')}:\n` +
          engineErrors(output),
      );
    return (
      `${held}; second copy, started while the lock file was there: exit ${other.run.code} after ` +
      `${seconds(other.ended - secondStarted)}, "Error acquiring the state lock" (PreconditionFailed, ` +
      `lock ${lockId.slice(0, 8)}), nothing applied; lock file released`
    );
  }
  const problems = [
    other.run.code === 0 ? '' : `it exited ${other.run.code}`,
    refusals > 0 ? '' : 'no lock write of it was refused (it never waited)',
    other.ended > first.ended ? '' : 'it ended before the first',
    /Resources: 0 added, 0 changed, 0 destroyed|No changes\./.test(other.run.output) ? '' : 'it changed something',
  ].filter(Boolean);
  if (problems.length > 0)
    throw new CheckFailure(
      `the second apply (-lock-timeout=${LOCK_TIMEOUT}) did not wait for the lock: ${problems.join('; ')}:\n` +
        engineErrors(other.run.output),
    );
  return (
    `${held}; second copy (-lock-timeout=${LOCK_TIMEOUT}), started while the lock file was there: ${refusals} ` +
    `lock write(s) refused with 412, waited, ${summary(other.run)} ${seconds(other.ended - first.ended)} after ` +
    `the first ended; lock file released`
  );
}
