// Plan a stack into a saved plan, and apply exactly that plan: what a reviewer approved is what is applied. The plan
// step writes the plan file, its text, the provider lock file and a stamp (saved-plan-stamp.ts); the apply step
// refuses a plan whose stamp no longer matches the checkout, and Terraform itself refuses one whose state changed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineErrors, EngineRun, runEngine } from '../engine/run-engine';
import {
  configSha256,
  PlanStamp,
  readStamp,
  SavedPlanError,
  SavedPlanFiles,
  savedPlanFiles,
  staleReasons,
  writeStamp,
} from './saved-plan-stamp';
import { planSummaryLine } from './saved-plan-summary';

/** The bound on one engine command: only a hang reaches it (a job's own timeout is usually shorter). */
const ENGINE_TIMEOUT_MS = 2 * 60 * 60_000;

/** Where and with what a saved plan is made or applied. */
export interface SavedPlanOptions {
  /** A synthesized stack folder (`apps/<env>/cdktf.out/stacks/<stack>`); the stack's name is its basename. */
  readonly stackDir: string;
  /** The folder of the saved plans (created by plan). */
  readonly planDir: string;
  /** The engine binary. @default $TERRAFORM_BINARY, else `terraform` on PATH */
  readonly engine?: string;
  /** The engine commands' whole process environment; $GITHUB_SHA in it is the commit. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Stops every engine command when aborted. @default never */
  readonly signal?: AbortSignal;
}

/** What plan made. */
export interface PlanResult {
  /** The stamp written. */
  readonly stamp: PlanStamp;
  /** Terraform's summary line: `Plan: 2 to add, 0 to change, 0 to destroy.` or `No changes.` */
  readonly summary: string;
  /** `terraform show` of the plan. */
  readonly text: string;
  /** The files written. */
  readonly files: SavedPlanFiles;
}

/** How apply ended: applied, nothing to apply, refused (stale, one reason per line), or failed (engine errors). */
export type ApplyResult =
  | { readonly status: 'applied'; readonly summary: string; readonly output: string }
  | { readonly status: 'nothing to apply'; readonly stamp: PlanStamp }
  | { readonly status: 'refused'; readonly reasons: readonly string[] }
  | { readonly status: 'failed'; readonly errors: string };

/** The engine binary: the option, else $TERRAFORM_BINARY, else `terraform`. */
export function engineBinary(engine: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return engine || env.TERRAFORM_BINARY || 'terraform';
}

/** The stack's name and folder; a SavedPlanError when it is not a synthesized stack folder. */
export function stackFolder(stackDir: string): { stack: string; dir: string } {
  const dir = path.resolve(stackDir);
  const allowed = 'allowed: a synthesized stack folder (apps/<env>/cdktf.out/stacks/<stack>, with cdk.tf.json)';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SavedPlanError(`${stackDir} is not a folder; ${allowed}`);
  }
  if (!fs.existsSync(path.join(dir, 'cdk.tf.json')))
    throw new SavedPlanError(`${stackDir} has no cdk.tf.json; ${allowed}`);
  return { stack: path.basename(dir), dir };
}

/** The commit checked out: $GITHUB_SHA, else `git rev-parse HEAD` in the stack folder's repository. */
export function currentCommit(dir: string, env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_SHA) return env.GITHUB_SHA;
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  const commit = git.status === 0 ? git.stdout.trim() : '';
  if (!/^[0-9a-f]{7,64}$/.test(commit)) {
    throw new SavedPlanError(`no commit to stamp: GITHUB_SHA is not set and ${dir} is not in a git repository`);
  }
  return commit;
}

