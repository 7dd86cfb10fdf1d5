import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { moduleLoads, packageNameOf } from './module-loads';

/** A module a function's own code loads that nothing will provide at run time. */
export interface UnloadableModule {
  /** The file that loads it, as the package holds it. */
  readonly file: string;
  /** The specifier as written, e.g. `zod` or `./config`. */
  readonly specifier: string;
}

/** What a function's package is loaded with at run time, beside its own files. */
export interface PackageSurroundings {
  /** The function's runtime, e.g. `nodejs22.x`. */
  readonly runtime: string;
  /** Packages its layers provide (under /opt/nodejs/node_modules). */
  readonly layerModules: readonly string[];
}

const JAVASCRIPT = /\.(c|m)?js$/;
const RESOLVED_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.json', '.node', '/index.js', '/index.mjs', '/index.cjs'];
const BUILTINS = new Set(builtinModules);

/** The Node.js major version of a `nodejsNN.x` runtime, or undefined for another language. */
export const nodeMajorOf = (runtime: string): number | undefined => {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
};

/**
 * Whether the runtime itself provides a package: Node's built-ins, the AWS SDK for JavaScript v3 (`@aws-sdk/*`) from
 * nodejs18.x on, and v2 (`aws-sdk`) before it.
 */
export function runtimeProvides(runtime: string, specifier: string): boolean {
  if (specifier.startsWith('node:') || BUILTINS.has(packageNameOf(specifier))) return true;
  const major = nodeMajorOf(runtime) ?? 0;
  const name = packageNameOf(specifier);
  return major >= 18 ? name.startsWith('@aws-sdk/') : name === 'aws-sdk';
}

/**
 * Every module the package's own code (its JavaScript outside node_modules) loads by name that is not in the
 * package, in a layer or in the runtime: a relative path must name a file of the package, and a package must sit in
 * a node_modules folder Node searches from the loading file.
 */
export function unloadableModules(
  files: ReadonlyMap<string, Buffer>,
  surroundings: PackageSurroundings,
): UnloadableModule[] {
  const paths = [...files.keys()];
  const own = paths.filter((file) => JAVASCRIPT.test(file) && !file.split('/').includes('node_modules'));
  return own.flatMap((file) =>
    moduleLoads(files.get(file)!.toString('utf8'))
      .filter((specifier) => !loadable(file, specifier, paths, surroundings))
      .map((specifier) => ({ file, specifier })),
  );
}

function loadable(
  file: string,
  specifier: string,
  paths: readonly string[],
  surroundings: PackageSurroundings,
): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return (
      RESOLVED_EXTENSIONS.some((extension) => paths.includes(target + extension)) || isPackageFolder(target, paths)
    );
  }
  if (runtimeProvides(surroundings.runtime, specifier)) return true;
  const name = packageNameOf(specifier);
  if (surroundings.layerModules.includes(name)) return true;
  // Node looks in node_modules of the loading file's folder, then of each folder above it.
  const folders = path.posix.dirname(file).split('/');
  for (let depth = folders.length; depth >= 0; depth--) {
    const base = folders.slice(0, depth).filter((f) => f !== '.' && f !== '');
    const prefix = [...base, 'node_modules', name].join('/') + '/';
    if (paths.some((p) => p.startsWith(prefix))) return true;
  }
  return false;
}

const isPackageFolder = (target: string, paths: readonly string[]): boolean => paths.includes(`${target}/package.json`);

/** Why the handler `file.export` names no file of the package, or undefined when its file is there. */
export function handlerFileProblem(files: ReadonlyMap<string, Buffer>, handler: string): string | undefined {
  const match = /^(.+)\.[^./]+$/.exec(handler);
  if (!match) return `its handler "${handler}" is not file.export`;
  const candidates = ['.js', '.mjs', '.cjs'].map((extension) => match[1] + extension);
  return candidates.some((candidate) => files.has(candidate))
    ? undefined
    : `its handler ${handler} needs ${match[1]}.js, .mjs or .cjs, and the package holds none of them`;
}
