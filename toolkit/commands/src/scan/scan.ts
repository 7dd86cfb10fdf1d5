#!/usr/bin/env node
// `npm run scan`: checkov (terraform_json framework) over every synthesized stack. A failed check fails the
// scan unless checkov-skips.json skips it for that resource with a justification; skips are printed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { synthesizedStackFiles } from '../synthesized-stacks';
import { classify, Finding, readSkips } from './classify';

/** The parts of checkov's JSON report (one per framework run) the scan reads. */
interface CheckovReport {
  readonly results: {
    readonly failed_checks: readonly { file_path: string; resource: string; check_id: string; check_name: string }[];
    readonly passed_checks: readonly { file_path: string }[];
  };
}

const stackFiles = synthesizedStackFiles(root).map(({ file }) => file);
if (stackFiles.length === 0) {
  console.error('scan: no synthesized stacks under apps/*/cdktf.out; run npm run synth first');
  process.exit(2);
}

const venvCheckov = path.join(root, '.tools', 'python', 'bin', 'checkov');
const checkov = fs.existsSync(venvCheckov) ? venvCheckov : 'checkov';
const skips = readSkips(JSON.parse(fs.readFileSync(path.join(root, 'checkov-skips.json'), 'utf8')));

console.log(`scan: checkov over ${stackFiles.length} stacks (${path.relative(root, checkov) || checkov})`);
const run = spawnSync(
  checkov,
  [
    ...stackFiles.flatMap((file) => ['-f', file]),
    '--framework',
    'terraform_json',
    '--compact',
    '--output',
    'json',
    '--skip-download',
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' } },
);
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

const stackOf = (filePath: string): string => path.basename(path.dirname(filePath));
const findings: Finding[] = reports.flatMap((report) =>
  report.results.failed_checks.map((check) => ({
    stack: stackOf(check.file_path),
    // checkov names Terraform JSON resources `resource.<name>` or `<type>.<name>`; names are unique per stack.
    resource: check.resource.replace(/^resource\./, '').replace(/^aws_[a-z0-9_]+\./, ''),
    checkId: check.check_id,
    checkName: check.check_name,
  })),
);
const passedBy = new Map<string, number>();
for (const report of reports) {
  for (const check of report.results.passed_checks)
    passedBy.set(stackOf(check.file_path), (passedBy.get(stackOf(check.file_path)) ?? 0) + 1);
}
const { failed, skipped, unused } = classify(findings, skips);
const skippedFindings = [...skipped.values()].flat();

for (const file of stackFiles) {
  const stack = stackOf(file);
  const count = (list: readonly Finding[]): number => list.filter((f) => f.stack === stack).length;
  console.log(
    `scan: ${stack}: ${passedBy.get(stack) ?? 0} passed, ${count(skippedFindings)} skipped, ${count(failed)} failed`,
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
const passed = [...passedBy.values()].reduce((a, b) => a + b, 0);
console.log(`scan: ${passed} passed, ${failed.length} failed, ${skippedFindings.length} skipped`);
process.exitCode = failed.length > 0 || unused.length > 0 ? 1 : 0;
