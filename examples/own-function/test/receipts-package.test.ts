// The function's package as Lambda receives it: the zip synth wrote into the stack folder, unzipped into a fresh
// folder outside the repository and run by a separate Node.js process there, where the repository's node_modules
// cannot be reached, so only what the zip holds loads. The AWS SDK is the runtime's, so the folder's node_modules
// gets a stand-in for each client the code loads: it records the commands and answers them, and nothing goes to AWS.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthExample } from '@lambda-vpc/example-own-function';
import { moduleLoads, zipFileEntries } from '@lambda-vpc/guardrails';
import { synthExampleStack } from '../../../test-support/example-stack';
import { onlyResource, TerraformJson } from '../../../test-support/terraform-json';

const { result, json } = synthExampleStack(synthExample);
const receipts = onlyResource(json, 'aws_lambda_function');
const zip = fs.readFileSync(path.join(path.dirname(result.stacks[0].file), receipts.filename));
const files = zipFileEntries(zip);
const bundleBytes = files.find((file) => file.path === 'index.js')?.content ?? Buffer.alloc(0);
const bundle = bundleBytes.toString('utf8');

const ORDERS = { 'order#A-1': { pk: { S: 'order#A-1' }, total: { N: '1250' }, currency: { S: 'EUR' } } };
const SIGNING_KEY = 'test-signing-key';

/** A stand-in for an AWS SDK v3 client package: `Client.send` records the command and answers with `answer(input)`. */
const clientPackage = (client: string, command: string, answer: string) => `
class ${command} { constructor(input) { this.input = input; } }
class ${client} {
  async send(command) {
    globalThis.sdkCalls.push([command.constructor.name, command.input]);
    return (${answer})(command.input);
  }
}
module.exports = { ${client}, ${command} };
`;

/** Loads the package as the runtime does (index.js from the task folder) and calls its handler with each event. */
const INVOKE = `
globalThis.sdkCalls = [];
let zodResolvable = true;
try { require.resolve('zod'); } catch { zodResolvable = false; }
const { handler } = require('./index.js');
(async () => {
  const results = [];
  for (const event of JSON.parse(process.argv[2])) results.push(await handler(event));
  process.stdout.write(JSON.stringify({ zodResolvable, results, sdkCalls: globalThis.sdkCalls }));
})();
`;

/** A variable's value as Terraform would resolve it: a `${type.name.attribute}` of this stack, or the value itself. */
const resolved = (stack: TerraformJson, value: string): string =>
  value.replace(/^\$\{(\w+)\.([\w-]+)\.(\w+)\}$/, (_, type, name, attribute) => stack.resource![type][name][attribute]);

/** The zip unzipped into a fresh temporary folder with the SDK stand-ins; the folder. */
function taskFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-receipts-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(folder, file.path)), { recursive: true });
    fs.writeFileSync(path.join(folder, file.path), file.content);
  }
  const sdk = path.join(folder, 'node_modules', '@aws-sdk');
  const stand = (name: string, source: string) => {
    fs.mkdirSync(path.join(sdk, name), { recursive: true });
    fs.writeFileSync(path.join(sdk, name, 'index.js'), source);
  };
  stand(
    'client-dynamodb',
    clientPackage(
      'DynamoDBClient',
      'GetItemCommand',
      `(input) => ({ Item: ${JSON.stringify(ORDERS)}[input.Key.pk.S] })`,
    ),
  );
  stand(
    'client-secrets-manager',
    clientPackage('SecretsManagerClient', 'GetSecretValueCommand', `() => ({ SecretString: '${SIGNING_KEY}' })`),
  );
  fs.writeFileSync(path.join(folder, 'invoke.js'), INVOKE);
  return folder;
}

describe('the package runs on its own', () => {
  const folder = taskFolder();
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  const variables: Record<string, string> = receipts.environment.variables;
  const events = [{ orderId: 'A-1' }, { orderId: 'B-2' }, { orderId: 'no spaces allowed' }, { orderId: 'A-1' }];
  const output = JSON.parse(
    execFileSync(process.execPath, [path.join(folder, 'invoke.js'), JSON.stringify(events)], {
      cwd: folder,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        NODE_PATH: '',
        ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolved(json, value)])),
      },
    }),
  );

  it('runs where zod cannot be resolved: outside the repository, with only the zip and the runtime', () => {
    expect(path.relative(path.resolve(__dirname, '..', '..', '..'), folder)).toMatch(/^\.\./);
    expect(output.zodResolvable).toBe(false);
  });

  it("signs the order the table holds with the secret's key, and says not-found for one it does not", () => {
    const signature = createHmac('sha256', SIGNING_KEY).update('A-1:1250:EUR').digest('hex');
    const signed = { status: 'signed', receipt: { orderId: 'A-1', totalCents: 1250, currency: 'EUR' }, signature };
    expect([output.results[0], output.results[1], output.results[3]]).toEqual([
      signed,
      { status: 'not-found', orderId: 'B-2' },
      signed,
    ]);
  });

  it("refuses an invalid event with zod's own message: zod ran from the bundle", () => {
    expect(output.results[2]).toEqual({
      status: 'invalid',
      problems: ['orderId: Invalid string: must match pattern /^[A-Za-z0-9-]{1,64}$/'],
    });
  });

  it('calls the table its variables name once per valid event, and reads the secret once for the environment', () => {
    expect(output.sdkCalls).toEqual([
      ['GetItemCommand', { TableName: 'example-own-function-orders', Key: { pk: { S: 'order#A-1' } } }],
      ['GetSecretValueCommand', { SecretId: variables.SIGNING_KEY_SECRET_ARN }],
      ['GetItemCommand', { TableName: 'example-own-function-orders', Key: { pk: { S: 'order#B-2' } } }],
      ['GetItemCommand', { TableName: 'example-own-function-orders', Key: { pk: { S: 'order#A-1' } } }],
    ]);
  });
});

describe('what the package holds', () => {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

  it(`is one index.js of ${kib(bundleBytes.length)}, ${kib(zip.length)} zipped: under 1 MiB, 256 KiB zipped`, () => {
    expect(files.map((file) => file.path)).toEqual(['index.js']);
    expect(bundleBytes.length).toBeLessThan(1024 * 1024);
    expect(zip.length).toBeLessThan(256 * 1024);
  });

  it('is the size the README states', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(
      `one \`index.js\`, ${kib(bundleBytes.length)}, ${kib(zip.length)} zipped`,
    );
  });

  it('holds zod and loads only the runtime SDK clients and node:crypto: no require("zod") is left', () => {
    expect(bundle).toContain('// node_modules/zod/v4/core/core.js');
    expect(bundle).not.toContain('require("zod")');
    expect(moduleLoads(bundle)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager', 'node:crypto']);
  });
});
