// What an environment app's synth checks against the rest of the repository, and what it leaves behind.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  blameChanged,
  ConfigError,
  EnvironmentInput,
  loadAppEnvironment,
  loadEnvironments,
  loadRepositoryEnvironments,
  runEnvironmentApp,
  synthEnvironmentApp,
  synthEnvironments,
} from '@lambda-vpc/stacks';
import { captureConsole, environmentValues, variantsAt, variantsWith } from './fixtures';

/** A scratch repository with one built app per entry: apps/<folder>/{cdktf.json, dist/environment.js}. */
function scratchRepository(apps: Record<string, EnvironmentInput>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-repo-'));
  for (const [folder, values] of Object.entries(apps)) {
    fs.mkdirSync(path.join(root, 'apps', folder, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(root, 'apps', folder, 'cdktf.json'), '{}');
    fs.writeFileSync(
      path.join(root, 'apps', folder, 'dist', 'environment.js'),
      `exports.environment = ${JSON.stringify(values)};`,
    );
  }
  return root;
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const dev = environmentValues({ name: 'dev', variants: variantsAt(10) });
const staging = environmentValues({ name: 'staging', variants: variantsAt(20) });

describe('an app is checked against every other app of the repository', () => {
  it("refuses a VPC CIDR that overlaps another environment's, reported against the app being synthesized", () => {
    const changed = environmentValues({
      name: 'dev',
      variants: variantsWith({ natEgress: { cidr: '10.21.0.0/16' } }, 10),
    });
    expect(
      problemsOf(() =>
        loadAppEnvironment({ folder: 'dev', values: changed }, [{ folder: 'staging', values: staging }]),
      ),
    ).toEqual([
      'environment "dev", field variants.natEgress.cidr = "10.21.0.0/16": overlaps staging-nat-egress ' +
        '(10.21.0.0/16); every VPC in the repository needs its own range',
    ]);
  });

  it("refuses an on-premises range inside another environment's VPC", () => {
    const changed = environmentValues({
      name: 'dev',
      variants: variantsWith({ privatelink: { onPremisesCidrs: ['10.20.8.0/24'] } }, 10),
    });
    expect(
      problemsOf(() =>
        loadAppEnvironment({ folder: 'dev', values: changed }, [{ folder: 'staging', values: staging }]),
      ),
    ).toEqual([
      'environment "dev", field variants.privatelink.onPremisesCidrs.0 = "10.20.8.0/24": overlaps the VPC of ' +
        'staging-private-only (10.20.0.0/16); on-premises and peer networks need ranges of their own',
    ]);
  });

  it("refuses a VPC placed on another environment's on-premises range, blaming the VPC that moved", () => {
    const withOnPremises = environmentValues({
      name: 'staging',
      variants: variantsWith({ privatelink: { onPremisesCidrs: ['10.99.0.0/16'] } }, 20),
    });
    const moved = environmentValues({
      name: 'dev',
      variants: variantsWith({ privateOnly: { cidr: '10.99.0.0/16' } }, 10),
    });
    expect(
      problemsOf(() =>
        loadAppEnvironment({ folder: 'dev', values: moved }, [{ folder: 'staging', values: withOnPremises }]),
      ),
    ).toEqual([
      'environment "dev", field variants.privateOnly.cidr = "10.99.0.0/16": overlaps 10.99.0.0/16, an on-premises ' +
        'network of staging-privatelink; every VPC needs a range of its own',
    ]);
  });

  it('refuses an app whose name differs from its folder in one line, though the name it took is also taken', () => {
    expect(
      problemsOf(() =>
        loadAppEnvironment({ folder: 'qa', values: { ...staging, variants: variantsAt(30) } }, [
          { folder: 'staging', values: staging },
        ]),
      ),
    ).toEqual([
      'environment "staging", field name = "staging": differs from its folder apps/qa; an app\'s name must be its ' +
        "folder's (its stacks, state and workflows are named after both)",
    ]);
  });

  it("leaves another app's own problems to that app's synth", () => {
    const broken = { ...staging, region: 'mars-1' };
    expect(loadAppEnvironment({ folder: 'dev', values: dev }, [{ folder: 'staging', values: broken }]).name).toBe(
      'dev',
    );
  });
});

describe('the repository-wide check (npm run synth, the root app)', () => {
  it('blames the environment that changed, whichever order the folders come in', () => {
    const values = [
      environmentValues({ name: 'dev', variants: variantsWith({ natEgress: { cidr: '10.21.0.0/16' } }, 10) }),
      staging,
    ];
    expect(
      problemsOf(() =>
        loadEnvironments(values, { folders: ['dev', 'staging'], blame: blameChanged(new Set(['dev'])) }),
      ),
    ).toEqual([
      'environment "dev", field variants.natEgress.cidr = "10.21.0.0/16": overlaps staging-nat-egress ' +
        '(10.21.0.0/16); every VPC in the repository needs its own range',
    ]);
    expect(
      problemsOf(() =>
        loadEnvironments(values, { folders: ['dev', 'staging'], blame: blameChanged(new Set(['staging'])) }),
      ),
    ).toEqual([
      'environment "staging", field variants.natEgress.cidr = "10.21.0.0/16": overlaps dev-nat-egress ' +
        '(10.21.0.0/16); every VPC in the repository needs its own range',
    ]);
  });

  it('blames the later folder when neither or both changed', () => {
    const values = [
      environmentValues({ name: 'dev', variants: variantsWith({ natEgress: { cidr: '10.21.0.0/16' } }, 10) }),
      staging,
    ];
    expect(
      problemsOf(() => loadEnvironments(values, { folders: ['dev', 'staging'], blame: blameChanged(new Set()) }))[0],
    ).toMatch(/^environment "staging", field variants\.natEgress\.cidr/);
  });

  it('reads every built app with its folder, so a copied app that kept its name is refused', () => {
    const root = scratchRepository({ dev, qa: dev });
    expect(problemsOf(() => loadRepositoryEnvironments(root))).toEqual([
      'environment "dev", field name = "dev": differs from its folder apps/qa; an app\'s name must be its folder\'s ' +
        '(its stacks, state and workflows are named after both)',
      'environment "dev", field variants.privateOnly.cidr = "10.10.0.0/16": overlaps dev-private-only ' +
        '(10.10.0.0/16); every VPC in the repository needs its own range',
      'environment "dev", field variants.natEgress.cidr = "10.11.0.0/16": overlaps dev-nat-egress (10.11.0.0/16); ' +
        'every VPC in the repository needs its own range',
      'environment "dev", field variants.privatelink.cidr = "10.12.0.0/16": overlaps dev-privatelink (10.12.0.0/16); ' +
        'every VPC in the repository needs its own range',
    ]);
  });
});

describe("runEnvironmentApp (each app's main)", () => {
  const { logs, errors } = captureConsole();

  it('synthesizes its own environment alone, checked against the others', () => {
    const root = scratchRepository({ dev, staging });
    const outdir = path.join(root, 'apps', 'dev', 'cdktf.out');
    const result = synthEnvironmentApp(dev, path.join(root, 'apps', 'dev'), { outdir });
    expect(result.stacks.map((stack) => stack.name)).toEqual(['dev-private-only', 'dev-nat-egress', 'dev-privatelink']);
  });

  it('prints a conflict with another app once, writes nothing and exits 1', () => {
    const root = scratchRepository({ dev, staging });
    const outdir = path.join(root, 'apps', 'dev', 'cdktf.out');
    const overlapping = environmentValues({
      name: 'dev',
      variants: variantsWith({ privatelink: { cidr: '10.20.0.0/17' } }, 10),
    });
    runEnvironmentApp(overlapping, path.join(root, 'apps', 'dev'), { outdir });
    expect(errors).toEqual([
      'synth failed: 1 problem(s) in the environment config; nothing was written',
      '  - environment "dev", field variants.privatelink.cidr = "10.20.0.0/17": overlaps staging-private-only ' +
        '(10.20.0.0/16); every VPC in the repository needs its own range',
    ]);
    expect(logs).toEqual([]);
    expect(process.exitCode).toBe(1);
    expect(fs.readdirSync(path.join(root, 'apps', 'dev'))).toEqual(['cdktf.json', 'dist']);
  });

  it('names an app that is not built instead of checking against stale values', () => {
    const root = scratchRepository({ dev, staging });
    fs.rmSync(path.join(root, 'apps', 'staging', 'dist'), { recursive: true });
    runEnvironmentApp(dev, path.join(root, 'apps', 'dev'), { outdir: path.join(root, 'apps', 'dev', 'cdktf.out') });
    expect(errors).toEqual([
      'synth failed; nothing was written: apps/staging is not built (no dist/environment.js); run npm run build',
    ]);
    expect(process.exitCode).toBe(1);
  });
});

describe('variants an environment leaves out', () => {
  it('get no stack, and the others synthesize as usual', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-')), 'cdktf.out');
    const { natEgress } = variantsAt(10);
    const result = synthEnvironments([environmentValues({ name: 'edge', variants: { natEgress } })], { outdir });
    expect(result.stacks.map((stack) => stack.name)).toEqual(['edge-nat-egress']);
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['edge-nat-egress']);
  });

  it("are left out of the repository's CIDR checks", () => {
    const { privateOnly } = variantsAt(10);
    const configs = loadEnvironments([environmentValues({ name: 'edge', variants: { privateOnly } }), staging]);
    expect(configs.map((config) => Object.keys(config.variants))).toEqual([
      ['privateOnly'],
      ['privateOnly', 'natEgress', 'privatelink'],
    ]);
  });
});

