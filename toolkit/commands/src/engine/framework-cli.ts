// Which CLI `npm run e2e:cdktf` / `e2e:cdktn` drives: the cdktf CLI of the repository, or the cdktn CLI of the
// CDK Terrain build in .frameworks/cdktn (npm run framework:cdktn), each with the Node.js it runs on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandSpec, readOptions } from '../command-options';
import { repositoryRoot as root } from '../repository-root';
import { Toolchain } from './toolchain';

/** The frameworks whose CLI deploys a stack. */
export const DEPLOY_FRAMEWORKS = ['cdktf', 'cdktn'] as const;
export type DeployFramework = (typeof DEPLOY_FRAMEWORKS)[number];

/** A deploy CLI and where it runs. */
export interface DeployCli {
  /** `cdktf` or `cdktn`: the CLI's name, and the prefix of every line the check prints. */
  readonly framework: DeployFramework;
  /** The repository the CLI deploys from: the repository itself, or the framework build's copy of it. */
  readonly tree: string;
  /** The CLI's executable (node_modules/.bin/<framework>). */
  readonly bin: string;
  /** The CLI package's version. */
  readonly version: string;
  /** The framework library's version, which every synthesized stack records in `//.metadata.version`. */
  readonly libraryVersion: string;
  /** A folder to put first on PATH: the Node.js the CLI requires, when it is not the one running. */
  readonly nodeBinDir?: string;
}

/** The options of the check: `[<env>-<variant>] [--framework cdktf|cdktn]`. */
export interface DeployOptions {
  /** The stack to deploy and destroy. @default dev-private-only */
  readonly stackName: string;
  /** Whose CLI. @default cdktf */
  readonly framework: DeployFramework;
}

/** What `npm run e2e:cdktf` / `e2e:cdktn` accept. */
export const DEPLOY_OPTIONS = {
  positionals: '<env>-<variant>',
  maxPositionals: 1,
  options: {
    framework: {
      type: 'string',
      value: DEPLOY_FRAMEWORKS.join('|'),
      allowed: DEPLOY_FRAMEWORKS.join(', '),
      valid: (value: string) => DEPLOY_FRAMEWORKS.includes(value as DeployFramework),
    },
  },
} as const satisfies CommandSpec;

/** The options; throws an OptionError naming a bad one and what is allowed. */
export function parseDeployOptions(argv: readonly string[]): DeployOptions {
  const { values, positionals } = readOptions(argv, DEPLOY_OPTIONS);
  const framework = (values.framework ?? 'cdktf') as DeployFramework;
  return { stackName: positionals[0] ?? 'dev-private-only', framework };
}

/** The version field of a package.json. */
function versionOf(manifest: string): string {
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * The CLI of `framework`. cdktf's is the repository's own. cdktn's is the CDK Terrain build's, run on the Node.js
 * `npm run toolchain` provides for it (cdktn-cli 0.24 requires Node.js 22.19 or later). Throws one line naming the
 * command to run when the build or that Node.js is missing.
 */
export function deployCli(framework: DeployFramework, toolchain: Toolchain, repository = root): DeployCli {
  if (framework === 'cdktf') {
    const manifest = path.join(repository, 'node_modules', 'cdktf-cli', 'package.json');
    // The cdktn build installs cdktn-cli in its place.
    if (!fs.existsSync(manifest))
      throw new Error('node_modules has no cdktf-cli: run npm install (in the cdktn build, use npm run e2e:cdktn)');
    return {
      framework,
      tree: repository,
      bin: path.join(repository, 'node_modules', '.bin', 'cdktf'),
      version: versionOf(manifest),
      libraryVersion: versionOf(path.join(repository, 'node_modules', 'cdktf', 'package.json')),
    };
  }
  // Where npm run framework:cdktn builds it (frameworkBuild('cdktn').tree, for the repository itself).
  const tree = path.join(repository, '.frameworks', 'cdktn');
  const manifest = path.join(tree, 'node_modules', 'cdktn-cli', 'package.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`${path.relative(repository, tree)} has no cdktn-cli: run npm run framework:cdktn first`);
  }
  const node = toolchain.TOOLCHAIN_CDKTN_NODE;
  if (!node) {
    const why = toolchain.TOOLCHAIN_CDKTN_NODE_STATUS ?? 'the toolchain predates it';
    throw new Error(`no Node.js for the cdktn CLI in .tools/toolchain.env (${why}): run npm run toolchain`);
  }
  return {
    framework,
    tree,
    bin: path.join(tree, 'node_modules', '.bin', 'cdktn'),
    version: versionOf(manifest),
    libraryVersion: versionOf(path.join(tree, 'node_modules', 'cdktn', 'package.json')),
    nodeBinDir: path.dirname(node),
  };
}
