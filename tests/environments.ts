import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EnvironmentConfig,
  EnvironmentInput,
  loadEnvironmentApps,
  loadEnvironments,
  synthEnvironments,
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