/** Runs the engine in the stack folder, the way every step here does. */
function engineIn(dir: string, options: SavedPlanOptions) {
  const env = { TF_IN_AUTOMATION: '1', ...(options.env ?? process.env) };
  const engine = engineBinary(options.engine, env);
  const run = (args: readonly string[]): Promise<EngineRun> =>
    runEngine(engine, args, { cwd: dir, env, timeoutMs: ENGINE_TIMEOUT_MS, signal: options.signal });
  /** Runs a command that must succeed; a SavedPlanError with the engine's own errors when it does not. */
  const ensure = async (
    step: string,
    args: readonly string[],
    allowed: readonly number[] = [0],
  ): Promise<EngineRun> => {
    const result = await run(args);
    if (!allowed.includes(result.code)) throw new SavedPlanError(failure(step, result));
    return result;
  };
  const failure = (step: string, result: EngineRun): string =>
    `${path.basename(engine)} ${step} failed (exit code ${result.code}${result.timedOut ? ', timed out' : ''}):\n` +
    engineErrors(result.output)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
  /** The engine's version, `unknown` when `version -json` does not say; a SavedPlanError when it cannot run. */
  const version = async (): Promise<string> => {
    const result = await run(['version', '-json']);
    if (result.code !== 0 && /ENOENT|EACCES/.test(result.output)) {
      throw new SavedPlanError(
        `the engine ${engine} cannot run (${result.output.trim()}); pass --engine or set TERRAFORM_BINARY`,
      );
    }
    try {
      return String((JSON.parse(result.output) as { terraform_version?: string }).terraform_version ?? 'unknown');
    } catch {
      return 'unknown';
    }
  };
  return { env, run, ensure, failure, version };
}

/**
 * `init`, then `plan -detailed-exitcode -out=<plan-dir>/<stack>.tfplan` in the stack folder; writes `show` of it to
 * `<stack>.txt`, the lock file to `<stack>.lock.hcl` and, last, the stamp. A failing step removes the stamp, so an
 * earlier plan of the stack can never be applied in its place.
 */
export async function planStack(options: SavedPlanOptions): Promise<PlanResult> {
  const { stack, dir } = stackFolder(options.stackDir);
  const files = savedPlanFiles(options.planDir, stack);
  const engine = engineIn(dir, options);
  fs.mkdirSync(path.dirname(files.stamp), { recursive: true });
  for (const file of Object.values(files)) fs.rmSync(file, { force: true });
  const commit = currentCommit(dir, engine.env);
  const engineVersion = await engine.version();
  await engine.ensure('init', ['init', '-input=false', '-no-color']);
  const plan = await engine.ensure(
    'plan',
    ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-out=${files.plan}`],
    [0, 2],
  );
  const changes = plan.code === 2;
  const text = (await engine.ensure('show', ['show', '-no-color', files.plan])).output;
  fs.writeFileSync(files.text, text);
  const lock = path.join(dir, '.terraform.lock.hcl');
  if (fs.existsSync(lock)) fs.copyFileSync(lock, files.lock);
  const stamp: PlanStamp = {
    stack,
    commit,
    configSha256: configSha256(dir),
    changes,
    engineVersion,
    plannedAt: new Date().toISOString(),
  };
  writeStamp(files.stamp, stamp);
  return { stamp, summary: planSummaryLine(text, changes), text, files };
}

/**
 * Applies the saved plan of the stack, or refuses: without a stamp (a SavedPlanError), or when the commit, the
 * stack's configuration or the engine version differ from the stamp's (nothing is run). Otherwise puts the plan's
 * lock file back, runs `init` and `apply <plan file>`; Terraform's own "Saved plan is stale" (the state changed
 * since the plan) is a refusal too.
 */
export async function applyStack(options: SavedPlanOptions): Promise<ApplyResult> {
  const { stack, dir } = stackFolder(options.stackDir);
  const files = savedPlanFiles(options.planDir, stack);
  const stamp = readStamp(files.stamp, stack);
  const engine = engineIn(dir, options);
  const reasons = staleReasons(stamp, {
    commit: currentCommit(dir, engine.env),
    configSha256: configSha256(dir),
    engineVersion: await engine.version(),
  });
  if (reasons.length > 0) return { status: 'refused', reasons };
  if (!stamp.changes) return { status: 'nothing to apply', stamp };
  if (!fs.existsSync(files.plan)) throw new SavedPlanError(`${files.plan} is missing beside its stamp; plan again`);
  if (fs.existsSync(files.lock)) fs.copyFileSync(files.lock, path.join(dir, '.terraform.lock.hcl'));
  await engine.ensure('init', ['init', '-input=false', '-no-color']);
  const apply = await engine.run(['apply', '-input=false', '-no-color', files.plan]);
  if (apply.code === 0) {
    const summary = /^Apply complete!.*$/m.exec(apply.output)?.[0].trim() ?? 'Apply complete!';
    return { status: 'applied', summary, output: apply.output };
  }
  if (/Saved plan is stale/.test(apply.output)) {
    return {
      status: 'refused',
      reasons: [
        'the saved plan is stale: the state changed since the plan (Terraform: "Saved plan is stale"); plan again',
      ],
    };
  }
  return { status: 'failed', errors: engine.failure('apply', apply) };
}
