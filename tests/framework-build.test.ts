// The framework switch (npm run framework:cdktn): the sources import cdktf names only, the cdktn build rewrites the
// manifests and resolves those names to cdktn, and each build, cdktf or cdktn, runs on one framework instance.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { repositoryRoot } from './environments';

import { FrameworkSpec } from '@lambda-vpc/tools/dist/framework/build-tree';
import { buildFramework, instanceReport } from '@lambda-vpc/tools/dist/framework/framework-instance';
import { rewriteManifest } from '@lambda-vpc/tools/dist/framework/rewrite-manifest';

const definition = path.join(repositoryRoot, 'toolkit', 'frameworks', 'cdktn');
const spec = JSON.parse(fs.readFileSync(path.join(definition, 'framework.json'), 'utf8')) as FrameworkSpec;
const shim = path.join(definition, 'cdktf');

/**
 * Every module name the code both builds compile and run imports or requires: the workspaces' sources and tests, test
 * support, the commands and scripts. Not the repository tests here (they quote import lines as data), and not
 * toolkit/commands/src/framework, which reads either build by design.
 */
function importedModules(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*.ts', '*.js'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  const files = listed
    .split('\n')
    .filter(
      (file) =>
        /^(packages|stacks|apps|examples|bootstrap|test-support|tools|scripts)\//.test(file) &&
        !file.startsWith('toolkit/commands/src/framework/') &&
        !file.endsWith('.d.ts') &&
        fs.existsSync(path.join(repositoryRoot, file)),
    );
  const pattern = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"./][^'"]*)['"]/g;
  return [
    ...new Set(
      files.flatMap((file) =>
        [...fs.readFileSync(path.join(repositoryRoot, file), 'utf8').matchAll(pattern)].map((m) => m[1]),
      ),
    ),
  ].sort();
}

describe('the manifests of the cdktn build', () => {
  const workspace = {
    name: '@lambda-vpc/network',
    scripts: { build: 'tsc' },
    dependencies: {
      '@lambda-vpc/stack-model': '0.1.0',
      '@cdktf/provider-aws': '21.22.1',
      cdktf: '0.21.0',
      constructs: '10.4.2',
    },
  };

  it(
    'resolve the AWS bindings to @cdktn/provider-aws under their cdktf name, and constructs to the version cdktn ' +
      'accepts',
    () => {
      expect(rewriteManifest(workspace, spec, { root: false })).toEqual({
        name: '@lambda-vpc/network',
        scripts: { build: 'tsc' },
        dependencies: {
          '@lambda-vpc/stack-model': '0.1.0',
          '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@25.5.0',
          cdktf: '0.21.0',
          constructs: '10.6.0',
        },
      });
    },
  );

  it(
    'replace cdktf-cli by cdktn-cli, and add the cdktf module names as a workspace and constructs as one version, ' +
      'at the root only',
    () => {
      const root = {
        name: 'root',
        workspaces: ['packages/*'],
        devDependencies: { 'cdktf-cli': '0.21.0', turbo: '2.11.11' },
      };
      expect(rewriteManifest(root, spec, { root: true })).toEqual({
        name: 'root',
        workspaces: ['packages/*', 'toolkit/frameworks/cdktn/cdktf'],
        overrides: { constructs: '10.6.0' },
        devDependencies: { 'cdktn-cli': '0.24.0', turbo: '2.11.11' },
      });
      expect(rewriteManifest(workspace, spec, { root: false })).not.toHaveProperty('workspaces');
    },
  );

  it('name the bindings framework.json documents, generated from the hashicorp/aws it names', () => {
    const { package: name, version, hashicorpAws } = spec.awsProviderBindings;
    expect([spec.dependencies['@cdktf/provider-aws'].spec, hashicorpAws]).toEqual([`npm:${name}@${version}`, '6.64.0']);
  });
});

