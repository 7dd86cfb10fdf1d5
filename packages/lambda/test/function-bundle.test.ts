import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { BundleCache, BundlingOptions, FunctionCode } from '@lambda-vpc/lambda';
import { synthesizeFunction, temporaryDirectories, writeFiles } from './fixtures';

const temporaryDirectory = temporaryDirectories();
const ORDERS = path.join(__dirname, 'handlers', 'orders.ts');
const TABLE_READER = path.join(__dirname, 'handlers', 'table-reader.ts');

// The bundles of these tests are kept in a folder of their own, so a repeated build of the same entry and options
// is read back; the tests of reproducible bytes turn the cache off.
const cache = BundleCache.directory(temporaryDirectory('bundle-test-cache-'));

/** A function of `entry`, synthesized; the files of its zip by name. */
function bundled(entry: string, options: BundlingOptions = {}, runtime?: string) {
  const { fn, zip } = synthesizeFunction(
    temporaryDirectory('bundle-synth-'),
    FunctionCode.fromEntry(entry, { cache, ...options }),
    runtime ? { runtime } : {},
  );
  const files = Object.fromEntries(Object.entries(unzipSync(zip!)).map(([name, bytes]) => [name, strFromU8(bytes)]));
  return { fn, zip: zip!, files, js: files['index.js'] };
}

