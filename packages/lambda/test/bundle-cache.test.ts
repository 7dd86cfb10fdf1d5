import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLE_CACHE_VARIABLE, BundleCache, bundleNodeEntry, BundlingOptions } from '@lambda-vpc/lambda';
import { temporaryDirectories, writeFiles } from './fixtures';

const temporaryDirectory = temporaryDirectories();

/** A project with a handler that imports a local module and an installed package. */
function project(): { root: string; entry: string } {
  const root = writeFiles(temporaryDirectory('bundle-cache-'), {
    'package.json': '{ "name": "orders", "private": true }\n',
    'node_modules/greeting/package.json': '{ "name": "greeting", "main": "index.js" }\n',
    'node_modules/greeting/index.js': "exports.greet = (name) => 'hello ' + name;\n",
    'src/format.ts': 'export const shout = (text: string) => text.toUpperCase();\n',
    'src/handler.ts':
      "import { greet } from 'greeting';\nimport { shout } from './format';\n" +
      "export const handler = async () => shout(greet('orders'));\n",
  });
  return { root, entry: path.join(root, 'src', 'handler.ts') };
}

const bundle = (entry: string, options: BundlingOptions = {}) =>
  bundleNodeEntry('dev-test-api', entry, options, 'nodejs22.x');
const text = (result: ReturnType<typeof bundle>) => result.files.map((f) => Buffer.from(f.content).toString()).join();
const cacheFolder = (root: string) => path.join(root, 'node_modules', '.cache', 'lambda-vpc', 'bundles');

describe('a warm build is served from the cache', () => {
  it('bundles once, then returns the same files without running esbuild', () => {
    const { entry } = project();
    const cold = bundle(entry);
    const warm = bundle(entry);
    expect([cold.fromCache, warm.fromCache]).toEqual([false, true]);
    expect(text(warm)).toBe(text(cold));
    expect(warm.handler).toBe('index.handler');
  });

  it('keeps the bundles under node_modules/.cache/lambda-vpc/bundles of the nearest node_modules', () => {
    const { root, entry } = project();
    bundle(entry);
    const records = fs.readdirSync(cacheFolder(root));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatch(/^[0-9a-f]{64}\.json$/);
  });
});

describe('any change to an input bundles again', () => {
  it('an imported file of the project', () => {
    const { root, entry } = project();
    bundle(entry);
    fs.writeFileSync(path.join(root, 'src', 'format.ts'), 'export const shout = (text: string) => `${text}!`;\n');
    const changed = bundle(entry);
    expect(changed.fromCache).toBe(false);
    expect(text(changed)).toContain('`${text}!`');
  });

  it('a file of an installed package', () => {
    const { root, entry } = project();
    bundle(entry);
    fs.writeFileSync(path.join(root, 'node_modules', 'greeting', 'index.js'), "exports.greet = () => 'hi';\n");
    const changed = bundle(entry);
    expect(changed.fromCache).toBe(false);
    expect(text(changed)).toContain('exports2.greet = () => "hi"');
  });

  it('an option, or the runtime', () => {
    const { entry } = project();
    bundle(entry);
    expect(bundle(entry, { minify: true }).fromCache).toBe(false);
    expect(bundleNodeEntry('dev-test-api', entry, {}, 'nodejs20.x').fromCache).toBe(false);
    expect(bundle(entry).fromCache).toBe(true);
  });
});

describe('cache records', () => {
  it('a half-written or corrupt record is a miss, replaced by a whole one; no temporary file is left', () => {
    const { root, entry } = project();
    bundle(entry);
    const [record] = fs.readdirSync(cacheFolder(root));
    const file = path.join(cacheFolder(root), record);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40));
    expect(bundle(entry).fromCache).toBe(false);
    expect(bundle(entry).fromCache).toBe(true);
    expect(fs.readdirSync(cacheFolder(root))).toEqual([record]);
  });

  it('BundleCache.directory keeps them where it says', () => {
    const { root, entry } = project();
    const folder = temporaryDirectory('bundle-cache-folder-');
    bundle(entry, { cache: BundleCache.directory(folder) });
    expect(bundle(entry, { cache: BundleCache.directory(folder) }).fromCache).toBe(true);
    expect(fs.readdirSync(folder)).toHaveLength(1);
    expect(fs.existsSync(cacheFolder(root))).toBe(false);
  });
});

describe('the cache turned off', () => {
  it('by BundleCache.off(): every build runs esbuild and nothing is kept', () => {
    const { root, entry } = project();
    expect([1, 2].map(() => bundle(entry, { cache: BundleCache.off() }).fromCache)).toEqual([false, false]);
    expect(fs.existsSync(cacheFolder(root))).toBe(false);
  });

  it(`by ${BUNDLE_CACHE_VARIABLE}=off, whatever the options say`, () => {
    const { root, entry } = project();
    process.env[BUNDLE_CACHE_VARIABLE] = 'off';
    try {
      expect([1, 2].map(() => bundle(entry).fromCache)).toEqual([false, false]);
    } finally {
      delete process.env[BUNDLE_CACHE_VARIABLE];
    }
    expect(fs.existsSync(cacheFolder(root))).toBe(false);
  });
});

describe('esbuild is loaded only to bundle', () => {
  /** Whether a Node process that runs `script` (with `lambda` required) has loaded esbuild's JavaScript API. */
  function loadsEsbuild(script: string): boolean {
    const lambda = JSON.stringify(path.dirname(require.resolve('@lambda-vpc/lambda')));
    const program =
      `const lambda = require(${lambda});\n${script}\n` +
      "console.log(Object.keys(require.cache).some((file) => file.includes('/node_modules/esbuild/')));";
    return JSON.parse(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' }));
  }

  it('not by a synth without entries, nor by a warm one', () => {
    const { entry } = project();
    const build = `lambda.bundleNodeEntry('dev-test-api', ${JSON.stringify(entry)}, {}, 'nodejs22.x');`;
    expect(loadsEsbuild('')).toBe(false);
    expect(loadsEsbuild(build)).toBe(true);
    expect(loadsEsbuild(build)).toBe(false);
  });
});
