import * as fs from 'node:fs';
import * as path from 'node:path';
import { costSummaryTable, estimateMonthlyCost, stackRegion } from '@lambda-vpc/cost';
import { loadEnvironments, VARIANTS } from '@lambda-vpc/stacks';
import { environmentApps, repositoryRoot, synthAllEnvironments } from './environments';

describe('the README cost table', () => {
  it('is what npm run report generates from the synthesized stacks, not typed by hand', () => {
    const configs = new Map(
      loadEnvironments(environmentApps().map((app) => app.values)).map((config) => [config.name, config]),
    );
    const { stacks } = synthAllEnvironments();
    const reports = Object.entries(stacks).map(([name, json]) =>
      estimateMonthlyCost(name, json, stackRegion(json), configs.get(name.split('-')[0])!.cost),
    );
    const readme = fs.readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
    const block = /<!-- cost-table:start[^\n]*-->\n([\s\S]*?)<!-- cost-table:end -->/.exec(readme);
    expect(block).not.toBeNull();
    expect(block![1].trim()).toBe(
      costSummaryTable(reports, { variantOrder: VARIANTS.map((variant) => variant.name) }).trim(),
    );
  });
});