/** Calls the handler of a bundled `index.js` in a fresh Node process with `event`. */
function invoke(js: string, event: unknown): unknown {
  const file = path.join(temporaryDirectory('bundle-run-'), 'index.js');
  fs.writeFileSync(file, js);
  const call = `require(${JSON.stringify(file)}).handler(${JSON.stringify(event)})`;
  const script = `${call}.then((result) => console.log(JSON.stringify(result)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

const requireOf = (name: string) => new RegExp(`require\\(["']${name.replace('/', '\\/')}["']\\)`);

describe('an entry and the npm package it imports, bundled into one index.js', () => {
  const { fn, files, js } = bundled(ORDERS);

  it('zips one file, index.js, and names it in the handler setting', () => {
    expect(Object.keys(files)).toEqual(['index.js']);
    expect(fn.handler).toBe('index.handler');
    expect(fn.runtime).toBe('nodejs22.x');
  });

  it("carries zod's code instead of a require of it", () => {
    expect(js).toContain('node_modules/zod/v4/');
    expect(js).toContain('ZodObject');
    expect(js).not.toMatch(requireOf('zod'));
  });

  it('runs alone: the handler validates with the bundled zod', () => {
    expect(invoke(js, { id: 'o-1', quantity: 2 })).toEqual({ statusCode: 200, body: '{"id":"o-1","quantity":2}' });
    expect(invoke(js, { id: 'o-1', quantity: 0 })).toMatchObject({ statusCode: 400 });
  });

  it('is CommonJS: no import statement is left', () => {
    expect(js).toMatch(/^"use strict";/);
    expect(js).not.toMatch(/^import /m);
  });
});

describe('the AWS SDK v3, which the runtime provides', () => {
  it('is left out as a require by default', () => {
    const { js } = bundled(TABLE_READER);
    expect(js).toMatch(requireOf('@aws-sdk/client-dynamodb'));
    expect(js).not.toContain('class DynamoDBClient');
  });

  it('is bundled with bundleAwsSdk', () => {
    const { js } = bundled(TABLE_READER, { bundleAwsSdk: true });
    expect(js).not.toMatch(requireOf('@aws-sdk/client-dynamodb'));
    expect(js).toContain('DynamoDBClient');
    expect(js).toContain('node_modules/@aws-sdk/client-dynamodb/');
  });

  it('is bundled for a runtime before nodejs18.x, which has SDK v2 only', () => {
    expect(bundled(TABLE_READER, {}, 'nodejs16.x').js).not.toMatch(requireOf('@aws-sdk/client-dynamodb'));
  });
});

describe("the JavaScript version follows the function's runtime", () => {
  const entry = writeFiles(temporaryDirectory('bundle-target-'), {
    'handler.ts': 'export const handler = async (event?: { id?: string }) => event?.id ?? "none";\n',
  });

  it('keeps optional chaining for nodejs22.x and lowers it for nodejs12.x, which lacks it', () => {
    expect(bundled(path.join(entry, 'handler.ts')).js).toContain('event?.id');
    expect(bundled(path.join(entry, 'handler.ts'), {}, 'nodejs12.x').js).not.toContain('?.');
  });
});

describe('options', () => {
  const folder = writeFiles(temporaryDirectory('bundle-options-'), {
    'handler.ts': 'export const main = async () => ({ stage: process.env.STAGE });\n',
  });
  const entry = path.join(folder, 'handler.ts');

  it('handler names the export, and the handler setting follows', () => {
    expect(bundled(entry, { handler: 'main' }).fn.handler).toBe('index.main');
  });

  it('define replaces an expression at build time', () => {
    expect(bundled(entry, { handler: 'main', define: { 'process.env.STAGE': '"prod"' } }).js).toContain(
      'stage: "prod"',
    );
  });

  it('externals leaves a module out as a require', () => {
    const { js } = bundled(ORDERS, { externals: ['zod'] });
    expect(js).toMatch(requireOf('zod'));
    expect(js).not.toContain('ZodObject');
  });

  it('minify makes the bundle smaller, without the module comments', () => {
    const plain = bundled(ORDERS).js;
    const minified = bundled(ORDERS, { minify: true }).js;
    expect(minified.length).toBeLessThan(plain.length * 0.7);
    expect(minified).not.toContain('// node_modules/zod/');
  });
});

describe('a source map', () => {
  it('is index.js.map beside the bundle, linked from it, with NODE_OPTIONS=--enable-source-maps', () => {
    const { fn, files, js } = bundled(ORDERS, { sourceMap: true });
    expect(Object.keys(files)).toEqual(['index.js', 'index.js.map']);
    expect(js.trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
    expect(JSON.parse(files['index.js.map']).sources).toContain('test/handlers/orders.ts');
    expect(fn.environment).toEqual({ variables: { NODE_OPTIONS: '--enable-source-maps' } });
  });

  it("is merged into the function's own variables, and a NODE_OPTIONS with the flag is kept", () => {
    const own = { TABLE_NAME: 'orders', NODE_OPTIONS: '--enable-source-maps --max-old-space-size=200' };
    const { fn } = synthesizeFunction(
      temporaryDirectory('bundle-synth-'),
      FunctionCode.fromEntry(ORDERS, { sourceMap: true, cache }),
      { environmentVariables: own },
    );
    expect(fn.environment).toEqual({ variables: own });
  });

  it('refuses a NODE_OPTIONS of the function that leaves the flag out', () => {
    expect(() =>
      synthesizeFunction(
        temporaryDirectory('bundle-synth-'),
        FunctionCode.fromEntry(ORDERS, { sourceMap: true, cache }),
        { environmentVariables: { NODE_OPTIONS: '--max-old-space-size=200' } },
      ),
    ).toThrow(
      new Error(
        'dev-test-api: environmentVariables.NODE_OPTIONS = "--max-old-space-size=200" leaves out ' +
          "--enable-source-maps, which the code's source map needs; allowed: a value that includes " +
          '--enable-source-maps, or no NODE_OPTIONS (the code sets it)',
      ),
    );
  });
});

describe('reproducible bundles', () => {
  const sha256 = (zip: Buffer) => crypto.createHash('sha256').update(zip).digest('hex');

  it('the same sources give a zip with the same SHA-256, build after build (no cache)', () => {
    const first = bundled(ORDERS, { cache: BundleCache.off() });
    const second = bundled(ORDERS, { cache: BundleCache.off() });
    expect(sha256(second.zip)).toBe(sha256(first.zip));
    expect(second.fn.source_code_hash).toBe(first.fn.source_code_hash);
  });

  it('wherever the project is checked out: paths in the bundle are relative to it', () => {
    const project = {
      'package.json': '{ "name": "orders", "private": true }\n',
      'node_modules/greeting/package.json': '{ "name": "greeting", "main": "index.js" }\n',
      'node_modules/greeting/index.js': "exports.greet = (name) => 'hello ' + name;\n",
      'src/handler.ts': "import { greet } from 'greeting';\nexport const handler = async () => greet('orders');\n",
    };
    const here = writeFiles(temporaryDirectory('bundle-here-'), project);
    const there = writeFiles(temporaryDirectory('bundle-there-'), project);
    const zips = [here, there].map((root) =>
      bundled(path.join(root, 'src', 'handler.ts'), { sourceMap: true, cache: BundleCache.off() }),
    );
    expect(zips[0].js).toContain('// node_modules/greeting/index.js');
    expect(sha256(zips[1].zip)).toBe(sha256(zips[0].zip));
  });
});
