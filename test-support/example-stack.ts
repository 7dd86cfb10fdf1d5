// What the variant examples' tests share: the example's one stack synthesized into a temporary folder, every
// resource of a type as other resources reference it, and the monthly-cost line each example's README states.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CostReport, describeAssumptions } from '@lambda-vpc/cost';
import { SynthResult } from '@lambda-vpc/stacks';
import { bodiesOf, referenceTo, TerraformJson } from './terraform-json';

/** Synthesizes an example's one stack (its `synthExample`) into a fresh temporary folder and reads it back. */
export function synthExampleStack(synth: (options: { outdir: string }) => SynthResult): {
  result: SynthResult;
  json: TerraformJson;
} {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-example-')), 'cdktf.out');
  const result = synth({ outdir });
  return { result, json: JSON.parse(fs.readFileSync(result.stacks[0].file, 'utf8')) as TerraformJson };
}

/** `${type.<name>.<attribute>}` of every resource of a type, sorted: what a list argument names them by. */
export function referencesOf(json: TerraformJson, type: string, attribute = 'id'): string[] {
  return bodiesOf(json, type)
    .map((body) => referenceTo(json, type, body, attribute))
    .sort();
}

/** The monthly-cost line an example's README states, from the cost estimate of its synthesized stack. */
export function monthlyCostLine(report: CostReport): string {
  const usd = (amount: number) => amount.toFixed(2);
  return (
    `**Monthly cost:** ${usd(report.totalMonthlyUsd)} USD (${usd(report.fixedMonthlyUsd)} fixed, ` +
    `${usd(report.variableMonthlyUsd)} variable), ` +
    `AWS list prices in ${report.region} as of ${report.pricesAsOf}; ${describeAssumptions(report.assumptions)}.`
  );
}
