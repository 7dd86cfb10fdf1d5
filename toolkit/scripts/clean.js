#!/usr/bin/env node
// Deletes build output, synthesized stacks, turbo's cache and the engine checks' work folder; leaves
// node_modules, .tools and Terraform state alone. Plain JavaScript, unlike the compiled commands in tools/: it
// deletes their build output too (toolkit/commands/dist), so it must run on a fresh clone, after a failed build and
// after itself.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
// Every workspace the root package.json lists (a `dir/*` pattern is each folder under dir), and the root itself.
const workspaces = require(path.join(root, 'package.json'))
  .workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? fs.readdirSync(path.join(root, pattern.slice(0, -2))).map((name) => path.join(pattern.slice(0, -2), name))
      : [pattern],
  )
  .concat(['.']);
for (const workspace of workspaces) {
  for (const output of ['dist', 'cdktf.out', '.turbo']) {
    const target = path.join(root, workspace, output);
    if (fs.existsSync(target)) {
      fs.rmSync(target, { recursive: true, force: true });
      console.log(`clean: removed ${path.relative(root, target)}`);
    }
  }
}
// The engine checks' copies, emulator state and logs (never real state: that lives beside each app).
const engineWork = path.join(root, '.engine');
if (fs.existsSync(engineWork)) {
  fs.rmSync(engineWork, { recursive: true, force: true });
  console.log('clean: removed .engine');
}
