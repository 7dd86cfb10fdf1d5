import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundleCache, BundlingOptions, FunctionCode, LambdaFunction, LambdaFunctionProps } from '@lambda-vpc/lambda';
import { synthConstructs } from '../../../test-support/terraform-json';
import { functionProps, temporaryDirectories, writeFiles } from './fixtures';

const temporaryDirectory = temporaryDirectories();
const HANDLER = 'functions/orders/src/handler.ts';

interface Refused {
  /** The entry, relative to the repository root. @default the handler written */
  readonly entry?: string;
  /** Bundling options besides the cache. @default none */
  readonly options?: BundlingOptions;
  /** Function props. @default none */
  readonly overrides?: Partial<LambdaFunctionProps>;
}

/**
 * What building a function throws, bundled from a repository whose workspace `functions/orders` holds
 * `src/handler.ts` with `source`, with the repository root as the working directory (as a synth runs). Fails when
 * nothing is thrown, or when the refusal left anything in the cache folder.
 */
function refusal(source: string, { entry = HANDLER, options = {}, overrides = {} }: Refused = {}): string {
  const root = writeFiles(temporaryDirectory('bundle-errors-'), {
    'package.json': '{ "name": "repository", "private": true, "workspaces": ["functions/*"] }\n',
    'node_modules/.package-lock.json': '{}\n',
    'functions/orders/package.json': '{ "name": "orders", "private": true }\n',
    [HANDLER]: source,
  });
  const cache = path.join(root, 'cache');
  const code = FunctionCode.fromEntry(entry, { ...options, cache: BundleCache.directory(cache) });
  const previous = process.cwd();
  process.chdir(root);
  try {
    synthConstructs((scope) => new LambdaFunction(scope, 'fn', { ...functionProps('/unused', overrides), code }));
  } catch (error) {
    expect(fs.existsSync(cache)).toBe(false);
    return (error as Error).message;
  } finally {
    process.chdir(previous);
  }
  throw new Error('the function was built');
}

describe('an entry that does not exist', () => {
  it('is refused with its path', () => {
    expect(refusal('', { entry: 'functions/orders/src/main.ts' })).toBe(
      'dev-test-api: the entry functions/orders/src/main.ts does not exist; FunctionCode.fromEntry takes the ' +
        "handler's .ts or .js file",
    );
  });
});

describe('a handler with a syntax error', () => {
  it("is refused with esbuild's file:line:column: text, the file relative to the working directory", () => {
    expect(refusal('export const handler = () => {\n  let total = ;\n};\n')).toBe(
      `dev-test-api: ${HANDLER}:2:14: Unexpected ";"`,
    );
  });

  it('one line per error', () => {
    const source = "import { a } from './a';\nimport { b } from './b';\nexport const handler = () => a + b;\n";
    expect(refusal(source).split('\n')).toEqual([
      `dev-test-api: ${HANDLER}:1:18: Could not resolve "./a"`,
      `dev-test-api: ${HANDLER}:2:18: Could not resolve "./b"`,
    ]);
  });
});

describe('a handler export that is missing', () => {
  it('is refused, naming the export, the file and the exports it has', () => {
    const source = 'export const main = async () => 1;\nexport const config = { stage: "dev" };\n';
    expect(refusal(source)).toBe(
      `dev-test-api: ${HANDLER} has no export "handler" (it exports config, main); export the handler under that ` +
        'name or set handler to one of its exports',
    );
  });

  it('an export name that is not an identifier is refused before building', () => {
    expect(refusal('export const handler = 1;\n', { options: { handler: 'index.handler' } })).toBe(
      'dev-test-api: handler = "index.handler": the name of an export of the entry, e.g. handler',
    );
  });
});

describe('an import of a package that is not installed', () => {
  it('names the package and the npm install to run in the workspace that holds the handler', () => {
    const source = "import leftPad from 'left-pad';\nexport const handler = async () => leftPad('1', 3);\n";
    expect(refusal(source)).toBe(
      `dev-test-api: ${HANDLER}:1:20: package left-pad is not installed; run npm install left-pad in ` +
        'functions/orders, the package that holds the handler',
    );
  });

  it('names a scoped package without its subpath', () => {
    const source = "import { Logger } from '@acme/logging/json';\nexport const handler = async () => Logger;\n";
    expect(refusal(source)).toContain(
      'package @acme/logging is not installed; run npm install @acme/logging in functions/orders',
    );
  });
});

describe('a runtime that is not Node.js', () => {
  it('is refused for an entry', () => {
    expect(refusal('export const handler = 1;\n', { overrides: { runtime: 'python3.12' } })).toBe(
      'dev-test-api: runtime = python3.12: FunctionCode.fromEntry bundles for a Node.js runtime, nodejsN.x',
    );
  });
});
