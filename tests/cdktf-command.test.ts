// `npm run cdktf -- <command>` (toolkit/commands/src/cli/cdktf.ts), offline: the CLI's telemetry call is never made,
// and a diff whose `terraform init` cannot reach the provider registry ends with one line naming the offline route,
// a non-zero status and nothing of the failed init left in cdktf.out. The machine's network does not matter: the
// checkpoint service fails through a preloaded stub, and the registry through a proxy that refuses connections.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initFilesIn, removeFailedInitFiles } from '@lambda-vpc/tools/dist/cli/init-leftovers';
import { OFFLINE_ROUTE, ProviderInstallWatch } from '@lambda-vpc/tools/dist/cli/provider-install-failure';
import { repositoryRoot, synthAllEnvironments } from './environments';

const COMMAND = path.join(repositoryRoot, 'toolkit', 'commands', 'dist', 'cli', 'cdktf.js');
const CLI_MANIFEST = path.join(repositoryRoot, 'node_modules', 'cdktf-cli', 'package.json');
const STACK = 'dev-private-only';

/** An app folder holding a synthesized cdktf.out (every environment's stacks) and an app that synthesizes nothing. */
function offlineApp(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-cdktf-offline-'));
  fs.writeFileSync(path.join(folder, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node -e 0' }));
  fs.cpSync(synthAllEnvironments().outdir, path.join(folder, 'cdktf.out'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'empty.tfrc'), '');
  return folder;
}

/** A machine without internet access, whatever this one has; no telemetry switch set by the caller. */
function offlineEnvironment(folder: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `--require ${path.join(__dirname, 'fixtures', 'checkpoint-unreachable.js')}`,
    TF_CLI_CONFIG_FILE: path.join(folder, 'empty.tfrc'),
    HTTPS_PROXY: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    CI: '1',
  };
  for (const name of ['CHECKPOINT_DISABLE', 'TF_PLUGIN_CACHE_DIR', 'NO_PROXY', 'no_proxy']) delete env[name];
  return env;
}

function run(folder: string, program: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [program, ...args], {
    cwd: folder,
    env: offlineEnvironment(folder),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const TELEMETRY_LINE = /checkpoint-api|ENOTFOUND/;

describe('a provider installation failure, as terraform and tofu word it', () => {
  const watching = (...chunks: string[]): string | undefined => {
    const watch = new ProviderInstallWatch();
    for (const chunk of chunks) watch.read(chunk);
    return watch.reason;
  };
  const UNREACHABLE = 'could not reach the provider registry';

  it('is found in coloured output, with colour codes inside a phrase, and across two chunks', () => {
    expect(watching('\u001b[1mFailed to query available \u001b[0mprovider packages')).toBe(
      'could not install the providers',
    );
    expect(watching('Failed to query available provider packages', 'could not connect to registry.ter')).toBe(
      'could not install the providers',
    );
    expect(watching('could not connect to registry.ter', 'raform.io: failed')).toBe(UNREACHABLE);
    expect(watching('could not connect to registry.opentofu.org')).toBe(UNREACHABLE);
  });

  it('names the most specific cause seen: an unreachable registry, or a mirror without the pinned version', () => {
    expect(
      watching('Error: Failed to query available provider packages', 'could not connect to registry.terraform.io'),
    ).toBe(UNREACHABLE);
    expect(
      watching('Failed to query available provider packages', 'no available releases match the given constraints'),
    ).toBe("found no release matching the stack's provider versions in its provider sources (registry or mirror)");
  });

  it('is not an init that failed for another reason', () => {
    expect(watching('- Finding hashicorp/aws versions matching "6.25.0"...')).toBeUndefined();
    expect(
      watching('Error: No valid credential sources found', 'Error: terraform init failed with exit code 1'),
    ).toBeUndefined();
  });

  it('points to a section docs/deploying.md has', () => {
    const [doc, heading] = /^(\S+), "(.+)"$/.exec(OFFLINE_ROUTE)!.slice(1);
    expect(fs.readFileSync(path.join(repositoryRoot, doc), 'utf8').split('\n')).toContain(`## ${heading}`);
  });
});

describe('what a failed init leaves in cdktf.out', () => {
  const outDir = (): string => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-init-files-')), 'cdktf.out');
    for (const stack of ['a', 'b', 'c']) fs.mkdirSync(path.join(out, 'stacks', stack), { recursive: true });
    return out;
  };
  const touch = (file: string): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
  };

  it('is removed where this init created .terraform without a provider; earlier files and full inits stay', () => {
    const out = outDir();
    touch(path.join(out, 'stacks', 'b', '.terraform.lock.hcl'));
    const before = initFilesIn(out);
    // a: failed init (backend settings only); b: failed init beside an earlier lock file; c: an init that got through.
    touch(path.join(out, 'stacks', 'a', '.terraform', 'terraform.tfstate'));
    touch(path.join(out, 'stacks', 'b', '.terraform', 'terraform.tfstate'));
    touch(path.join(out, 'stacks', 'c', '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws'));
    touch(path.join(out, 'stacks', 'c', '.terraform.lock.hcl'));
    expect(removeFailedInitFiles(out, before).map((folder) => path.basename(folder))).toEqual(['a', 'b']);
    expect([...initFilesIn(out)].map(([folder, files]) => [path.basename(folder), [...files]])).toEqual([
      ['a', []],
      ['b', ['.terraform.lock.hcl']],
      ['c', ['.terraform', '.terraform.lock.hcl']],
    ]);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});

if (fs.existsSync(CLI_MANIFEST)) {
  const bareCli = path.join(path.dirname(CLI_MANIFEST), 'bundle', 'bin', 'cdktf');
  let folder: string;
  beforeAll(() => {
    folder = offlineApp();
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  describe('npm run cdktf -- list, offline', () => {
    it('lists the stacks with no checkpoint-api or ENOTFOUND line, where the bare CLI prints one', () => {
      const bare = run(folder, bareCli, ['list']);
      expect(bare.output).toMatch(TELEMETRY_LINE);
      const listed = run(folder, COMMAND, ['list']);
      expect(listed.status).toBe(0);
      expect(listed.output).toMatch(new RegExp(`^${STACK}\\s+cdktf.out/stacks/${STACK}$`, 'm'));
      expect(listed.output).not.toMatch(TELEMETRY_LINE);
    }, 60_000);
  });

  describe('npm run cdktf -- diff, when terraform init cannot reach the provider registry', () => {
    it('names the offline route in one line, exits non-zero, and leaves no .terraform in cdktf.out', () => {
      const stackFolder = path.join(folder, 'cdktf.out', 'stacks', STACK);
      // A lock file from an earlier init stays: only what this init created is removed.
      const lock = '# an earlier init\n';
      fs.writeFileSync(path.join(stackFolder, '.terraform.lock.hcl'), lock);
      const diff = run(folder, COMMAND, ['diff', STACK, '--skip-synth']);
      expect(diff.status).not.toBe(0);
      expect(diff.output).toContain('Failed to query available provider packages');
      expect(diff.output.split('\n').filter((line) => line.startsWith('cdktf: '))).toEqual([
        'cdktf: terraform init could not reach the provider registry: see docs/deploying.md, "Without registry ' +
          'access" (the provider mirror and .tools/terraform.rc); removed what the failed init left in ' +
          `cdktf.out/stacks/${STACK}`,
      ]);
      expect(diff.output).not.toMatch(TELEMETRY_LINE);
      expect(fs.existsSync(path.join(stackFolder, '.terraform'))).toBe(false);
      expect(fs.readFileSync(path.join(stackFolder, '.terraform.lock.hcl'), 'utf8')).toBe(lock);
    }, 60_000);
  });
} else {
  // The cdktn build (npm run framework:test) installs cdktn-cli in cdktf-cli's place.
  describe('npm run cdktf, in the cdktn build', () => {
    it('refuses in one line naming what to install', () => {
      const result = spawnSync(process.execPath, [COMMAND, 'list'], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('cdktf: node_modules has no cdktf-cli: run npm install at the repository root\n');
    });
  });
}
