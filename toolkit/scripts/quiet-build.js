#!/usr/bin/env node
// `turbo run build`, silent when it succeeds and in full when it fails: the command after it (npm run synth) prints
// its own lines alone. Plain JavaScript, as it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
// turbo's launcher, run by this Node.js directly: `npx` would add about 0.4 s to every synth for finding it.
const turbo = require.resolve('turbo/bin/turbo', { paths: [root] });
const result = spawnSync(process.execPath, [turbo, 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['inherit', 'pipe', 'pipe'],
  maxBuffer: 64 * 1024 * 1024,
});
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(`${result.stderr ?? ''}${result.error ? `${result.error.message}\n` : ''}`);
  process.exit(result.status ?? 1);
}
