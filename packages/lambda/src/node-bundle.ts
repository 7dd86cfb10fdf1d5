import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, BuildResult, Message } from 'esbuild';
import {
  BUNDLE_CACHE_VARIABLE,
  BundleCache,
  cacheFile,
  CachedBundle,
  inputDigests,
  nodeModulesRoot,
  readCachedBundle,
  writeCachedBundle,
} from './bundle-cache';
import type { ZipFileEntry } from './deterministic-zip';

/** How `FunctionCode.fromEntry` bundles a handler. */
export interface BundlingOptions {
  /**
   * The handler's export name in the entry; an ES module entry is checked to export it (a CommonJS entry's exports
   * are not known before it runs).
   * @default 'handler'
   */
  readonly handler?: string;
  /**
   * Minify the bundle: smaller and faster to load, harder to read in a stack trace without a source map.
   * @default false
   */
  readonly minify?: boolean;
  /**
   * Add a source map (`index.js.map`, linked from the bundle) and set `NODE_OPTIONS=--enable-source-maps`, so stack
   * traces name the original files and lines. A NODE_OPTIONS of the function's own must then include that flag.
   * @default false
   */
  readonly sourceMap?: boolean;
  /**
   * Modules left out of the bundle and required at run time, e.g. from a layer.
   * @default none (besides the AWS SDK, see `bundleAwsSdk`)
   */
  readonly externals?: readonly string[];
  /**
   * Identifiers replaced at build time by a JavaScript expression, e.g. `{ 'process.env.STAGE': '"prod"' }`.
   * @default none
   */
  readonly define?: Readonly<Record<string, string>>;
  /**
   * Bundle the AWS SDK (`@aws-sdk/*`) instead of using the copy in the runtime (nodejs18.x and later provide
   * SDK v3), e.g. to pin its version. On older runtimes it is always bundled.
   * @default false
   */
  readonly bundleAwsSdk?: boolean;
  /**
   * Where bundles are kept between synths; `LAMBDA_VPC_BUNDLE_CACHE=off` turns any cache off.
   * @default BundleCache.nearestNodeModules()
   */
  readonly cache?: BundleCache;
}

