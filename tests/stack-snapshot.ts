// One snapshot file per stack, tests/__snapshots__/stacks/<stack>.snapshot, so a new environment adds a file per stack
// instead of growing one shared file. Each file is jest's own snapshot format, written by jest's SnapshotState with the
// serializer settings of the test run, so a stack's snapshot reads exactly as a toMatchSnapshot() of it would. It
// honours the run's update mode: -u rewrites, a plain run writes a missing one, and --ci (CI=true) writes nothing, so
// a missing snapshot fails there. The written, updated and failed counts appear in jest's summary.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SnapshotState } from 'jest-snapshot';

export const STACK_SNAPSHOTS = path.join(__dirname, '__snapshots__', 'stacks');
// Not `.snap`: jest takes every .snap file for the snapshot of a test file beside its __snapshots__ folder, reports it
// obsolete when there is none and deletes it under -u.
const EXTENSION = '.snapshot';

export const stackSnapshotFile = (stack: string): string => path.join(STACK_SNAPSHOTS, `${stack}${EXTENSION}`);

type UpdateMode = 'all' | 'new' | 'none';

/** The test's own snapshot state, whose update mode and counts the stack files share. */
function runState(): SnapshotState {
  const state = expect.getState().snapshotState as SnapshotState | undefined;
  if (!state) throw new Error('no snapshot state: run under jest');
  return state;
}

/** jest's update mode for this run: `all` under -u, `none` under --ci, `new` otherwise. */
export function updateMode(): UpdateMode {
  const mode = (runState() as unknown as { _updateSnapshot?: string })._updateSnapshot;
  if (mode !== 'all' && mode !== 'new' && mode !== 'none') throw new Error(`unknown snapshot update mode ${mode}`);
  return mode;
}

/** Snapshot files of stacks not in `stacks`: removed under -u, else returned (a test fails on them). */
export function staleStackSnapshots(stacks: readonly string[]): string[] {
  if (!fs.existsSync(STACK_SNAPSHOTS)) return [];
  const expected = new Set(stacks.map((stack) => `${stack}${EXTENSION}`));
  const stale = fs.readdirSync(STACK_SNAPSHOTS).filter((file) => !expected.has(file));
  if (updateMode() !== 'all') return stale;
  for (const file of stale) fs.rmSync(path.join(STACK_SNAPSHOTS, file));
  return [];
}

expect.extend({
  toMatchStackSnapshot(received: unknown, stack: string) {
    const run = runState();
    const file = stackSnapshotFile(stack);
    const state = new SnapshotState(file, {
      updateSnapshot: updateMode(),
      snapshotFormat: run.snapshotFormat,
      rootDir: __dirname,
    });
    const result = state.match({ testName: stack, received, isInline: false });
    state.save();
    run.added += state.added;
    run.updated += state.updated;
    run.matched += state.matched;
    run.unmatched += state.unmatched;
    const shown = path.relative(path.dirname(__dirname), file);
    const message = (): string =>
      result.expected === undefined
        ? `${shown}: no snapshot of ${stack}, and this run may not write one (--ci or CI=true); record it with ` +
          `npx jest --ci=false environments.test.ts -t ${stack} in tests/`
        : `${shown}: ${stack} differs from its snapshot (npx jest -u in tests/ records an intended change)\n\n` +
          `${this.utils.diff(result.expected, result.actual, { expand: false }) ?? ''}`;
    return { pass: result.pass, message };
  },
});

declare global {
  namespace jest {
    interface Matchers<R> {
      /** The value matches tests/__snapshots__/stacks/<stack>.snapshot (see tests/stack-snapshot.ts). */
      toMatchStackSnapshot(stack: string): R;
    }
  }
}
