#!/usr/bin/env node
// `npm run scan`: checkov (terraform_json framework) over every synthesized stack. A failed check fails the
// scan unless checkov-skips.json skips it for that resource with a justification; skips are printed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { synthesizedStackFiles } = require('../synthesized-stacks');
const { classify, readSkips } = require('./classify');

const root = path.join(__dirname, '..', '..');
const stackFiles = synthesizedStackFiles(root).map(({ file }) => file);
if (stackFiles.length === 0) {
  console.error('scan: no synthesized stacks under apps/*/cdktf.out; run npm run synth first');
  process.exit(2);
}

const venvCheckov = path.join(root, '.tools', 'python', 'bin', 'checkov');
const checkov = fs.existsSync(venvCheckov) ? venvCheckov : 'checkov';
const skips = readSkips(JSON.parse(fs.readFileSync(path.join(root, 'checkov-skips.json'), 'utf8')));

console.log(`scan: checkov over ${stackFiles.length} stacks (${path.relative(root, checkov) || checkov})`);
const run = spawnSync(checkov, [
  ...stackFiles.flatMap((file) => ['-f', file]),
  '--framework', 'terraform_json', '--compact', '--output', 'json', '--skip-download',
], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' } });
if (run.error) {
  console.error(`scan: could not run checkov (${run.error.message}); install it with npm run toolchain`);
  process.exit(2);
}
let reports;
try {
  reports = [JSON.parse(run.stdout)].flat();
} catch {
  console.error(`scan: checkov printed no JSON report (exit ${run.status}):\n${run.stderr || run.stdout}`);
  process.exit(2);
}

const stackOf = (filePath) => path.basename(path.dirname(filePath));
const findings = reports.flatMap((report) => report.results.failed_checks.map((check) => ({
  stack: stackOf(check.file_path),
  // checkov names Terraform JSON resources `resource.<name>` or `<type>.<name>`; names are unique per stack.
  resource: check.resource.replace(/^resource\./, '').replace(/^aws_[a-z0-9_]+\./, ''),
  checkId: check.check_id,
  checkName: check.check_name,
})));
const passedBy = new Map();
for (const report of reports) {
  for (const check of report.results.passed_checks) passedBy.set(stackOf(check.file_path), (passedBy.get(stackOf(check.file_path)) ?? 0) + 1);
}
const { failed, skipped, unused } = classify(findings, skips);
const skippedFindings = [...skipped.values()].flat();

for (const file of stackFiles) {
  const stack = stackOf(file);
  const count = (list) => list.filter((f) => f.stack === stack).length;
  console.log(`scan: ${stack}: ${passedBy.get(stack) ?? 0} passed, ${count(skippedFindings)} skipped, ${count(failed)} failed`);
}
for (const [entry, matched] of skipped) {
  if (matched.length > 0) console.log(`scan: skipped ${entry.check} on ${matched.length} resource(s): ${entry.justification}`);
}
for (const finding of failed) {
  console.log(`scan: FAILED ${finding.checkId} ${finding.stack}/${finding.resource}: ${finding.checkName}`);
}
for (const entry of unused) {
  console.log(`scan: stale skip ${entry.check} (${entry.where.join(', ')}) matched nothing; remove it from checkov-skips.json`);
}
const passed = [...passedBy.values()].reduce((a, b) => a + b, 0);
console.log(`scan: ${passed} passed, ${failed.length} failed, ${skippedFindings.length} skipped`);
process.exitCode = failed.length > 0 || unused.length > 0 ? 1 : 0;
