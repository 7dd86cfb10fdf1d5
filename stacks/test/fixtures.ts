import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, EnvironmentValues, loadEnvironments, synthEnvironments, SynthResult } from '@lambda-vpc/stacks';
import { TerraformJson } from '../../test-support/terraform-json';
import { variantsAt } from '../../test-support/environment-values';

// Shared with the bootstrap's tests, so they live in test-support.
export { captureConsole } from '../../test-support/console-capture';
export { environmentValues, variantsAt } from '../../test-support/environment-values';

type Variants = EnvironmentValues['variants'];

/** {@link variantsAt} with some variants' settings replaced. */
export function variantsWith(overrides: { [K in keyof Variants]?: Record<string, unknown> }, n = 50): Variants {
  const base = variantsAt(n) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(base).map(([key, value]) => [
      key,
      { ...value, ...(overrides as Record<string, Record<string, unknown>>)[key] },
    ]),
  ) as unknown as Variants;
}

/** The problems loadEnvironments reports for `values`, as formatted lines; throws when it accepts them. */
export function configProblemsOf(values: unknown[]): string[] {
  try {
    loadEnvironments(values as never);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Synthesizes environments into a fresh temporary directory and reads every stack back. */
export function synthToTemp(values: EnvironmentValues[]): {
  outdir: string;
  stacks: Record<string, TerraformJson>;
  guardrails: SynthResult['guardrails'];
} {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-')), 'cdktf.out');
  const result = synthEnvironments(values, { outdir });
  const stacks = Object.fromEntries(
    result.stacks.map((stack) => [stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson]),
  );
  return { outdir, stacks, guardrails: result.guardrails };
}
