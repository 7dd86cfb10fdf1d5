// What a build resolves the framework names to, and the check that a framework build is what its framework.json
// says: `cdktf` is the framework's own module object (one instance for the sources and the provider bindings), the
// AWS bindings are the named package and version, generated from the named hashicorp/aws, and constructs is one copy.
// Run as a script (node toolkit/commands/dist/framework/framework-instance.js) it prints the report of the build it
// sits in.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from '../repository-root';
import { FrameworkBuild, treeEnvironment } from './build-tree';

/** What one build resolves. */
export interface InstanceReport {
  /** The framework the AWS bindings are made for (their peer): `cdktf` or `cdktn`. */
  readonly framework: string;
  /** Its installed version. */
  readonly frameworkVersion: string;
  /** Whether `require('cdktf')` is the very module object the bindings load as their framework. */
  readonly sameInstance: boolean;
  /** The package `@cdktf/provider-aws` resolves to. */
  readonly provider: { readonly name: string; readonly version: string };
  /** The bindings' README title, which names the hashicorp/aws version they were generated from. */
  readonly providerTitle: string;
  /** Every location of constructs in the build's lockfile. */
  readonly constructsCopies: readonly string[];
}

interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies?: Record<string, string>;
}

/** The AWS bindings of the build this file is in (resolved from its own node_modules): manifest and folder. */
function awsBindings(): { provider: PackageManifest; providerDir: string } {
  const manifest = require.resolve('@cdktf/provider-aws/package.json');
  return {
    provider: JSON.parse(fs.readFileSync(manifest, 'utf8')) as PackageManifest,
    providerDir: path.dirname(manifest),
  };
}

/** The framework of this build, `cdktf` or `cdktn`: the one its AWS bindings are made for (their peer). */
export function buildFramework(): string {
  const framework = Object.keys(awsBindings().provider.peerDependencies ?? {}).find((name) => name !== 'constructs');
  if (!framework) throw new Error('@cdktf/provider-aws names no framework among its peer dependencies');
  return framework;
}

/** The report of the build this file is in. */
export function instanceReport(): InstanceReport {
  const { provider, providerDir } = awsBindings();
  const framework = buildFramework();
  const frameworkManifest = require.resolve(`${framework}/package.json`, { paths: [providerDir] });
  const lock = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  return {
    framework,
    frameworkVersion: (JSON.parse(fs.readFileSync(frameworkManifest, 'utf8')) as PackageManifest).version,
    sameInstance: require('cdktf') === require(require.resolve(framework, { paths: [providerDir] })),
    provider: { name: provider.name, version: provider.version },
    providerTitle:
      fs
        .readFileSync(path.join(providerDir, 'README.md'), 'utf8')
        .split('\n')
        .find((line) => line.startsWith('# ')) ?? '',
    constructsCopies: Object.keys(lock.packages).filter((location) => /(^|\/)node_modules\/constructs$/.test(location)),
  };
}

/** The report of a prepared build, from a process of its own (its node_modules, not this one's). */
export function reportOf(tree: string): InstanceReport {
  const script = path.join('toolkit', 'commands', 'dist', 'framework', 'framework-instance.js');
  return JSON.parse(
    execFileSync('node', [script], { cwd: tree, encoding: 'utf8', env: treeEnvironment() }),
  ) as InstanceReport;
}

/** Checks a prepared (and built) framework build against its framework.json; throws with every mismatch. */
export function checkFrameworkInstance(build: FrameworkBuild): string {
  const report = reportOf(build.tree);
  const bindings = build.spec.awsProviderBindings;
  const problems = [
    report.framework === build.spec.framework && report.frameworkVersion === build.spec.version
      ? ''
      : `the bindings load ${report.framework} ${report.frameworkVersion}, not ${build.spec.framework} ` +
        `${build.spec.version}`,
    report.sameInstance
      ? ''
      : `require('cdktf') is not the module object the bindings load as ${report.framework}: two framework instances`,
    report.provider.name === bindings.package && report.provider.version === bindings.version
      ? ''
      : `@cdktf/provider-aws resolves to ${report.provider.name} ${report.provider.version}, not ${bindings.package} ` +
        `${bindings.version}`,
    report.providerTitle.endsWith(`hashicorp/aws provider version ${bindings.hashicorpAws}`)
      ? ''
      : `the bindings' README says "${report.providerTitle}", not hashicorp/aws ${bindings.hashicorpAws}`,
    report.constructsCopies.length === 1
      ? ''
      : `constructs is installed ${report.constructsCopies.length} times: ${report.constructsCopies.join(', ')}`,
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`the ${build.name} build is not what framework.json says:\n  - ${problems.join('\n  - ')}`);
  return (
    `cdktf -> ${report.framework} ${report.frameworkVersion} (one instance), @cdktf/provider-aws -> ` +
    `${report.provider.name} ` +
    `${report.provider.version} (hashicorp/aws ${bindings.hashicorpAws} bindings), one constructs ` +
    `(${report.constructsCopies[0]})`
  );
}

if (require.main === module) console.log(JSON.stringify(instanceReport()));
