// The stacks a synth wrote, as its cdktf.out/manifest.json lists them: the one place the repository's commands
// and tests find synthesized stacks. The manifest, not the folder listing, is the truth: turbo restores a cached
// cdktf.out over the old one without deleting folders, so a stack an environment no longer deploys can linger
// on disk (and `cdktf deploy` would not know it either).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A stack one synth wrote. */
export interface SynthesizedStack {
  /** The stack's name, `<env>-<variant>`. */
  readonly stack: string;
  /** Its Terraform JSON, `<outdir>/stacks/<stack>/cdk.tf.json`. */
  readonly file: string;
}

/** A stack an environment app's last synth wrote. */
export interface EnvironmentStackFile extends SynthesizedStack {
  /** The app's folder under apps/, which is also the environment's name. */
  readonly env: string;
}

/** The stacks the manifest of one cdktf.out folder lists, sorted, whose JSON is there; none without a manifest. */
export function synthesizedStacksIn(outdir: string): SynthesizedStack[] {
  const manifest = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifest)) return [];
  const { stacks } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { stacks?: Record<string, unknown> };
  return Object.keys(stacks ?? {})
    .sort()
    .map((stack) => ({ stack, file: path.join(outdir, 'stacks', stack, 'cdk.tf.json') }))
    .filter(({ file }) => fs.existsSync(file));
}

/**
 * Every synthesized stack under `<root>/apps/<env>/cdktf.out`, in environment then stack order: of the
 * environments named, or of every folder under apps/.
 */
export function synthesizedStackFiles(root: string, envs?: readonly string[]): EnvironmentStackFile[] {
  const appsDir = path.join(root, 'apps');
  const folders = envs ?? (fs.existsSync(appsDir) ? fs.readdirSync(appsDir).sort() : []);
  return folders.flatMap((env) =>
    synthesizedStacksIn(path.join(appsDir, env, 'cdktf.out')).map((stack) => ({ env, ...stack })),
  );
}
