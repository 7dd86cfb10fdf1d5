// Where a framework build lives and how a command runs inside it. The build is a copy of the repository's sources in
// .frameworks/<framework> (gitignored), with its own node_modules and turbo cache; toolkit/frameworks/<framework>
// (tracked) holds what makes it: framework.json, the cdktf module names it resolves, and its package-lock.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';

/** A manifest change of a framework build: the dependency's new spec and, for a renamed package, its new name. */
export interface DependencyChange {
  /** The spec it gets (`npm:@cdktn/provider-aws@25.5.0`, `10.6.0`). */
  readonly spec: string;
  /** The package that replaces it (`cdktn-cli` for `cdktf-cli`). @default the same name */
  readonly name?: string;
  /** Why. */
  readonly why: string;
}

/** toolkit/frameworks/<name>/framework.json. */
export interface FrameworkSpec {
  /** The framework package (`cdktn`). */
  readonly framework: string;
  /** Its version. */
  readonly version: string;
  /** The AWS bindings the build installs, and the hashicorp/aws version they were generated from. */
  readonly awsProviderBindings: {
    readonly package: string;
    readonly version: string;
    readonly hashicorpAws: string;
    readonly why: string;
  };
  /** Workspaces the build adds to the root manifest. */
  readonly workspaces: readonly string[];
  /** npm overrides the build adds to the root manifest. */
  readonly overrides: Readonly<Record<string, string>>;
  /** The dependencies it changes, by their name in the repository's manifests. */
  readonly dependencies: Readonly<Record<string, DependencyChange>>;
}

/** The tracked definition and the prepared copy of one framework build. */
export interface FrameworkBuild {
  /** `cdktn`. */
  readonly name: string;
  /** toolkit/frameworks/<name>. */
  readonly definition: string;
  /** Its framework.json. */
  readonly spec: FrameworkSpec;
  /** toolkit/frameworks/<name>/package-lock.json. */
  readonly lockfile: string;
  /** .frameworks/<name>: the build tree. */
  readonly tree: string;
}

/** The build of framework `name`. */
export function frameworkBuild(name = 'cdktn'): FrameworkBuild {
  const definition = path.join(root, 'toolkit', 'frameworks', name);
  return {
    name,
    definition,
    spec: JSON.parse(fs.readFileSync(path.join(definition, 'framework.json'), 'utf8')) as FrameworkSpec,
    lockfile: path.join(definition, 'package-lock.json'),
    tree: path.join(root, '.frameworks', name),
  };
}

/**
 * The environment of a command run in the build tree: npm's variables of the repository's own `npm run` (its
 * project folder, package and script) left out, so npm and turbo there find the build's package.json.
 */
export function treeEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) =>
      key !== 'npm_config_local_prefix' &&
      key !== 'INIT_CWD' &&
      !key.startsWith('npm_package_') &&
      !key.startsWith('npm_lifecycle_'),
  );
  return { ...Object.fromEntries(inherited), ...extra };
}

/** Runs `command args` in `cwd` with its output shown; throws when it fails. */
export function run(command: string, args: readonly string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: treeEnvironment() });
  if (result.status !== 0) {
    throw new Error(
      `\`${[command, ...args].join(' ')}\` failed in ${path.relative(root, cwd) || '.'} (exit ` +
        `${result.status ?? result.signal})`,
    );
  }
}