describe('the cdktf module names the cdktn build resolves (toolkit/frameworks/cdktn/cdktf)', () => {
  it(
    'are every framework module the sources import: cdktf, its deep paths, constructs and the bindings by deep ' +
      'path',
    () => {
      const framework = importedModules().filter((name) => /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/.test(name));
      const deepCdktf = framework.filter((name) => name.startsWith('cdktf/'));
      expect(deepCdktf).toEqual(['cdktf/lib/synthesize/synthesizer', 'cdktf/lib/tokens/private/stack-trace']);
      for (const name of deepCdktf) {
        const relative = name.slice('cdktf/'.length);
        expect([name, fs.readFileSync(path.join(shim, `${relative}.js`), 'utf8')]).toEqual([
          name,
          expect.stringContaining(`require('cdktn/${relative}')`),
        ]);
        expect([name, fs.readFileSync(path.join(shim, `${relative}.d.ts`), 'utf8').trim()]).toEqual([
          name,
          `export * from 'cdktn/${relative}';`,
        ]);
      }
      // Nothing names cdktn itself (the default build does not install it); the bindings only by deep path.
      expect(
        framework.filter(
          (name) =>
            !['cdktf', 'constructs', ...deepCdktf].includes(name) &&
            !/^@cdktf\/provider-(aws|tfe)\/lib\/[a-z0-9-]+$/.test(name),
        ),
      ).toEqual([]);
    },
  );

  it(
    'are the cdktn module object itself at the root, at the version every cdktf dependency and @cdktf/provider-tfe ' +
      'accept',
    () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(shim, 'package.json'), 'utf8'));
      expect([manifest.name, manifest.version, manifest.main, manifest.dependencies]).toEqual([
        'cdktf',
        '0.21.0',
        'index.js',
        { cdktn: spec.version },
      ]);
      expect(fs.readFileSync(path.join(shim, 'index.js'), 'utf8')).toMatch(/^module\.exports = require\('cdktn'\);$/m);
    },
  );
});

describe(`this build's framework (${buildFramework()})`, () => {
  it(
    'is one module instance: the AWS bindings load, as their framework, the very module the sources import as ' +
      'cdktf',
    () => {
      const report = instanceReport();
      expect([report.framework, report.sameInstance]).toEqual([buildFramework(), true]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the two instances as this build resolves them
      if (report.framework === 'cdktn') expect(require('cdktf')).toBe(require('cdktn'));
    },
  );

  it('makes provider resources that are TerraformResources of the framework the stacks are built with', () => {
    const stack = new TerraformStack(new App(), 'instance');
    expect(new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' })).toBeInstanceOf(TerraformResource);
  });

  it('has one copy of constructs', () => {
    expect(instanceReport().constructsCopies).toEqual(['node_modules/constructs']);
  });
});

describe('toolkit/frameworks/cdktn/package-lock.json (the cdktn build, locked)', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(definition, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { name?: string; version?: string; link?: boolean; resolved?: string }>;
  };

  it('locks cdktn, its CLI and the named bindings under their cdktf name, and links cdktf to the module names', () => {
    const at = (location: string) => lock.packages[location];
    expect(at('node_modules/cdktn')?.version).toBe(spec.version);
    expect(at('node_modules/cdktn-cli')?.version).toBe(spec.dependencies['cdktf-cli'].spec);
    expect([at('node_modules/@cdktf/provider-aws')?.name, at('node_modules/@cdktf/provider-aws')?.version]).toEqual([
      spec.awsProviderBindings.package,
      spec.awsProviderBindings.version,
    ]);
    expect(at('node_modules/cdktf')).toMatchObject({ link: true, resolved: 'toolkit/frameworks/cdktn/cdktf' });
    expect(at('node_modules/cdktf-cli')).toBeUndefined();
  });

  it('locks one constructs, at the version framework.json names', () => {
    const copies = Object.entries(lock.packages).filter(([location]) =>
      /(^|\/)node_modules\/constructs$/.test(location),
    );
    expect(copies.map(([location, locked]) => [location, locked.version])).toEqual([
      ['node_modules/constructs', spec.overrides.constructs],
    ]);
  });
});
