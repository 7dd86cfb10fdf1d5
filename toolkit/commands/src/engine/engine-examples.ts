// The examples the engine checks apply: each declares `"lambdaVpc": { "engineChecks": true }` in its package.json.
// `npm run validate` validates their stacks and `npm run e2e:examples` applies them against the emulator, each
// synthesized by its own `dist/main.js` as its cdktf.json runs it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';

/** An example the engine checks apply. */
export interface EngineExample {
  /** Its folder under examples/, as the command line names it. */
  readonly folder: string;
  /** Its absolute path. */
  readonly dir: string;
}

/** Every example whose package.json has `lambdaVpc.engineChecks: true`, in folder order. */
export function engineExamples(examplesDir = path.join(root, 'examples')): EngineExample[] {
  if (!fs.existsSync(examplesDir)) return [];
  return fs
    .readdirSync(examplesDir)
    .sort()
    .map((folder) => ({ folder, dir: path.join(examplesDir, folder) }))
    .filter(({ dir }) => {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) return false;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { lambdaVpc?: { engineChecks?: unknown } };
      return manifest.lambdaVpc?.engineChecks === true;
    });
}

/** The examples named (every one when none), refusing a folder that is not an engine-checked example in one line. */
export function selectEngineExamples(selected: readonly string[], all = engineExamples()): EngineExample[] {
  const unknown = selected.filter((folder) => !all.some((example) => example.folder === folder));
  if (unknown.length > 0) {
    const allowed = all.map((example) => example.folder).join(', ') || 'none (no example declares engineChecks)';
    throw new Error(
      `unknown example folder ${unknown.join(', ')}; allowed: ${allowed} ` +
        '(examples whose package.json has "lambdaVpc": { "engineChecks": true })',
    );
  }
  return selected.length === 0 ? all : all.filter((example) => selected.includes(example.folder));
}

/** One stack an example's synth wrote. */
export interface ExampleStack {
  /** The stack's name. */
  readonly name: string;
  /** Its folder (cdk.tf.json and the function zips). */
  readonly dir: string;
}

/**
 * Synthesizes an example by its own `dist/main.js` into `outdir` (`CDKTF_OUTDIR`), in emulator mode when `emulator`
 * is given (LAMBDA_VPC_EMULATOR_ENDPOINT). Resolves to its stacks in dependency order (the order they are applied in,
 * and destroyed in reverse). Throws with the synth's output when it fails.
 */
export function synthEngineExample(
  example: EngineExample,
  outdir: string,
  { emulator }: { readonly emulator?: string } = {},
): ExampleStack[] {
  const main = path.join(example.dir, 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`examples/${example.folder}/dist/main.js is missing; run npm run build`);
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.LAMBDA_VPC_EMULATOR_ENDPOINT;
  if (emulator !== undefined) env.LAMBDA_VPC_EMULATOR_ENDPOINT = emulator;
  const run = spawnSync(process.execPath, [main], { cwd: example.dir, encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`examples/${example.folder}: synth failed:\n${run.stdout}${run.stderr}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks?: Record<string, { dependencies?: string[] }>;
  };
  return dependencyOrder(manifest.stacks ?? {}).map((name) => ({ name, dir: path.join(outdir, 'stacks', name) }));
}

/**
 * The stacks of a manifest with each after the stacks it depends on (cdktf's `dependencies`: a stack that reads
 * another's outputs through remote state needs that state first), otherwise in the manifest's order.
 */
export function dependencyOrder(
  stacks: Readonly<Record<string, { readonly dependencies?: readonly string[] }>>,
): string[] {
  const ordered: string[] = [];
  const visit = (name: string, path: readonly string[]): void => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`stacks depend on each other in a cycle: ${[...path, name].join(' -> ')}`);
    for (const dependency of stacks[name]?.dependencies ?? []) visit(dependency, [...path, name]);
    ordered.push(name);
  };
  for (const name of Object.keys(stacks)) visit(name, []);
  return ordered;
}

/** The account a synthesized stack's AWS provider is limited to (`allowed_account_ids`), which the emulator runs as. */
export function stackAccount(stack: ExampleStack): string {
  const json = JSON.parse(fs.readFileSync(path.join(stack.dir, 'cdk.tf.json'), 'utf8')) as {
    provider?: { aws?: { allowed_account_ids?: string[] }[] };
  };
  const accounts = [...new Set((json.provider?.aws ?? []).flatMap((aws) => aws.allowed_account_ids ?? []))];
  if (accounts.length !== 1) {
    throw new Error(
      `${stack.name}: its AWS provider names ${accounts.length} account(s) in allowed_account_ids; allowed: exactly ` +
        'one, which the emulator runs as',
    );
  }
  return accounts[0];
}
