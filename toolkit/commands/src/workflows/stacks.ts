#!/usr/bin/env node
// The GitHub Actions workflows' stack commands (.github/workflows): which stacks a pull request changes, the
// plan comment it gets, and the guard that refuses a deploy from CI with local Terraform state.
//
//   node toolkit/commands/dist/workflows/stacks.js changed HEAD_ROOT BASE_ROOT [--base-failed]
//       compares every apps/<env>/cdktf.out/stacks/<stack>/cdk.tf.json under HEAD_ROOT with the same file
//       under BASE_ROOT (both synthesized) and prints {"changed":{env:[stack]},"removed":{env:[stack]}}
//   node toolkit/commands/dist/workflows/stacks.js select ENV RESULT_JSON
//       from the output of `changed`, prints ENV's lines for $GITHUB_OUTPUT: stacks=<changed, space-separated>,
//       removed=<JSON list>, any=<true|false>
//   node toolkit/commands/dist/workflows/stacks.js require-remote-state ENV
//       exits 1 unless every synthesized stack of apps/ENV declares a remote backend
//   node toolkit/commands/dist/workflows/stacks.js plan-comment ENV PLAN_DIR [REMOVED_JSON]
//       prints the pull-request comment (markdown) for the plans PLAN_DIR/<stack>.txt (+ <stack>.exit, and
//       <stack>.backend when the plan job wrote the stack's backend)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandSpec, OptionError, readOptions } from '../command-options';
import { repositoryRoot } from '../repository-root';
import { synthesizedStackFiles } from '../synthesized-stacks';

/** GitHub refuses comments over 65,536 characters; the rest is the header and fences. */
export const COMMENT_LIMIT = 60000;

/** The marker by which a workflow finds (and updates) its earlier comment for one environment. */
export const commentMarker = (env: string): string => `<!-- lambda-vpc-plan:${env} -->`;

/** Stacks per environment: what `changed` prints. */
export interface StackChanges {
  /** Per environment, the stacks whose synthesized JSON differs from the base's, or that are new. */
  readonly changed: Record<string, string[]>;
  /** Per environment, the stacks the base synthesizes and the head no longer does. */
  readonly removed: Record<string, string[]>;
}

/** One stack's plan as the plan job saved it. */
export interface StackPlan {
  /** The stack's name. */
  readonly stack: string;
  /** The plan's output. */
  readonly output: string;
  /** The plan command's exit code. */
  readonly exitCode: number;
  /** The stack's state backend, as the plan job recorded it. @default unknown: read from the synthesized stack */
  readonly backend?: string;
}

/** What the plan comment of one environment says. */
export interface PlanCommentInput {
  /** The environment. */
  readonly env: string;
  /** Its changed stacks' plans. */
  readonly plans: readonly StackPlan[];
  /** Its stacks no longer synthesized. @default none */
  readonly removed?: readonly string[];
  /** Its stacks on the local backend. @default none */
  readonly localState?: readonly string[];
  /** The commit planned. @default not named */
  readonly commit?: string;
  /** The workflow run's address. @default no link */
  readonly runUrl?: string;
  /** The comment's size limit, in characters. @default COMMENT_LIMIT */
  readonly limit?: number;
}

/** Environments (apps/<env> with a cdktf.json) under root, sorted. */
function environments(root: string): string[] {
  const apps = path.join(root, 'apps');
  if (!fs.existsSync(apps)) return [];
  return fs
    .readdirSync(apps)
    .sort()
    .filter((env) => fs.existsSync(path.join(apps, env, 'cdktf.json')));
}

/** The synthesized stacks of one environment under root: name -> path of its cdk.tf.json. */
function synthesizedStacks(root: string, env: string): Record<string, string> {
  return Object.fromEntries(synthesizedStackFiles(root, [env]).map(({ stack, file }) => [stack, file]));
}

/**
 * Which stacks differ between two synthesized trees. Synthesis is deterministic and independent of the
 * checkout's location, and cdk.tf.json names every code asset by its content hash, so identical files mean
 * an identical Terraform configuration (function code included). A stack absent from the base is new, so
 * changed; one absent from head is removed. When the base could not be synthesized (baseFailed), every
 * head stack counts as changed: planning too much is safe, planning too little is not.
 */
