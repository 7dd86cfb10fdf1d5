#!/usr/bin/env node
// Totals the counts every workspace's jest run wrote (.test-results.json) and prints one closing line,
// `N passed, N failed, N skipped`. A workspace with a test script but no results is an error, not a pass.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { workspaces } = require(path.join(root, 'package.json'));
const folders = workspaces.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  return fs.readdirSync(path.join(root, parent)).map((name) => path.join(parent, name));
});

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = 0;
for (const folder of folders.sort()) {
  const manifest = path.join(root, folder, 'package.json');
  if (!fs.existsSync(manifest) || !require(manifest).scripts?.test) continue;
  const file = path.join(root, folder, '.test-results.json');
  if (!fs.existsSync(file)) {
    console.log(`test-summary: ${folder}: no results (its tests did not run)`);
    missing += 1;
    continue;
  }
  const counts = JSON.parse(fs.readFileSync(file, 'utf8'));
  console.log(`test-summary: ${folder}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 || missing > 0 || total.passed === 0 ? 1 : 0;
