#!/usr/bin/env node
// `npm run scan`: checkov (terraform_json framework) over every synthesized stack, and over the stacks of every example
// the engine checks apply (`"lambdaVpc": { "engineChecks": true }`), each synthesized here by its own dist/main.js. A
// failed check fails the scan unless checkov-skips.json skips it for that resource with a justification; skips are
// printed. A stack checkov did not read (a parsing error, no check run, or most of its resources unchecked) fails it
// too.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { engineExamples, synthEngineExample } from '../engine/engine-examples';
import { repositoryRoot as root } from '../repository-root';
import { SynthesizedStack, synthesizedStackFiles } from '../synthesized-stacks';
import { writeCheckovInputs } from './checkov-input';
import { CheckovReport, checkedResourceName, reportedStack } from './checkov-report';
import { classify, Finding, readSkips } from './classify';
import { checkedCount, coverageRefusal, stackCoverage } from './coverage';

const environmentStacks = synthesizedStackFiles(root);
if (environmentStacks.length === 0) {
  console.error('scan: no synthesized stacks under apps/*/cdktf.out; run npm run synth first');
  process.exit(2);
}
const examplesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-scan-examples-'));
const exampleStacks: SynthesizedStack[] = engineExamples().flatMap((example) =>
  synthEngineExample(example, path.join(examplesDir, example.folder)).map((stack) => ({
    stack: stack.name,
    file: path.join(stack.dir, 'cdk.tf.json'),
  })),
);
const stacks = [...environmentStacks, ...exampleStacks];

const venvCheckov = path.join(root, '.tools', 'python', 'bin', 'checkov');
const checkov = fs.existsSync(venvCheckov) ? venvCheckov : 'checkov';
const skips = readSkips(JSON.parse(fs.readFileSync(path.join(root, 'checkov-skips.json'), 'utf8')));

console.log(
  `scan: checkov over ${stacks.length} stacks (${environmentStacks.length} of the environments, ` +
    `${exampleStacks.length} of the engine-checked examples; ${path.relative(root, checkov) || checkov})`,
);
const inputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-scan-'));
const run = spawnSync(
  checkov,
  [
    ...writeCheckovInputs(stacks, inputDir).flatMap((file) => ['-f', file]),
    '--framework',
    'terraform_json',
    '--compact',
    '--output',
    'json',
    '--skip-download',
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' } },
);
fs.rmSync(inputDir, { recursive: true, force: true });
process.on('exit', () => fs.rmSync(examplesDir, { recursive: true, force: true }));
if (run.error) {
  console.error(`scan: could not run checkov (${run.error.message}); install it with npm run toolchain`);
  process.exit(2);
}
let reports: CheckovReport[];
try {
  reports = [JSON.parse(run.stdout) as CheckovReport | CheckovReport[]].flat();
} catch {
  console.error(`scan: checkov printed no JSON report (exit ${run.status}):\n${run.stderr || run.stdout}`);
  process.exit(2);
}

const findings: Finding[] = reports.flatMap((report) =>
  report.results.failed_checks.map((check) => ({
    stack: reportedStack(check.file_path),
    resource: checkedResourceName(check.resource) ?? check.resource,
    checkId: check.check_id,
    checkName: check.check_name,
  })),
);
const passedBy = new Map<string, number>();
for (const report of reports) {
  for (const check of report.results.passed_checks)
    passedBy.set(reportedStack(check.file_path), (passedBy.get(reportedStack(check.file_path)) ?? 0) + 1);
}
const { failed, skipped, unused } = classify(findings, skips);
const skippedFindings = [...skipped.values()].flat();

const refusals: string[] = [];
for (const { stack, file } of stacks) {
  const coverage = stackCoverage(stack, JSON.parse(fs.readFileSync(file, 'utf8')), reports);
  const refusal = coverageRefusal(coverage);
  if (refusal) refusals.push(refusal);
  const count = (list: readonly Finding[]): number => list.filter((f) => f.stack === stack).length;
  console.log(
    `scan: ${stack}: ${checkedCount(coverage)} of ${coverage.declared.length} resources checked, ` +
      `${passedBy.get(stack) ?? 0} passed, ${count(skippedFindings)} skipped, ${count(failed)} failed`,
  );
}
for (const [entry, matched] of skipped) {
  if (matched.length > 0)
    console.log(`scan: skipped ${entry.check} on ${matched.length} resource(s): ${entry.justification}`);
}
for (const finding of failed) {
  console.log(`scan: FAILED ${finding.checkId} ${finding.stack}/${finding.resource}: ${finding.checkName}`);
}
for (const entry of unused) {
  console.log(
    `scan: stale skip ${entry.check} (${entry.where.join(', ')}) matched nothing; remove it from checkov-skips.json`,
  );
}
for (const refusal of refusals) console.error(refusal);
const passed = [...passedBy.values()].reduce((a, b) => a + b, 0);
const unchecked = refusals.length > 0 ? `, ${refusals.length} stack(s) not checked` : '';
console.log(`scan: ${passed} passed, ${failed.length} failed, ${skippedFindings.length} skipped${unchecked}`);
process.exitCode = failed.length > 0 || unused.length > 0 || refusals.length > 0 ? 1 : 0;