export function changedStacks(
  headRoot: string,
  baseRoot: string,
  { baseFailed = false }: { readonly baseFailed?: boolean } = {},
): StackChanges {
  const changed: Record<string, string[]> = {};
  const removed: Record<string, string[]> = {};
  const envs = [...new Set([...environments(headRoot), ...(baseFailed ? [] : environments(baseRoot))])].sort();
  for (const env of envs) {
    const head = synthesizedStacks(headRoot, env);
    const base = baseFailed ? {} : synthesizedStacks(baseRoot, env);
    changed[env] = Object.keys(head).filter(
      (stack) => !base[stack] || !fs.readFileSync(head[stack]).equals(fs.readFileSync(base[stack])),
    );
    removed[env] = Object.keys(base).filter((stack) => !head[stack]);
  }
  return { changed, removed };
}

/**
 * The state backend a synthesized stack declares: 'local' when it names none or the local backend (the
 * template's default), else the backend's type ('s3', 'remote', ...) or 'cloud' for a terraform.cloud block.
 */
export function stateBackend(tfJson: unknown): string {
  const terraform =
    (tfJson as { terraform?: { cloud?: unknown; backend?: Record<string, unknown> } } | null)?.terraform || {};
  if (terraform.cloud) return 'cloud';
  const types = Object.keys(terraform.backend || {});
  return types.length === 0 ? 'local' : types[0];
}

/** Stacks of env under root whose state would live on the runner's disk (and be lost after the job). */
export function localStateStacks(root: string, env: string): string[] {
  return Object.entries(synthesizedStacks(root, env))
    .filter(([, file]) => stateBackend(JSON.parse(fs.readFileSync(file, 'utf8'))) === 'local')
    .map(([stack]) => stack);
}

const ansi = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** A code fence longer than any backtick run in text, so a plan can never close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) || []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Keeps the start and the end of a plan (Terraform's summary line is last) within limit characters. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const marker = (omitted: number): string =>
    `\n... ${omitted} characters cut; the whole plan is in the job log and its plan artifact ...\n`;
  const room = Math.max(0, limit - marker(text.length).length);
  const head = Math.floor(room / 2);
  const tail = room - head;
  return text.slice(0, head) + marker(text.length - head - tail) + text.slice(text.length - tail);
}

/**
 * The markdown comment for one environment's plans. Cuts each plan to an equal share of the limit so the
 * comment always posts.
 */
export function planComment({
  env,
  plans,
  removed = [],
  localState = [],
  commit = '',
  runUrl = '',
  limit = COMMENT_LIMIT,
}: PlanCommentInput): string {
  const lines = [commentMarker(env), `### cdktf plan: ${env}${commit ? ` at ${commit.slice(0, 12)}` : ''}`, ''];
  if (plans.length === 0 && removed.length === 0) {
    lines.push(
      `No stack of ${env} changes in this pull request (its synthesized Terraform JSON equals the base branch's).`,
    );
  }
  if (localState.length > 0) {
    lines.push(
      `> **Local state:** ${localState.map((s) => `\`${s}\``).join(', ')} ` +
        `${localState.length === 1 ? 'declares' : 'declare'} the local backend, so the runner` +
        ' has no state and these plans show every resource as new. Configure a remote backend (S3, Terraform Cloud)' +
        ' before deploying from CI.',
      '',
    );
  }
  for (const stack of removed) {
    lines.push(
      `- \`${stack}\` is no longer synthesized. A deploy does **not** destroy its resources: run \`cdktf destroy ` +
        `${stack}\` from the base branch first.`,
    );
  }
  if (removed.length > 0) lines.push('');
  const share = plans.length > 0 ? Math.floor(limit / plans.length) : limit;
  for (const { stack, output, exitCode } of plans) {
    const text = truncate(output.replace(ansi, '').trimEnd(), Math.max(500, share - 300));
    const fence = fenceFor(text);
    const status = exitCode === 0 ? 'plan' : `plan **failed** (exit ${exitCode})`;
    lines.push(
      '<details' + (exitCode === 0 ? '' : ' open') + `><summary><code>${stack}</code>: ${status}</summary>`,
      '',
      fence + 'text',
      text,
      fence,
      '',
      '</details>',
      '',
    );
  }
  if (runUrl) lines.push(`[workflow run](${runUrl})`);
  return lines.join('\n');
}

/** Reads PLAN_DIR/<stack>.txt, PLAN_DIR/<stack>.exit and PLAN_DIR/<stack>.backend (if any), sorted by stack. */
export function readPlans(planDir: string): StackPlan[] {
  if (!fs.existsSync(planDir)) return [];
  return fs
    .readdirSync(planDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const stack = file.slice(0, -'.txt'.length);
      const exitFile = path.join(planDir, `${stack}.exit`);
      const exitCode = fs.existsSync(exitFile) ? Number(fs.readFileSync(exitFile, 'utf8').trim()) : 1;
      const backendFile = path.join(planDir, `${stack}.backend`);
      return {
        stack,
        output: fs.readFileSync(path.join(planDir, file), 'utf8'),
        exitCode: Number.isNaN(exitCode) ? 1 : exitCode,
        ...(fs.existsSync(backendFile) ? { backend: fs.readFileSync(backendFile, 'utf8').trim() } : {}),
      };
    });
}

