#!/usr/bin/env node
// Totals the counts every workspace's jest run wrote (.test-results.json, toolkit/scripts/jest-results-reporter.js) and
// prints one closing line, `N passed, N failed, N skipped`. A workspace with a test script but no results is an
// error, not a pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from './repository-root';

/** What the results reporter writes per workspace. */
interface TestCounts {
  /** Tests that passed. */
  readonly passed: number;
  /** Tests that failed. */
  readonly failed: number;
  /** Tests skipped or left to do. */
  readonly skipped: number;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

const { workspaces } = readJson<{ workspaces: string[] }>(path.join(root, 'package.json'));
const folders = workspaces.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  return fs.readdirSync(path.join(root, parent)).map((name) => path.join(parent, name));
});

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = 0;
for (const folder of folders.sort()) {
  const manifest = path.join(root, folder, 'package.json');
  if (!fs.existsSync(manifest) || !readJson<{ scripts?: Record<string, string> }>(manifest).scripts?.test) continue;
  const file = path.join(root, folder, '.test-results.json');
  if (!fs.existsSync(file)) {
    console.log(`test-summary: ${folder}: no results (its tests did not run)`);
    missing += 1;
    continue;
  }
  const counts = readJson<TestCounts>(file);
  console.log(`test-summary: ${folder}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of ['passed', 'failed', 'skipped'] as const) total[key] += counts[key];
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 || missing > 0 || total.passed === 0 ? 1 : 0;
