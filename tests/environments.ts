import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvironmentValues, loadEnvironmentApps, synthEnvironments } from '@lambda-vpc/stacks';
import { TerraformJson } from '../test-support/terraform-json';

/** The repository root. */
export const repositoryRoot = path.resolve(__dirname, '..');

/** Every environment app under apps/ (a folder with a cdktf.json), with its compiled values. */
export function environmentApps(): { folder: string; values: EnvironmentValues }[] {
  return loadEnvironmentApps(repositoryRoot);
}

/** Synthesizes every environment together (as the root app does) into a temporary folder. */
export function synthAllEnvironments(): { outdir: string; stacks: Record<string, TerraformJson> } {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-repo-')), 'cdktf.out');
  const result = synthEnvironments(environmentApps().map((app) => app.values), { outdir });
  return {
    outdir,
    stacks: Object.fromEntries(result.stacks.map((s) => [s.name, JSON.parse(fs.readFileSync(s.file, 'utf8')) as TerraformJson])),
  };
}