/** A bundled handler. */
export interface NodeBundle {
  /** `index.js`, and `index.js.map` with a source map. */
  readonly files: readonly ZipFileEntry[];
  /** The handler setting, `index.<export>`. */
  readonly handler: string;
  /** Variables the function needs for this bundle (NODE_OPTIONS for a source map). */
  readonly environmentVariables: Readonly<Record<string, string>>;
  /** Whether the bundle came from the cache, without running esbuild. */
  readonly fromCache: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const NODE_RUNTIME = /^nodejs(\d+)\.x$/;
/** The first Node.js runtime whose image carries AWS SDK v3. */
const SDK_V3_RUNTIME = 18;
/** Changes when the cached record's layout does. */
const CACHE_FORMAT = 1;
const SOURCE_MAP_VARIABLES = { NODE_OPTIONS: '--enable-source-maps' };

/**
 * Bundles `entry` and everything it imports into one CommonJS `index.js` for `runtime`, or takes the bundle from the
 * cache when the options and every input file are unchanged. Throws one line per problem, each naming the function.
 */
export function bundleNodeEntry(
  functionName: string,
  entry: string,
  options: BundlingOptions,
  runtime: string,
): NodeBundle {
  const { entryPath, exportName, nodeMajor } = checkedSettings(functionName, entry, options, runtime);
  // Paths inside the bundle (module comments, the source map) are relative to this root, not absolute, so the bytes
  // are the same wherever the project is checked out.
  const root = nodeModulesRoot(entryPath) ?? path.dirname(entryPath);
  const buildOptions = esbuildOptions(entryPath, root, nodeMajor, options);
  const bundled = (files: Readonly<Record<string, string>>, fromCache: boolean): NodeBundle => ({
    files: Object.keys(files)
      .sort()
      .map((name) => ({ path: name, content: Buffer.from(files[name], 'utf8') })),
    handler: `index.${exportName}`,
    environmentVariables: options.sourceMap ? SOURCE_MAP_VARIABLES : {},
    fromCache,
  });

  const cacheOff = process.env[BUNDLE_CACHE_VARIABLE] === 'off';
  const folder = cacheOff ? undefined : (options.cache ?? defaultCache).folderFor(entryPath);
  const key = { CACHE_FORMAT, version: esbuildVersion(), runtime, entryPath, exportName, buildOptions };
  const record = folder && cacheFile(folder, key);
  const cached = record ? readCachedBundle(record, root) : undefined;
  if (cached) return bundled(cached.files, true);

  const esbuild = loadEsbuild();
  const result = runBuild(functionName, esbuild, buildOptions, entryPath);
  checkExport(functionName, esbuild, { ...buildOptions, sourcemap: false }, entryPath, exportName);
  const fresh: CachedBundle = {
    files: Object.fromEntries(result.outputFiles.map((file) => [path.basename(file.path), file.text])),
    inputs: inputDigests(root, Object.keys(result.metafile.inputs)),
  };
  if (record) writeCachedBundle(record, fresh);
  return bundled(fresh.files, false);
}

/** The entry's absolute path, the export name and the runtime's Node.js major version, each checked. */
function checkedSettings(functionName: string, entry: string, options: BundlingOptions, runtime: string) {
  const fail = (problem: string): never => {
    throw new Error(`${functionName}: ${problem}`);
  };
  const entryPath = path.resolve(entry);
  if (!fs.existsSync(entryPath) || !fs.statSync(entryPath).isFile()) {
    fail(
      `the entry ${shownPath(entryPath)} does not exist; FunctionCode.fromEntry takes the handler's .ts or .js file`,
    );
  }
  const exportName = options.handler ?? 'handler';
  if (!IDENTIFIER.test(exportName)) {
    fail(`handler = ${JSON.stringify(exportName)}: the name of an export of the entry, e.g. handler`);
  }
  const nodeMajor = Number(NODE_RUNTIME.exec(runtime)?.[1] ?? NaN);
  if (Number.isNaN(nodeMajor)) {
    fail(`runtime = ${runtime}: FunctionCode.fromEntry bundles for a Node.js runtime, nodejsN.x`);
  }
  return { entryPath, exportName, nodeMajor };
}

/** One CommonJS file for Node.js `nodeMajor`, kept in memory, with the metafile that lists its inputs. */
function esbuildOptions(entryPath: string, root: string, nodeMajor: number, options: BundlingOptions): BuildOptions {
  const runtimeSdk = !options.bundleAwsSdk && nodeMajor >= SDK_V3_RUNTIME;
  return {
    entryPoints: [entryPath],
    absWorkingDir: root,
    outfile: path.join(root, 'index.js'),
    // Nothing is written (write: false); an entry named index.js at the root would otherwise be refused.
    allowOverwrite: true,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${nodeMajor}`,
    minify: options.minify ?? false,
    sourcemap: options.sourceMap ? 'linked' : false,
    external: [...(options.externals ?? []), ...(runtimeSdk ? ['@aws-sdk/*'] : [])],
    define: { ...options.define },
    metafile: true,
    logLevel: 'silent',
  };
}

const defaultCache = BundleCache.nearestNodeModules();

type Esbuild = typeof import('esbuild');
type BuiltResult = BuildResult<{ write: false; metafile: true }>;

/** esbuild's version from its package.json, which costs a file read instead of loading esbuild on a cache hit. */
function esbuildVersion(): string {
  return JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
}

/** esbuild, loaded on the first cache miss only: a synth whose bundles are all cached, or that has none, skips it. */
function loadEsbuild(): Esbuild {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('esbuild');
}

function runBuild(functionName: string, esbuild: Esbuild, options: BuildOptions, entryPath: string): BuiltResult {
  try {
    return esbuild.buildSync(options) as BuiltResult;
  } catch (error) {
    throw buildError(functionName, error, options.absWorkingDir!, entryPath);
  }
}

/**
 * Refuses an ES module entry without the export. esbuild lists an entry's exports only in ES module output, so a
 * second build writes that format, with every package left out; a CommonJS entry's exports are not known statically.
 */
function checkExport(
  functionName: string,
  esbuild: Esbuild,
  options: BuildOptions,
  entryPath: string,
  exportName: string,
): void {
  const { metafile } = runBuild(functionName, esbuild, { ...options, format: 'esm', packages: 'external' }, entryPath);
  const entryInput = metafile.inputs[path.relative(options.absWorkingDir!, entryPath).split(path.sep).join('/')];
  if (entryInput?.format !== 'esm') return;
  const exports = Object.values(metafile.outputs).find((output) => output.entryPoint !== undefined)?.exports ?? [];
  if (!exports.includes(exportName)) {
    const has = exports.length > 0 ? `it exports ${exports.join(', ')}` : 'it exports nothing';
    throw new Error(
      `${functionName}: ${shownPath(entryPath)} has no export ${JSON.stringify(exportName)} (${has}); ` +
        'export the handler under that name or set handler to one of its exports',
    );
  }
}

/** One line per esbuild error, `function: file:line:column: text`; a package that is not installed says how to. */
function buildError(functionName: string, error: unknown, root: string, entryPath: string): Error {
  const messages = (error as { errors?: Message[] }).errors;
  if (!Array.isArray(messages) || messages.length === 0) {
    return new Error(`${functionName}: esbuild failed: ${(error as Error).message.split('\n')[0]}`);
  }
  const lines = messages.map((message) => {
    const where = message.location
      ? `${shownPath(path.resolve(root, message.location.file))}:${message.location.line}:${message.location.column}: `
      : '';
    const missing = /^Could not resolve "([^"]+)"$/.exec(message.text)?.[1];
    if (missing && !missing.startsWith('.') && !path.isAbsolute(missing)) {
      const name = packageName(missing);
      return (
        `${functionName}: ${where}package ${name} is not installed; run npm install ${name} in ` +
        `${shownPath(workspaceOf(entryPath))}, the package that holds the handler`
      );
    }
    return `${functionName}: ${where}${message.text}`;
  });
  return new Error(lines.join('\n'));
}

/** `@scope/name` or `name` of an import like `@scope/name/sub/path`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The folder of the nearest package.json above `file`: the workspace whose dependencies the handler uses. */
function workspaceOf(file: string): string {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) return path.dirname(file);
  }
}

/** `file` relative to the working directory when it is inside it (as a shell user types it), else absolute. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
