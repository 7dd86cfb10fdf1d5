import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The variable that turns the bundle cache off for a run, whatever the code says: `LAMBDA_VPC_BUNDLE_CACHE=off`. */
export const BUNDLE_CACHE_VARIABLE = 'LAMBDA_VPC_BUNDLE_CACHE';

/** Where bundles are kept between synths, so a warm synth does not bundle again. */
export abstract class BundleCache {
  /** Under `node_modules/.cache/lambda-vpc/bundles/` of the nearest `node_modules` above the entry (none, no cache). */
  public static nearestNodeModules(): BundleCache {
    return new NodeModulesCache();
  }

  /** In `directory`, e.g. a temporary one. */
  public static directory(directory: string): BundleCache {
    return new DirectoryCache(directory);
  }

  /** No cache: every synth bundles. */
  public static off(): BundleCache {
    return new DirectoryCache(undefined);
  }

  /** The folder that keeps the bundles of `entry`, or undefined when they are not kept. */
  public abstract folderFor(entry: string): string | undefined;
}

class NodeModulesCache extends BundleCache {
  public folderFor(entry: string): string | undefined {
    const root = nodeModulesRoot(entry);
    return root && path.join(root, 'node_modules', '.cache', 'lambda-vpc', 'bundles');
  }
}

class DirectoryCache extends BundleCache {
  constructor(private readonly directory: string | undefined) {
    super();
  }

  public folderFor(): string | undefined {
    return this.directory;
  }
}

/** The folder whose `node_modules` is the nearest above `file`, or undefined when there is none. */
export function nodeModulesRoot(file: string): string | undefined {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'node_modules'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** A kept bundle: the output files, and the SHA-256 of every input the build read, by path relative to `root`. */
export interface CachedBundle {
  /** Output files by name, as text. */
  readonly files: Readonly<Record<string, string>>;
  /** Hex SHA-256 of every input file, by its path relative to the build's root. */
  readonly inputs: Readonly<Record<string, string>>;
}

const sha256 = (content: crypto.BinaryLike): string => crypto.createHash('sha256').update(content).digest('hex');

/** The SHA-256 of each input that is a file (esbuild also lists virtual modules), by the path it was listed under. */
export function inputDigests(root: string, inputs: readonly string[]): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const input of inputs) {
    const file = path.resolve(root, input);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) digests[input] = sha256(fs.readFileSync(file));
  }
  return digests;
}

/** The file that keeps the bundle of `keyMaterial` (everything the output depends on besides the inputs). */
export function cacheFile(folder: string, keyMaterial: unknown): string {
  return path.join(folder, `${sha256(JSON.stringify(keyMaterial))}.json`);
}

/** The kept bundle in `file` when every input it lists still has the same content; a miss otherwise. */
export function readCachedBundle(file: string, root: string): CachedBundle | undefined {
  let cached: CachedBundle;
  try {
    cached = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const listed = Object.keys(cached.inputs ?? {});
  if (listed.length === 0 || typeof cached.files !== 'object') return undefined;
  const current = inputDigests(root, listed);
  return listed.every((input) => current[input] === cached.inputs[input]) ? cached : undefined;
}

/**
 * Keeps `bundle` in `file`: written to a temporary file beside it and renamed, so a synth running in parallel reads
 * the whole record or none. The cache only saves time, so a folder that cannot be written is no error.
 */
export function writeCachedBundle(file: string, bundle: CachedBundle): void {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(bundle));
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}
