// The engine steps of the end-to-end checks on one synth's stacks against the emulator: apply, a plan that must find
// no change, a destroy that must leave an empty state, and a destroy that protection must refuse. Each step is
// bounded in time, keeps the engine's whole output under logs/, and ends as { ok, failure } with the engine's own
// error text; `npm run e2e` and `npm run e2e:handles` run them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plannedChanges } from './plan-output';
import { EngineRun, engineErrors, oneAtATime, runEngine, transportFault } from './run-engine';
import { preventDestroyRefusals } from './protected-teardown';
import { stateAddresses, taintedAddresses } from './stack-folders';
import { engineEnvironment, Toolchain } from './toolchain';

const STEP_TIMEOUT_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;

/** A failed step: which stack, which step, and the engine's own error text. */
export class StepFailure extends Error {
  constructor(stack: string, step: string, detail: string) {
    super(
      `${stack}: FAILED at ${step}\n${detail
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}`,
    );
  }
}

/** How one stack's steps ended. */
export interface StepOutcome {
  readonly ok: boolean;
  failure?: StepFailure;
}

/** The reason an aborted signal gives, as the failure message prints it. */
const abortReason = (signal: AbortSignal): string => (signal.reason as Error).message;

/** Where a runner's stacks are and what its lines start with. */
export interface StackRunnerOptions {
  /** What `npm run toolchain` found. */
  readonly toolchain: Toolchain;
  /**
   * The folder of the stacks' synth: `cdktf.out/stacks/<stack>` below it, the emulator state files
   * (`terraform.<stack>.emulator.tfstate`, where the stacks' `../../../` leads) and `logs/` beside it.
   */
  readonly folder: string;
  /** Aborts every engine command when the emulator has gone. */
  readonly emulatorGone: AbortSignal;
  /** The start of every line it prints, e.g. `e2e`. */
  readonly prefix: string;
}

/** A stack's folder in a synth under `folder`. */
export const stackFolderIn = (folder: string, stack: string): string => path.join(folder, 'cdktf.out', 'stacks', stack);

