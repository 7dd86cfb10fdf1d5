import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluateGuardrails, formatViolation, moduleLoads, zipFileEntries } from '@lambda-vpc/guardrails';
import { deterministicZip } from '@lambda-vpc/lambda';
import { baseline, expected, FUNCTION, intentOf, reported, resourceOf, STACK } from './fixtures';

const FN = `aws_lambda_function.${FUNCTION}`;
const FN_PATH = 'test-stack/fn/Default';
const FIX_FREE = (message: string) => expected('LVB-FN-5', FN, FN_PATH, `function test-fn ${message}`);

/** A deflated zip of `files` (path -> text), as the function packages are written. */
const zipOf = (files: Record<string, string>): Buffer =>
  deterministicZip(Object.entries(files).map(([file, text]) => ({ path: file, content: Buffer.from(text) })));

/** A stack folder holding the function's package, made of `files`; the baseline function points at it. */
function packageErrors(
  files: Record<string, string>,
  fn: { runtime?: string; handler?: string; layerModules?: string[] } = {},
) {
  const stackDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-stack-'));
  fs.mkdirSync(path.join(stackDirectory, 'assets'));
  fs.writeFileSync(path.join(stackDirectory, 'assets', 'archive.zip'), zipOf(files));
  const json = baseline();
  Object.assign(resourceOf(json, 'aws_lambda_function', FUNCTION), {
    filename: 'assets/archive.zip',
    handler: fn.handler ?? 'index.handler',
    runtime: fn.runtime ?? 'nodejs22.x',
    ...(fn.layerModules
      ? { '//': { ...resourceOf(json, 'aws_lambda_function', FUNCTION)['//'], layer_modules: fn.layerModules } }
      : {}),
  });
  return reported(evaluateGuardrails(STACK, json, { intent: intentOf(json), stackDirectory }).errors);
}

describe('LVB-FN-5 every module a function loads is in its package, a layer or the runtime', () => {
  it('refuses a handler that loads an npm package its package does not hold', () => {
    expect(packageErrors({ 'index.js': "const { z } = require('zod');\nexports.handler = async () => z;" })).toEqual([
      FIX_FREE('loads zod (from index.js), which is not in its package, its layers or the nodejs22.x runtime'),
    ]);
  });

  it('passes a package whose own node_modules holds it, found from a nested file', () => {
    expect(
      packageErrors({
        'index.js': "exports.handler = require('./lib/handler').handler;",
        'lib/handler.js': "const { z } = require('zod/v4');\nexports.handler = async () => z;",
        'node_modules/zod/package.json': '{"name":"zod"}',
        'node_modules/zod/v4/index.js': 'exports.z = {};',
      }),
    ).toEqual([]);
  });

  it('refuses a relative load of a file the package does not hold', () => {
    expect(packageErrors({ 'index.js': "exports.handler = require('./missing').handler;" })).toEqual([
      FIX_FREE('loads ./missing (from index.js), which is not in its package, its layers or the nodejs22.x runtime'),
    ]);
  });

  it('takes node built-ins and the AWS SDK v3 from nodejs18.x on as provided by the runtime', () => {
    const source = [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import * as fs from 'node:fs';",
      "import path from 'path';",
      'export const handler = async () => [DynamoDBClient, fs, path];',
    ].join('\n');
    expect(packageErrors({ 'index.mjs': source })).toEqual([]);
  });

  it('does not take the AWS SDK v3 as provided on nodejs16.x, which ships v2', () => {
    expect(
      packageErrors({ 'index.js': "require('@aws-sdk/client-s3');\nexports.handler = 1;" }, { runtime: 'nodejs16.x' }),
    ).toEqual([
      FIX_FREE(
        'loads @aws-sdk/client-s3 (from index.js), which is not in its package, its layers or the nodejs16.x runtime',
      ),
    ]);
  });

  it('takes a package a layer provides, as the function lists its layers provide', () => {
    const files = { 'index.js': "require('sharp');\nexports.handler = 1;" };
    expect(packageErrors(files, { layerModules: ['sharp'] })).toEqual([]);
  });

  it('refuses a package whose handler names a file it does not hold', () => {
    expect(packageErrors({ 'main.js': 'exports.handler = 1;' })).toEqual([
      FIX_FREE('its handler index.handler needs index.js, .mjs or .cjs, and the package holds none of them'),
    ]);
  });

  it('stops synth with one line per module: the function, the module and the fix', () => {
    const json = baseline();
    const stackDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-stack-'));
    fs.writeFileSync(
      path.join(stackDirectory, 'archive.zip'),
      zipOf({ 'index.js': "require('zod');\nexports.handler = 1;" }),
    );
    Object.assign(resourceOf(json, 'aws_lambda_function', FUNCTION), {
      filename: 'archive.zip',
      handler: 'index.handler',
      runtime: 'nodejs22.x',
    });
    const [violation] = evaluateGuardrails(STACK, json, { stackDirectory }).errors;
    expect(formatViolation(violation)).toBe(
      'LVB-FN-5 at test-stack/fn/Default (aws_lambda_function.fn): function test-fn loads zod (from index.js), ' +
        'which is not in its package, its layers or the nodejs22.x runtime; fix: bundle it with ' +
        'FunctionCode.fromEntry, or add it to the directory (its node_modules)',
    );
  });

  it('checks nothing without the stack folder, since the package is not at hand', () => {
    const json = baseline();
    Object.assign(resourceOf(json, 'aws_lambda_function', FUNCTION), {
      filename: 'missing.zip',
      runtime: 'nodejs22.x',
    });
    expect(evaluateGuardrails(STACK, json, { intent: intentOf(json) }).errors).toEqual([]);
  });
});

describe('moduleLoads', () => {
  it('lists require, import, export-from and dynamic import by literal name, not commented-out ones', () => {
    const source = [
      "const a = require('a');",
      "import b, { c } from 'b';",
      "import 'side-effect';",
      "export { d } from './d';",
      "const e = await import('e');",
      "// const f = require('f');",
      "/* require('g') */",
      'const h = require(name);',
    ].join('\n');
    expect(moduleLoads(source)).toEqual(['./d', 'a', 'b', 'e', 'side-effect']);
  });
});

describe('zipFileEntries', () => {
  it('reads back every file of a package with its content', () => {
    expect(
      zipFileEntries(zipOf({ 'lib/two.js': 'two', 'index.js': 'one' })).map((e) => [e.path, e.content.toString()]),
    ).toEqual([
      ['index.js', 'one'],
      ['lib/two.js', 'two'],
    ]);
  });

  it('says a file that is not a zip is not one', () => {
    expect(() => zipFileEntries(Buffer.from('hello'))).toThrow('not a zip (no end of central directory record)');
  });
});
