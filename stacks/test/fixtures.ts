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
    variants: { natEgress: { cidr: '10.50.0.0/16', nat: { strategy: 'single-gateway' } } },
    ...overrides,
  };
}

/** A NAT-egress variant block with the given NAT strategy. */
export function natEgress(strategy: 'gateway-per-az' | 'single-gateway' | 'instance', cidr = '10.50.0.0/16'): EnvironmentValues['variants'] {
  return { natEgress: { cidr, nat: { strategy } } };
}

/** Synthesizes environments into a fresh temporary directory and reads every stack back. */
export function synthToTemp(values: EnvironmentValues[]): { outdir: string; stacks: Record<string, TerraformJson> } {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-')), 'cdktf.out');
  const result = synthEnvironments(values, { outdir });
  const stacks = Object.fromEntries(result.stacks.map((stack) =>
    [stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson]));
  return { outdir, stacks };
}