/** The engine steps of one synth's stacks; each resolves to { ok, failure } and records its time. */
export function stackRunner({ toolchain, folder, emulatorGone, prefix }: StackRunnerOptions) {
  const stateFile = (stack: string): string => path.join(folder, `terraform.${stack}.emulator.tfstate`);
  const env = engineEnvironment(toolchain);
  const initLock = oneAtATime();
  const timings = new Map<string, string[]>();
  const engine = async (stack: string, step: string, args: readonly string[]): Promise<EngineRun> => {
    const started = Date.now();
    const heartbeat = setInterval(
      () => console.log(`${prefix}: ${stack}: ${step} still running (${Math.round((Date.now() - started) / 1000)} s)`),
      HEARTBEAT_MS,
    );
    const run = await runEngine(toolchain.TOOLCHAIN_ENGINE, [...args, '-no-color'], {
      cwd: stackFolderIn(folder, stack),
      env,
      timeoutMs: STEP_TIMEOUT_MS,
      signal: emulatorGone,
    }).finally(() => clearInterval(heartbeat));
    timings.set(stack, [...(timings.get(stack) ?? []), `${step} ${Math.round(run.ms / 1000)} s`]);
    // The engine's whole output, for what the failure message leaves out: <folder>/logs/<stack>.<step>.log
    const logDir = path.join(folder, 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    fs.writeFileSync(path.join(logDir, `${stack}.${step.replace(/ /g, '-')}.log`), run.output);
    return run;
  };
  // One retry, said aloud, when the emulator's connection broke mid-request (transportFault); apply converges
  // from a partial state and plan reads only, so running either again is safe. Both outputs stay in logs/.
  const engineOnce = async (stack: string, step: string, args: readonly string[]): Promise<EngineRun> => {
    const first = await engine(stack, step, args);
    const fault = first.code === 1 && !first.aborted && !first.timedOut ? transportFault(first.output) : null;
    if (fault === null) return first;
    console.log(
      `${prefix}: ${stack}: ${step} stopped on a broken emulator connection; retrying once. ` +
        `The engine said:\n    ${fault}`,
    );
    // A resource whose create was cut off by the broken connection exists but is tainted, and the retry would
    // replace it (which prevent_destroy refuses, and which no real apply would do). Untainted, the retry converges
    // it in place; the empty re-plan after apply still proves it matches the configuration.
    if (args[0] === 'apply') {
      for (const address of taintedAddresses(stateFile(stack))) {
        console.log(`${prefix}: ${stack}: untaint ${address} (created before the connection broke)`);
        await engine(stack, `untaint ${address.replace(/[^\w.-]/g, '_')}`, ['untaint', address]);
      }
    }
    return engine(stack, `${step} retry`, args);
  };
  const ensure = async (stack: string, step: string, args: readonly string[]): Promise<EngineRun> => {
    const run = await engineOnce(stack, step, args);
    if (run.code !== 0)
      throw new StepFailure(
        stack,
        step,
        [
          run.timedOut ? 'timed out\n' : '',
          run.aborted ? `${abortReason(emulatorGone)}\n` : '',
          engineErrors(run.output),
        ].join(''),
      );
    return run;
  };
  const outcome = (steps: () => Promise<void>): Promise<StepOutcome> =>
    steps().then(
      () => ({ ok: true }),
      (failure: unknown) => {
        if (!(failure instanceof StepFailure)) throw failure;
        console.log(`${prefix}: ${failure.message}`);
        return { ok: false, failure };
      },
    );
  const init = (stack: string): Promise<EngineRun> => initLock(() => ensure(stack, 'init', ['init', '-input=false']));
  const apply = async (stack: string, step: string): Promise<void> => {
    await init(stack);
    await ensure(stack, step, ['apply', '-auto-approve', '-input=false']);
    const managed = stateAddresses(stateFile(stack)).filter((address) => !address.startsWith('data.'));
    console.log(`${prefix}: ${stack}: ${step} ok (${managed.length} resources)`);
  };
  const emptyPlan = async (stack: string, step: string, what: string): Promise<void> => {
    const plan = await engineOnce(stack, step, ['plan', '-detailed-exitcode', '-input=false']);
    if (plan.code === 2)
      throw new StepFailure(stack, step, `the ${what} is not empty:\n${plannedChanges(plan.output)}`);
    if (plan.code !== 0) throw new StepFailure(stack, step, engineErrors(plan.output));
    console.log(`${prefix}: ${stack}: ${what}: no changes`);
  };
  return {
    times: (stack: string): string => (timings.get(stack) ?? []).join(', '),
    apply: (stack: string, step: string): Promise<StepOutcome> => outcome(() => apply(stack, step)),
    deploy: (stack: string): Promise<StepOutcome> =>
      outcome(async () => {
        await apply(stack, 'apply');
        await emptyPlan(stack, 'plan', 'plan after apply');
      }),
    /** A plan at step `step` that must find no change; `what` names it in the lines printed (`plan after ...`). */
    emptyPlan: (stack: string, step: string, what: string): Promise<StepOutcome> =>
      outcome(() => emptyPlan(stack, step, what)),
    destroyRefused: (stack: string): Promise<StepOutcome> =>
      outcome(async () => {
        // Refused at plan, and by destroy itself; either way nothing may leave the state.
        const before = stateSnapshot(stateFile(stack));
        for (const [step, args] of [
          ['destroy refused', ['plan', '-destroy', '-input=false']],
          ['destroy -auto-approve refused', ['destroy', '-auto-approve', '-input=false']],
        ] as const) {
          const run = await engine(stack, step, args);
          if (run.code === 0 || preventDestroyRefusals(run.output).length === 0) {
            throw new StepFailure(
              stack,
              step,
              `protectFromDestroy is on, but ${args.join(' ')} did not stop at ` +
                `prevent_destroy:\n${engineErrors(run.output)}`,
            );
          }
        }
        const after = stateSnapshot(stateFile(stack));
        if (after !== before)
          throw new StepFailure(
            stack,
            'destroy refused',
            `the refused destroy changed the state:\n${before}\n${after}`,
          );
        console.log(
          `${prefix}: ${stack}: plan -destroy and destroy -auto-approve refused by prevent_destroy, as ` +
            `protectFromDestroy requires; the state unchanged (${before.split(':')[0]})`,
        );
      }),
    destroy: (stack: string): Promise<StepOutcome> =>
      outcome(async () => {
        // One retry, said aloud: once in about 25 runs of dev-nat-egress a destroy stopped with the subnet and
        // VPC still in state, and the next destroy removed them. Its output is kept as logs/<stack>.destroy.log.
        const first = await engine(stack, 'destroy', ['destroy', '-auto-approve', '-input=false']);
        if (first.code !== 0 && !first.aborted) {
          console.log(
            `${prefix}: ${stack}: destroy failed once; retrying. The engine said:\n${engineErrors(first.output)
              .split('\n')
              .map((line) => `    ${line}`)
              .join('\n')}`,
          );
          await ensure(stack, 'destroy retry', ['destroy', '-auto-approve', '-input=false']);
        } else if (first.code !== 0) {
          throw new StepFailure(stack, 'destroy', `${abortReason(emulatorGone)}\n${engineErrors(first.output)}`);
        }
        const left = stateAddresses(stateFile(stack));
        if (left.length > 0)
          throw new StepFailure(
            stack,
            'empty state',
            `${left.length} resource(s) left in the state after destroy:\n${left.join('\n')}`,
          );
        console.log(`${prefix}: ${stack}: destroyed; the state is empty`);
      }),
  };
}

/** A local state file's serial and managed addresses, in one line: equal lines mean nothing left the state. */
function stateSnapshot(stateFile: string): string {
  const { serial } = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { serial: number };
  const managed = stateAddresses(stateFile).filter((address) => !address.startsWith('data.'));
  return `serial ${serial}, ${managed.length} resources: ${managed.join(' ')}`;
}
