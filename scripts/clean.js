#!/usr/bin/env node
// Deletes build output, synthesized stacks, turbo's cache and the engine checks' work folder; leaves
// node_modules, .tools and Terraform state alone.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const workspaces = ['packages', 'apps', 'bootstrap', 'examples'].flatMap((dir) =>
  fs.readdirSync(path.join(root, dir)).map((name) => path.join(dir, name))).concat(['stacks', 'tests', '.']);
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
