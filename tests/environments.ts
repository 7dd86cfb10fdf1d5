import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EnvironmentConfig,
  EnvironmentInput,
  loadEnvironmentApps,
  loadEnvironments,
  synthEnvironments,
  variantsOf,
} from '@lambda-vpc/stacks';
import { synthesizedStacksIn } from '@lambda-vpc/tools/dist/synthesized-stacks';
import { TerraformJson } from '../test-support/terraform-json';

/** The repository root. */
export const repositoryRoot = path.resolve(__dirname, '..');

/**
 * Every environment app under apps/ (a folder with a cdktf.json), with its compiled values and their validated config.
 */
export function environmentApps(): { folder: string; values: EnvironmentInput; config: EnvironmentConfig }[] {
  const apps = loadEnvironmentApps(repositoryRoot);
  const configs = loadEnvironments(apps.map((app) => app.values));
  return apps.map((app, index) => ({ ...app, config: configs[index] }));
}

/**
 * Every environment synthesized together (as the root app does). Reads the run's shared synth (jest
 * globalSetup, synth-once.js) when there is one, else synthesizes into a temporary folder.
 */
export function synthAllEnvironments(): { outdir: string; stacks: Record<string, TerraformJson> } {
  const shared = process.env.LAMBDA_VPC_REPO_SYNTH;
  const outdir =
    shared && fs.existsSync(shared)
      ? shared
      : synthEnvironments(
          environmentApps().map((app) => app.values),
          {
            outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-repo-')), 'cdktf.out'),
          },
        ).outdir;
  return {
    outdir,
    stacks: Object.fromEntries(
      synthesizedStacksIn(outdir).map(({ stack, file }) => [
        stack,
        JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson,
      ]),
    ),
  };
}

/** The stacks dev, staging and prod ship with; a team deletes the variants it does not use (getting-started.md). */
export const SHIPPED_STACKS: readonly string[] = ['dev', 'staging', 'prod'].flatMap((environment) =>
  ['private-only', 'nat-egress', 'privatelink'].map((variant) => `${environment}-${variant}`),
);

/** Every stack the environments under apps/ configure: apps in folder order, each app's variants in registry order. */
export function configuredStacks(): string[] {
  return environmentApps().flatMap((app) =>
    variantsOf(app.config).map((variant) => `${app.config.name}-${variant.name}`),
  );
}

/**
 * `it` while the environments configure every one of `stacks`, else `it.skip`: a test of a shipped stack's
 * hand-computed figures is reported as skipped, not passed, once a team deletes that variant.
 */
export function itWhileConfigured(...stacks: string[]): jest.It {
  const configured = configuredStacks();
  return stacks.every((stack) => configured.includes(stack)) ? it : it.skip;
}

/** `describe` while the environments configure `stack`, else `describe.skip` (see {@link itWhileConfigured}). */
export function describeWhileConfigured(stack: string): jest.Describe {
  return configuredStacks().includes(stack) ? describe : describe.skip;
}