describe('a synth stopped part-way', () => {
  const script = (outdir: string) => `
    const { synthEnvironments } = require(${JSON.stringify(require.resolve('@lambda-vpc/stacks'))});
    const values = ${JSON.stringify(environmentValues())};
    // Stopped by a signal in the middle of synthesizing; the parent sends SIGTERM once this is printed.
    synthEnvironments([values], { outdir: ${JSON.stringify(outdir)}, addStacks: () => {
      console.log('building');
      const until = Date.now() + 20000;
      while (Date.now() < until) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); }
    } });`;

  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
    'leaves no staging folder when ended by %s, and the previous output as it was',
    async (signal) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-stopped-'));
      const outdir = path.join(dir, 'cdktf.out');
      fs.mkdirSync(outdir);
      fs.writeFileSync(path.join(outdir, 'previous.json'), '{}');
      const child = spawn(process.execPath, ['-e', script(outdir)], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('building')) resolve();
        }),
      );
      expect(fs.readdirSync(dir).filter((entry) => entry.startsWith('cdktf.out.staging-'))).toHaveLength(1);
      child.kill(signal);
      expect(await new Promise((resolve) => child.on('exit', (_code, ended) => resolve(ended)))).toBe(signal);
      const until = Date.now() + 5000;
      while (fs.readdirSync(dir).length > 1 && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
      expect(fs.readdirSync(outdir)).toEqual(['previous.json']);
    },
    30000,
  );

  it('leaves no watcher running once it has ended, however many synths one process runs', () => {
    const watchers = () =>
      execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('kill -0') && line.includes(` ${process.pid} `)).length;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-watch-'));
    for (let run = 0; run < 3; run += 1)
      synthEnvironments([environmentValues()], { outdir: path.join(dir, `run-${run}`, 'cdktf.out') });
    expect(watchers()).toBe(0);
  });

  it('when killed outright, has its staging folder removed by the next synth', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-killed-'));
    const outdir = path.join(dir, 'cdktf.out');
    // No process has this PID (above Linux's pid_max), so its folder was abandoned.
    fs.mkdirSync(`${outdir}.staging-4194305`);
    fs.mkdirSync(`${outdir}.staging-${process.pid}-not-a-pid`);
    synthEnvironments([environmentValues()], { outdir });
    expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', `cdktf.out.staging-${process.pid}-not-a-pid`]);
  });
});
