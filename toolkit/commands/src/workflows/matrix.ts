#!/usr/bin/env node
// The workflows' job matrix, computed from the synthesized manifests of every apps/<env> instead of listed in
// the workflow files: a new environment (npm run new-env) or a variant an environment leaves out needs no
// workflow edit.
//
//   node toolkit/commands/dist/workflows/matrix.js [--changed RESULT_JSON]
//       prints, for $GITHUB_OUTPUT:
//         environments=<JSON list of the environments, in deploy order>
//         matrix=<JSON {"include":[{environment, stack, backend, auth, hostname?, planRoleVariable,
//                 deployRoleVariable}]}>, every stack in deploy order
//         matrices=<JSON {env: {"include":[...]}}>: the same entries per environment
//         any=<true|false>: whether the matrix lists a stack
//       With --changed (the output of `stacks.js changed`), the matrix lists the changed stacks only; the
//       environment list still names every environment, and one whose stacks were all removed (their plan
//       comments may need an update).
//
// Deploy order: dev first, prod last, every other environment between them alphabetically (dev, qa, staging,
// prod). Both workflows read the order from here.
import * as fs from 'node:fs';
import { CommandSpec, OptionError, readOptions } from '../command-options';
import { repositoryRoot } from '../repository-root';
import { synthesizedStackFiles } from '../synthesized-stacks';
import type { StackChanges } from './stacks';
import { stateBackend } from './stacks';

/** How a job gets credentials for a stack, by the stack's state backend. */
export type StackAuth = 'aws-oidc' | 'terraform-cloud';

/** One job of the matrix: one stack of one environment. */
export interface StackMatrixEntry {
  /** The environment (the folder under apps/). */
  readonly environment: string;
  /** The stack, `<env>-<variant>`. */
  readonly stack: string;
  /** The state backend its synthesized JSON declares: local, s3 or cloud. */
  readonly backend: string;
  /**
   * aws-oidc: the job assumes the environment's AWS role through GitHub's OIDC token (local and s3 backends);
   * terraform-cloud: the job only authenticates to Terraform Cloud, whose run takes the workspace's AWS
   * credentials (cloud backend).
   */
  readonly auth: StackAuth;
  /** The Terraform Cloud host, for TF_TOKEN_<host>. @default absent: only the cloud backend has one */
  readonly hostname?: string;
  /** The repository variable holding the plan role's ARN: AWS_PLAN_ROLE_ARN_<ENV>. */
  readonly planRoleVariable: string;
  /** The variable holding the deploy role's ARN: AWS_DEPLOY_ROLE_ARN_<ENV>. */
  readonly deployRoleVariable: string;
}

/** What the command prints: the environments in deploy order and their stacks' jobs. */
export interface StackMatrix {
  /** Every environment with a synthesized stack, in deploy order. */
  readonly environments: readonly string[];
  /** The jobs, in deploy order, then by stack. */
  readonly include: readonly StackMatrixEntry[];
}

/** A stack the matrix cannot take; the message is the line to print. */
export class MatrixError extends Error {}

/** The auth each backend takes; a backend missing here is refused (the config schema allows no other). */
const AUTH_BY_BACKEND: Readonly<Record<string, StackAuth>> = {
  local: 'aws-oidc',
  s3: 'aws-oidc',
  cloud: 'terraform-cloud',
};

/**
 * The environments in deploy order: dev first, prod last, every other one between them alphabetically. The
 * least critical environment goes first, so a change meets dev (and then the others) before it reaches prod.
 */
