// The CLI that npm run e2e:cdktf and e2e:cdktn drive: which one, from which tree, on which Node.js, and the one-line
// errors when the cdktn build or its Node.js is missing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployCli, parseDeployOptions } from '@lambda-vpc/tools/dist/engine/framework-cli';
import { Toolchain } from '@lambda-vpc/tools/dist/engine/toolchain';
import { instanceReport } from '@lambda-vpc/tools/dist/framework/framework-instance';
import { repositoryRoot } from './environments';

const toolchain = (settings: Partial<Toolchain> = {}): Toolchain => ({
  TOOLCHAIN_ENGINE: '/usr/bin/terraform',
  TOOLCHAIN_PROVIDER_BUILD: '5.46.0',
  TOOLCHAIN_PROVIDER_STATUS: 'available',
  TOOLCHAIN_MOTO_SERVER: '/tools/moto_server',
  TF_CLI_CONFIG_FILE: '/tools/terraform.rc',
  ...settings,
});

/** A repository with a cdktn build holding cdktn-cli and cdktn manifests at the given versions. */
function repositoryWithCdktnBuild(cliVersion: string, libraryVersion: string): string {
  const repository = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-deploy-cli-'));
  for (const [name, version] of [
    ['cdktn-cli', cliVersion],
    ['cdktn', libraryVersion],
  ]) {
    const folder = path.join(repository, '.frameworks', 'cdktn', 'node_modules', name);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, version }));
  }
  return repository;
}

describe('parseDeployOptions', () => {
  it('deploys dev-private-only through cdktf unless told otherwise', () => {
    expect(parseDeployOptions([])).toEqual({ stackName: 'dev-private-only', framework: 'cdktf' });
  });

  it('takes the stack and --framework in either order (npm run e2e:cdktn -- prod-nat-egress)', () => {
    expect(parseDeployOptions(['--framework', 'cdktn', 'prod-nat-egress'])).toEqual({
      stackName: 'prod-nat-egress',
      framework: 'cdktn',
    });
    expect(parseDeployOptions(['staging-privatelink', '--framework', 'cdktf'])).toEqual({
      stackName: 'staging-privatelink',
      framework: 'cdktf',
    });
  });

  it('refuses a framework it has no CLI for, and unknown options, naming what is allowed', () => {
    expect(() => parseDeployOptions(['--framework', 'pulumi'])).toThrow('--framework pulumi: allowed: cdktf, cdktn');
    expect(() => parseDeployOptions(['--framework'])).toThrow('--framework (missing): allowed: cdktf, cdktn');
    expect(() => parseDeployOptions(['--jobs', '2'])).toThrow(
      'unknown option --jobs; allowed: <env>-<variant>, --framework cdktf|cdktn',
    );
  });
});

describe('deployCli', () => {
  // This suite runs on both builds (npm run framework:test): the cdktn build has cdktn-cli in cdktf-cli's place.
  if (instanceReport().framework === 'cdktf') {
    it("cdktf: the repository's own CLI, on the running Node.js, writing stacks that record cdktf 0.21.0", () => {
      expect(deployCli('cdktf', toolchain())).toEqual({
        framework: 'cdktf',
        tree: repositoryRoot,
        bin: path.join(repositoryRoot, 'node_modules', '.bin', 'cdktf'),
        version: '0.21.0',
        libraryVersion: '0.21.0',
      });
    });
  } else {
    it('cdktf, in the cdktn build: no cdktf CLI there, and the error names the check to use', () => {
      expect(() => deployCli('cdktf', toolchain())).toThrow(
        'node_modules has no cdktf-cli: run npm install (in the cdktn build, use npm run e2e:cdktn)',
      );
    });
  }

  it("cdktn: the CDK Terrain build's CLI, from its tree, with the toolchain's Node.js first on PATH", () => {
    const repository = repositoryWithCdktnBuild('0.24.0', '0.24.0');
    const cli = deployCli('cdktn', toolchain({ TOOLCHAIN_CDKTN_NODE: '/tools/node-22.23.5/bin/node' }), repository);
    expect(cli).toEqual({
      framework: 'cdktn',
      tree: path.join(repository, '.frameworks', 'cdktn'),
      bin: path.join(repository, '.frameworks', 'cdktn', 'node_modules', '.bin', 'cdktn'),
      version: '0.24.0',
      libraryVersion: '0.24.0',
      nodeBinDir: '/tools/node-22.23.5/bin',
    });
  });

  it('cdktn without the build: names the command that makes it', () => {
    const repository = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-deploy-cli-'));
    expect(() => deployCli('cdktn', toolchain({ TOOLCHAIN_CDKTN_NODE: '/tools/node' }), repository)).toThrow(
      '.frameworks/cdktn has no cdktn-cli: run npm run framework:cdktn first',
    );
  });

  it("cdktn without a Node.js for it: gives the toolchain's reason and the command to run", () => {
    const repository = repositoryWithCdktnBuild('0.24.0', '0.24.0');
    expect(() =>
      deployCli(
        'cdktn',
        toolchain({ TOOLCHAIN_CDKTN_NODE: '', TOOLCHAIN_CDKTN_NODE_STATUS: 'unavailable: npm pack failed' }),
        repository,
      ),
    ).toThrow(
      'no Node.js for the cdktn CLI in .tools/toolchain.env (unavailable: npm pack failed): run npm run toolchain',
    );
    expect(() => deployCli('cdktn', toolchain(), repository)).toThrow(
      'no Node.js for the cdktn CLI in .tools/toolchain.env (the toolchain predates it): run npm run toolchain',
    );
  });
});

describe('the Node.js npm run toolchain installs for the cdktn CLI', () => {
  const install = fs.readFileSync(path.join(repositoryRoot, 'toolkit', 'scripts', 'toolchain', 'install.sh'), 'utf8');
  const setting = (name: string): string => {
    const match = new RegExp(`^${name}=([0-9.]+)$`, 'm').exec(install);
    if (!match) throw new Error(`toolkit/scripts/toolchain/install.sh sets no ${name}`);
    return match[1];
  };
  const lock = JSON.parse(
    fs.readFileSync(path.join(repositoryRoot, 'toolkit', 'frameworks', 'cdktn', 'package-lock.json'), 'utf8'),
  ) as {
    packages: Record<string, { version: string; engines?: { node?: string } }>;
  };
  const numeric = (version: string): number[] => version.split('.').map(Number);
  const atLeast = (version: string, minimum: string): boolean => {
    const [a, b] = [numeric(version), numeric(minimum)];
    return (a[0] - b[0] || a[1] - b[1] || a[2] - b[2]) >= 0;
  };

  it('is held to the minimum the locked cdktn-cli declares (engines.node)', () => {
    expect(lock.packages['node_modules/cdktn-cli'].engines?.node).toBe(`>=${setting('CDKTN_NODE_MINIMUM')}`);
  });

  it('installs a version that meets it', () => {
    expect(atLeast(setting('CDKTN_NODE_VERSION'), setting('CDKTN_NODE_MINIMUM'))).toBe(true);
    expect(atLeast('22.18.9', setting('CDKTN_NODE_MINIMUM'))).toBe(false);
  });
});
