import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvironmentValues, synthEnvironments } from '@lambda-vpc/stacks';
import { TerraformJson } from '../../test-support/terraform-json';

/** A valid environment; tests override what they exercise. */
export function environmentValues(overrides: Partial<EnvironmentValues> = {}): EnvironmentValues {
  return {
    name: 'test',
    region: 'eu-west-1',
    accountId: '123456789012',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    variants: variantsAt(50),
    ...overrides,
  };
}

type NatStrategyName = 'gateway-per-az' | 'single-gateway' | 'instance';
type Variants = EnvironmentValues['variants'];

/** The three variants in 10.<n>.0.0/16 (private-only), 10.<n+1> (nat-egress) and 10.<n+2> (privatelink). */
export function variantsAt(n: number, strategy: NatStrategyName = 'single-gateway'): Variants {
  return {
    privateOnly: { cidr: `10.${n}.0.0/16` },
    natEgress: { cidr: `10.${n + 1}.0.0/16`, nat: { strategy } },
    privatelink: { cidr: `10.${n + 2}.0.0/16` },
  };
}

/** {@link variantsAt} with some variants' settings replaced. */
export function variantsWith(overrides: { [K in keyof Variants]?: Record<string, unknown> }, n = 50): Variants {
  const base = variantsAt(n) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(base).map(([key, value]) =>
    [key, { ...value, ...(overrides as Record<string, Record<string, unknown>>)[key] }])) as unknown as Variants;
}

/** Synthesizes environments into a fresh temporary directory and reads every stack back. */
export function synthToTemp(values: EnvironmentValues[]): { outdir: string; stacks: Record<string, TerraformJson> } {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-')), 'cdktf.out');
  const result = synthEnvironments(values, { outdir });
  const stacks = Object.fromEntries(result.stacks.map((stack) =>
    [stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson]));
  return { outdir, stacks };
}

/**
 * What the synth reports print in each test of the calling `describe`: console.log and console.error lines
 * (warnings silenced), with process.exitCode reset before and after each test.
 */
export function captureConsole(): { readonly logs: string[]; readonly errors: string[] } {
  const captured = { logs: [] as string[], errors: [] as string[] };
  beforeEach(() => {
    captured.logs.length = 0;
    captured.errors.length = 0;
    jest.spyOn(console, 'log').mockImplementation((line: string) => { captured.logs.push(line); });
    jest.spyOn(console, 'error').mockImplementation((line: string) => { captured.errors.push(line); });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  return captured;
}
