// The stamp of a saved plan: which stack, commit and configuration a plan file was made from, so the apply job can
// refuse a plan that no longer matches what it would apply. `terraform apply <plan file>` applies the configuration
// recorded in the plan, but reads the function zips under assets/ from disk at apply time: a changed zip, or a
// stack synthesized from another commit, would apply something no reviewer saw.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What `saved-plan.js plan` writes beside the plan file (`<stack>.stamp.json`). */
export interface PlanStamp {
  /** The stack's name: its folder's basename. */
  readonly stack: string;
  /** The commit planned: $GITHUB_SHA, else `git rev-parse HEAD`. */
  readonly commit: string;
  /** {@link configSha256} of the stack folder when it was planned. */
  readonly configSha256: string;
  /** Whether the plan changes anything; false: there is nothing to apply. */
  readonly changes: boolean;
  /** The engine's version (`terraform version -json`), `unknown` when it did not say. */
  readonly engineVersion: string;
  /** When the plan was made, ISO 8601. */
  readonly plannedAt: string;
}

/** A user error (a missing folder, a missing stamp, an engine that fails): its message is one line to print. */
export class SavedPlanError extends Error {}

/** The files of one stack's saved plan in a plan folder. */
export interface SavedPlanFiles {
  /** `<stack>.tfplan`: the plan Terraform applies. */
  readonly plan: string;
  /** `<stack>.txt`: `terraform show` of it, for reviewers. */
  readonly text: string;
  /** `<stack>.lock.hcl`: the provider lock file the plan was made with. */
  readonly lock: string;
  /** `<stack>.stamp.json`: the {@link PlanStamp}. */
  readonly stamp: string;
}

/** Where one stack's saved plan lives in `planDir` (absolute paths: the engine runs in the stack folder). */
export function savedPlanFiles(planDir: string, stack: string): SavedPlanFiles {
  const at = (suffix: string): string => path.resolve(planDir, `${stack}${suffix}`);
  return { plan: at('.tfplan'), text: at('.txt'), lock: at('.lock.hcl'), stamp: at('.stamp.json') };
}

/**
 * The files of a stack folder that decide what an apply does: cdk.tf.json and any other Terraform configuration
 * beside it (an override file), and every file under assets/ (the function zips). Relative paths with `/`, sorted.
 * The engine's own files (.terraform/, the lock file, state) are not configuration and are left out.
 */
export function configurationFiles(stackDir: string): string[] {
  const topLevel = fs
    .readdirSync(stackDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tf(\.json)?$/.test(entry.name))
    .map((entry) => entry.name);
  return [...topLevel, ...filesUnder(stackDir, 'assets')].sort();
}

/** Every file under `stackDir/folder`, as paths relative to stackDir with `/`; none when it does not exist. */
function filesUnder(stackDir: string, folder: string): string[] {
  const dir = path.join(stackDir, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(stackDir, `${folder}/${entry.name}`)
        : entry.isFile()
          ? [`${folder}/${entry.name}`]
          : [],
    );
}

/**
 * SHA-256 over {@link configurationFiles}, in order: each file's relative path, its length and its content, so
 * a renamed, moved or edited file changes the hash and nothing else does.
 */
export function configSha256(stackDir: string): string {
  const hash = createHash('sha256');
  for (const file of configurationFiles(stackDir)) {
    const content = fs.readFileSync(path.join(stackDir, file));
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** Writes the stamp, last of a plan's files: a stamp means the plan beside it is complete. */
export function writeStamp(file: string, stamp: PlanStamp): void {
  fs.writeFileSync(file, `${JSON.stringify(stamp, null, 2)}\n`);
}

/** The stamp of `stack` in `file`; a SavedPlanError when it is missing, unreadable or another stack's. */
export function readStamp(file: string, stack: string): PlanStamp {
  if (!fs.existsSync(file)) throw new SavedPlanError(`no saved plan: ${file} is missing; plan first`);
  let stamp: Partial<Record<keyof PlanStamp, unknown>>;
  try {
    stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof stamp;
  } catch (error) {
    throw new SavedPlanError(`${file} is not JSON (${(error as Error).message.split('\n')[0]}); plan again`);
  }
  const strings = ['stack', 'commit', 'configSha256', 'engineVersion', 'plannedAt'] as const;
  const bad = [
    ...strings.filter((field) => typeof stamp?.[field] !== 'string'),
    ...(typeof stamp?.changes === 'boolean' ? [] : ['changes']),
  ];
  if (bad.length > 0) {
    throw new SavedPlanError(`${file} is not a saved-plan stamp (missing or wrong: ${bad.join(', ')}); plan again`);
  }
  if (stamp.stack !== stack) {
    throw new SavedPlanError(`${file} is the stamp of stack ${String(stamp.stack)}, not ${stack}`);
  }
  return stamp as PlanStamp;
}

/** What the apply job finds now, to hold against the stamp. */
export interface CurrentConfiguration {
  /** The commit checked out. */
  readonly commit: string;
  /** {@link configSha256} of the stack folder now. */
  readonly configSha256: string;
  /** The engine's version now. */
  readonly engineVersion: string;
}

const short = (sha: string, length: number): string => sha.slice(0, length);

/**
 * Why a saved plan must not be applied, one line each (none: it may be). A plan from another commit or of
 * another configuration is stale; one from another engine version Terraform would refuse with a less clear error.
 */
export function staleReasons(stamp: PlanStamp, now: CurrentConfiguration): string[] {
  const reasons: string[] = [];
  if (stamp.commit !== now.commit) {
    reasons.push(
      `the saved plan is stale: it was made at commit ${short(stamp.commit, 7)}, this is ` +
        `${short(now.commit, 7)}; plan again`,
    );
  }
  if (stamp.configSha256 !== now.configSha256) {
    reasons.push(
      `the saved plan is stale: the stack's synthesized JSON changed since the plan (sha ` +
        `${short(stamp.configSha256, 12)} -> ${short(now.configSha256, 12)}); plan again`,
    );
  }
  if (stamp.engineVersion !== now.engineVersion) {
    reasons.push(
      `the saved plan was made by engine version ${stamp.engineVersion}, this is ${now.engineVersion}; plan again ` +
        'with the same version',
    );
  }
  return reasons;
}