export function deployOrder(environments: readonly string[]): string[] {
  const rank = (env: string): number => (env === 'dev' ? 0 : env === 'prod' ? 2 : 1);
  return [...new Set(environments)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The variable holding an environment's role ARN: AWS_<KIND>_ROLE_ARN_<ENV>, non-alphanumerics as `_`. */
export function roleVariable(kind: 'PLAN' | 'DEPLOY', env: string): string {
  return `AWS_${kind}_ROLE_ARN_${env.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The auth a backend takes: aws-oidc for local and s3, terraform-cloud for cloud. */
export function authFor(backend: string, stack: string): StackAuth {
  const auth = AUTH_BY_BACKEND[backend];
  if (!auth) {
    throw new MatrixError(
      `${stack}: backend "${backend}": allowed: ${Object.keys(AUTH_BY_BACKEND).join(', ')} (the environment's backend)`,
    );
  }
  return auth;
}

/** One stack's job, from its synthesized Terraform JSON. */
export function matrixEntry(environment: string, stack: string, tfJson: unknown): StackMatrixEntry {
  const backend = stateBackend(tfJson);
  const hostname = (tfJson as { terraform?: { cloud?: { hostname?: string } } }).terraform?.cloud?.hostname;
  return {
    environment,
    stack,
    backend,
    auth: authFor(backend, stack),
    ...(backend === 'cloud' ? { hostname: hostname || 'app.terraform.io' } : {}),
    planRoleVariable: roleVariable('PLAN', environment),
    deployRoleVariable: roleVariable('DEPLOY', environment),
  };
}

/**
 * The matrix of every synthesized stack under root's apps/, or of the changed ones only (`changes`, the output of
 * `stacks.js changed`). With changes, the environments also name one whose stacks were all removed: its plan
 * comment still needs its update.
 */
export function stackMatrix(root: string, { changes }: { readonly changes?: Partial<StackChanges> } = {}): StackMatrix {
  const files = synthesizedStackFiles(root);
  const removedFrom = Object.entries(changes?.removed ?? {}).filter(([, stacks]) => stacks.length > 0);
  const environments = deployOrder([...files.map(({ env }) => env), ...removedFrom.map(([env]) => env)]);
  const changed = changes ? (changes.changed ?? {}) : undefined;
  const include = environments.flatMap((env) =>
    files
      .filter((file) => file.env === env && (!changed || (changed[env] ?? []).includes(file.stack)))
      .map(({ stack, file }) => matrixEntry(env, stack, JSON.parse(fs.readFileSync(file, 'utf8')))),
  );
  return { environments, include };
}

/** The $GITHUB_OUTPUT lines for a matrix. */
export function outputLines({ environments, include }: StackMatrix): string {
  const matrices = Object.fromEntries(
    environments.map((env) => [env, { include: include.filter((entry) => entry.environment === env) }]),
  );
  return [
    `environments=${JSON.stringify(environments)}`,
    `matrix=${JSON.stringify({ include })}`,
    `matrices=${JSON.stringify(matrices)}`,
    `any=${include.length > 0}`,
    '',
  ].join('\n');
}

const MATRIX_OPTIONS = {
  options: { changed: { type: 'string', value: 'RESULT_JSON', allowed: 'the JSON that stacks.js changed prints' } },
} as const satisfies CommandSpec;

function main(argv: readonly string[]): number {
  try {
    const { values } = readOptions(argv, MATRIX_OPTIONS);
    let changes: Partial<StackChanges> | undefined;
    if (values.changed !== undefined) {
      try {
        changes = JSON.parse(values.changed) as Partial<StackChanges>;
      } catch {
        throw new OptionError(`--changed: not JSON; allowed: ${MATRIX_OPTIONS.options.changed.allowed}`);
      }
    }
    const matrix = stackMatrix(repositoryRoot, { changes });
    if (matrix.environments.length === 0) {
      console.error('matrix: no synthesized stacks under apps/*/cdktf.out; synthesize first (npm run synth)');
      return 2;
    }
    process.stdout.write(outputLines(matrix));
    console.error(
      `matrix: ${matrix.environments.join(' -> ')}; ${matrix.include.length} stack(s)` +
        `${changes ? ' changed' : ''}: ${matrix.include.map((e) => `${e.stack} (${e.auth})`).join(', ') || 'none'}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof OptionError || error instanceof MatrixError)) throw error;
    console.error(`matrix: ${error.message}`);
    return 1;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
