#!/usr/bin/env node
// `turbo run build`, silent when it succeeds; when it fails, the compiler's error lines alone (paths from the
// repository root) if the failure is TypeScript's, else turbo's whole output. npm run synth prints its own lines
// after it. Plain JavaScript, as it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

/**
 * tsc's error lines in turbo's output (`<package>:build: src/a.ts(9,3): error TS1005: ...`), each with its path made
 * relative to the repository root through the package's folder (npm's `npm error path <folder>` line of that package).
 */
function compilerErrors(output) {
  const prefixed = /^(\S+?):build: (.*)$/;
  const folders = new Map();
  const errors = [];
  for (const line of output.split('\n')) {
    const match = prefixed.exec(line);
    if (!match) continue;
    const [, pkg, rest] = match;
    const folder = /^npm error path (.+)$/.exec(rest);
    if (folder) folders.set(pkg, folder[1]);
    const error = /^(\S[^(]*)(\(\d+,\d+\): error TS\d+: .*)$/.exec(rest);
    if (error) errors.push({ pkg, file: error[1], message: error[2] });
  }
  return errors.map(({ pkg, file, message }) => {
    const folder = folders.get(pkg);
    const shown = folder ? path.relative(root, path.resolve(folder, file)).split(path.sep).join('/') : file;
    return `${shown}${message}`;
  });
}

// turbo's launcher, run by this Node.js directly: `npx` would add about 0.4 s to every synth for finding it.
const turbo = require.resolve('turbo/bin/turbo', { paths: [root] });
const result = spawnSync(process.execPath, [turbo, 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['inherit', 'pipe', 'pipe'],
  maxBuffer: 64 * 1024 * 1024,
});
if (result.status !== 0) {
  const errors = compilerErrors(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (errors.length > 0) {
    process.stderr.write(`${errors.join('\n')}\n`);
  } else {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(`${result.stderr ?? ''}${result.error ? `${result.error.message}\n` : ''}`);
  }
  process.exit(result.status ?? 1);
}
