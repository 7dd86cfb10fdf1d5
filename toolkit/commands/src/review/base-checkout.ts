// The base side of a review: the stacks a commit synthesizes. A `--base <ref>` is checked out in a detached git
// worktree in a temporary folder, installed (`npm ci`) and synthesized (`npm run synth`); its stacks are then kept
// under node_modules/.cache/lambda-vpc/review/<sha>/, so the next review against the same commit reads them
// without installing or synthesizing again. A `--base-root <dir>` is a checkout someone already synthesized.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizedStackFiles } from '../synthesized-stacks';
import { gitOutput, ReviewError, runStep } from './review-step';

/** Where the base's stacks are, and how the report names the base. */
export interface BaseSide {
  /** A folder with `apps/<env>/cdktf.out` (manifest and stacks) of the base. */
  readonly root: string;
  /** ``\`abc1234\` (`HEAD^1`)`` */
  readonly label: string;
}

/** The cache folder of one base commit. */
export const baseCacheFolder = (root: string, sha: string): string =>
  path.join(root, 'node_modules', '.cache', 'lambda-vpc', 'review', sha);

/** Written last into a cache folder: a folder without it was cut short and is synthesized again. */
const COMPLETE = 'complete';

/** Copies each environment's manifest and stack folders (JSON and function packages) from `from` to `to`. */
function copyStacks(from: string, to: string): void {
  for (const { env, stack } of synthesizedStackFiles(from)) {
    const source = path.join(from, 'apps', env, 'cdktf.out');
    const target = path.join(to, 'apps', env, 'cdktf.out');
    fs.mkdirSync(path.join(target, 'stacks'), { recursive: true });
    fs.copyFileSync(path.join(source, 'manifest.json'), path.join(target, 'manifest.json'));
    fs.cpSync(path.join(source, 'stacks', stack), path.join(target, 'stacks', stack), { recursive: true });
  }
}

/** Installs and synthesizes `sha` in a worktree, and keeps its stacks in `cache`. */
function synthesizeBase(root: string, sha: string, cache: string): void {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-review-'));
  const worktree = path.join(scratch, 'base');
  try {
    runStep('git worktree add', 'git', ['worktree', 'add', '--detach', worktree, sha], root);
    runStep('npm ci', 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], worktree);
    runStep('npm run synth', 'npm', ['run', 'synth'], worktree);
    if (synthesizedStackFiles(worktree).length === 0)
      throw new ReviewError(`npm run synth in ${worktree} wrote no stack under apps/<env>/cdktf.out`);
    const staging = `${cache}.staging-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    copyStacks(worktree, staging);
    fs.writeFileSync(path.join(staging, COMPLETE), `${sha}\n`);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.renameSync(staging, cache);
  } finally {
    gitOutput(root, ['worktree', 'remove', '--force', worktree]);
    fs.rmSync(scratch, { recursive: true, force: true });
    gitOutput(root, ['worktree', 'prune']);
  }
}

/** The base of `--base <ref>`: from the cache, or synthesized into it first. */
export function baseFromRef(root: string, ref: string, progress: (line: string) => void): BaseSide {
  const sha = gitOutput(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!sha) throw new ReviewError(`--base ${ref}: no such commit in ${root}; allowed: a commit, branch or tag`);
  const short = sha.slice(0, 7);
  const cache = baseCacheFolder(root, sha);
  const label = `\`${short}\` (\`${ref}\`)`;
  if (fs.existsSync(path.join(cache, COMPLETE))) {
    progress(`the base ${short} from the cache (${path.relative(root, cache)})`);
    return { root: cache, label };
  }
  progress(`synthesizing the base ${short} in a worktree (npm ci, synth)...`);
  try {
    synthesizeBase(root, sha, cache);
  } catch (error) {
    if (error instanceof ReviewError) throw new ReviewError(`base synth failed: ${error.message}`);
    throw error;
  }
  return { root: cache, label };
}

/** The base of `--base-root <dir>`: a checkout whose synth is already there. */
export function baseFromRoot(dir: string): BaseSide {
  if (synthesizedStackFiles(dir).length === 0) {
    throw new ReviewError(
      `--base-root ${dir}: no synthesized stack (apps/<env>/cdktf.out/manifest.json); run npm run synth there first`,
    );
  }
  const short = gitOutput(dir, ['rev-parse', '--short=7', 'HEAD']);
  return { root: dir, label: short ? `\`${short}\`` : `\`${dir}\`` };
}