/** Each command's arguments, read by util.parseArgs (a bad one: one line, exit status 2). */
const COMMANDS = {
  changed: {
    positionals: 'HEAD_ROOT BASE_ROOT',
    minPositionals: 2,
    maxPositionals: 2,
    options: { 'base-failed': { type: 'boolean' } },
  },
  select: { positionals: 'ENV RESULT_JSON', minPositionals: 2, maxPositionals: 2, options: {} },
  'require-remote-state': { positionals: 'ENV', minPositionals: 1, maxPositionals: 1, options: {} },
  'plan-comment': { positionals: 'ENV PLAN_DIR [REMOVED_JSON]', minPositionals: 2, maxPositionals: 3, options: {} },
} as const satisfies Record<string, CommandSpec>;

function main(argv: readonly string[]): number {
  const root = repositoryRoot;
  const [command, ...rest] = argv;
  if (!Object.hasOwn(COMMANDS, command ?? '')) return usageError();
  let args: string[];
  let baseFailed = false;
  try {
    const read = readOptions(rest, COMMANDS[command as keyof typeof COMMANDS]);
    args = read.positionals;
    baseFailed = 'base-failed' in read.values && read.values['base-failed'] === true;
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    console.error(`stacks.js ${command}: ${error.message}`);
    return 2;
  }
  if (command === 'changed') {
    const result = changedStacks(path.resolve(args[0]), path.resolve(args[1]), { baseFailed });
    for (const env of Object.keys(result.changed)) {
      console.error(
        `changed stacks: ${env}: ${result.changed[env].join(' ') || 'none'}` +
          (result.removed[env].length ? `; removed: ${result.removed[env].join(' ')}` : ''),
      );
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (command === 'select') {
    const [env, resultJson] = args;
    const result = JSON.parse(resultJson) as Partial<StackChanges>;
    const changed = (result.changed && result.changed[env]) || [];
    const removed = (result.removed && result.removed[env]) || [];
    process.stdout.write(
      `stacks=${changed.join(' ')}\nremoved=${JSON.stringify(removed)}\nany=${changed.length + removed.length > 0}\n`,
    );
    console.error(
      `stacks to plan in ${env}: ` +
        `${changed.join(' ') || 'none'}${removed.length ? `; removed: ${removed.join(' ')}` : ''}`,
    );
    return 0;
  }
  if (command === 'require-remote-state') {
    const env = args[0];
    const stacks = Object.keys(synthesizedStacks(root, env));
    if (stacks.length === 0) {
      console.error(`state: no synthesized stacks under apps/${env}/cdktf.out; synthesize first`);
      return 2;
    }
    const local = localStateStacks(root, env);
    if (local.length > 0) {
      console.error(
        `state: ${local.join(', ')} use the local backend. On a CI runner that state is lost when the job ends,` +
          ' so the next deploy would create every resource again. Configure a remote backend (S3 with locking, or' +
          ' Terraform Cloud) for these stacks before deploying from CI.',
      );
      return 1;
    }
    console.log(`state: ${stacks.length} stacks of ${env} use a remote backend`);
    return 0;
  }
  if (command === 'plan-comment') {
    const [env, planDir, removedJson] = args;
    const plans = readPlans(planDir);
    // The comment job has the plan files, not the synthesized stacks: each plan says its backend.
    const synthesizedLocal = localStateStacks(root, env);
    const localState = plans
      .filter((plan) => plan.backend === 'local' || synthesizedLocal.includes(plan.stack))
      .map((plan) => plan.stack);
    process.stdout.write(
      planComment({
        env,
        plans,
        localState,
        removed: removedJson ? (JSON.parse(removedJson) as string[]) : [],
        commit: process.env.PLAN_COMMIT || '',
        runUrl: process.env.PLAN_RUN_URL || '',
      }),
    );
    return 0;
  }
  return usageError();
}

function usageError(): number {
  console.error(
    'usage: stacks.js changed HEAD_ROOT BASE_ROOT [--base-failed] | select ENV RESULT_JSON' +
      ' | require-remote-state ENV | plan-comment ENV PLAN_DIR [REMOVED_JSON]',
  );
  return 2;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
