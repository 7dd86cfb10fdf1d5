#!/usr/bin/env node
// `npm run cdktf -- <command> [args]` in an environment app, an example or the repository root: the cdktf CLI with
// its telemetry call to checkpoint-api.hashicorp.com turned off (offline it prints an [ERROR] line on every command;
// the CLI reads no setting for it but the CHECKPOINT_DISABLE variable). When a command that runs `terraform init`
// fails to install the providers (registry unreachable, or a mirror without the pinned version), it says where the
// offline route is documented, removes what the failed init left in cdktf.out, and exits with the CLI's status.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { initFilesIn, removeFailedInitFiles } from './init-leftovers';
import { OFFLINE_ROUTE, ProviderInstallWatch } from './provider-install-failure';

/** The CLI commands that run `terraform init` in a stack folder first. */
const INIT_COMMANDS = new Set(['diff', 'plan', 'deploy', 'apply', 'destroy', 'output']);

function fail(message: string): never {
  console.error(`cdktf: ${message}`);
  process.exit(1);
}

/** The CLI's entry script in the repository's node_modules, run by this Node.js (no shell, no npx lookup). */
function cliEntry(): string {
  const manifest = path.join(root, 'node_modules', 'cdktf-cli', 'package.json');
  if (!fs.existsSync(manifest)) fail('node_modules has no cdktf-cli: run npm install at the repository root');
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin.cdktf);
}

/** The synthesized output folder: `--output`, else cdktf.json's `output`, else cdktf.out. */
function outputFolder(argv: readonly string[]): string {
  const flag = argv.findIndex((arg) => arg === '--output' || arg === '-o');
  const inline = argv.find((arg) => arg.startsWith('--output='));
  if (inline) return path.resolve(inline.slice('--output='.length));
  if (flag >= 0 && argv[flag + 1]) return path.resolve(argv[flag + 1]);
  try {
    const config = JSON.parse(fs.readFileSync('cdktf.json', 'utf8')) as { output?: string };
    return path.resolve(config.output ?? 'cdktf.out');
  } catch {
    return path.resolve('cdktf.out');
  }
}

const argv = process.argv.slice(2);
const runsInit = INIT_COMMANDS.has(argv.find((arg) => !arg.startsWith('-')) ?? '');
const outDir = outputFolder(argv);
// Only a command that runs init is watched and cleaned up after; the others start the CLI at once.
const before = runsInit ? initFilesIn(outDir) : new Map();
const watch = new ProviderInstallWatch();
// Terraform honours the same variable, so its own update check stays off too. Any non-empty value turns it off.
const env = { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE || '1' };
// Output passes through as it comes; it is read only where an init runs. Input stays the terminal's, for the
// deploy's approval prompt.
const child = spawn(process.execPath, [cliEntry(), ...argv], {
  env,
  stdio: ['inherit', runsInit ? 'pipe' : 'inherit', runsInit ? 'pipe' : 'inherit'],
});
for (const [stream, sink] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
] as const) {
  stream?.on('data', (chunk: Buffer) => {
    sink.write(chunk);
    watch.read(chunk.toString('utf8'));
  });
}
// Ctrl-C reaches the CLI too (same process group); it decides how to stop, and this process reports its status.
process.on('SIGINT', () => undefined);
child.on('error', (error) => fail(`cannot start the cdktf CLI: ${error.message}`));
child.on('close', (code, signal) => {
  const status = code ?? (signal ? 1 : 0);
  if (status !== 0 && runsInit && watch.reason) {
    const cleaned = removeFailedInitFiles(outDir, before).map((folder) => path.relative(process.cwd(), folder));
    console.error(
      `cdktf: terraform init ${watch.reason}: see ${OFFLINE_ROUTE} (the provider mirror and .tools/terraform.rc)` +
        (cleaned.length > 0 ? `; removed what the failed init left in ${cleaned.join(', ')}` : ''),
    );
  }
  process.exit(status);
});
