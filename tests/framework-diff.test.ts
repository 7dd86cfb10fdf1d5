// The semantic diff of the cdktf and cdktn builds' synthesized output (toolkit/commands/src/framework/semantic-diff.ts,
// npm run framework:diff), and the allowed differences it reads (toolkit/frameworks/allowed-differences.json).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Allowance, inTermsOf, readAllowances } from '@lambda-vpc/tools/dist/framework/allowed-differences';
import {
  compareOutputs,
  formatFailure,
  formatPath,
  jsonDifferences,
} from '@lambda-vpc/tools/dist/framework/semantic-diff';

const SIDES: [string, string] = ['cdktf', 'cdktn'];
const VERSION_ALLOWANCE: Allowance = {
  file: 'stacks/*/cdk.tf.json',
  path: ['//', 'metadata', 'version'],
  values: { cdktf: '0.21.0', cdktn: '0.24.0' },
  why: 'framework version',
};

/** A stack's JSON as a framework writes it: a VPC, its metadata version, and `overrides` on top. */
function stackJson(version: string, vpc: object = {}): object {
  return {
    '//': { metadata: { stackName: 'dev-private-only', version } },
    resource: { aws_vpc: { network_vpc: { cidr_block: '10.11.0.0/16', tags: { 'managed-by': 'cdktf' }, ...vpc } } },
  };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-diff-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A cdktf.out folder with one stack (and, when given, its function zip). */
function outdir(stack: object | undefined, zip?: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'cdktf.out-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { 'dev-private-only': {} } }));
  if (stack) {
    fs.mkdirSync(path.join(dir, 'stacks', 'dev-private-only', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', 'dev-private-only', 'cdk.tf.json'), JSON.stringify(stack, null, 2));
    if (zip) fs.writeFileSync(path.join(dir, 'stacks', 'dev-private-only', 'assets', 'archive.zip'), zip);
  }
  return dir;
}

function compare(left: string, right: string, allowances: Allowance[] = [VERSION_ALLOWANCE]) {
  return compareOutputs([{ name: 'dev', left, right }], allowances, SIDES);
}

describe('JSON differences', () => {
  it('are none for the same values written in another key order and layout', () => {
    expect(jsonDifferences({ a: 1, b: { c: [1, 2] } }, JSON.parse('{"b":{"c":[1,2]},"a":1}'))).toEqual([]);
  });

  it('name the path of a changed value and both values', () => {
    expect(jsonDifferences(stackJson('0.21.0'), stackJson('0.21.0', { cidr_block: '10.99.0.0/16' }))).toEqual([
      { path: ['resource', 'aws_vpc', 'network_vpc', 'cidr_block'], left: '10.11.0.0/16', right: '10.99.0.0/16' },
    ]);
  });

  it('report a key present on one side only, with the other side undefined', () => {
    expect(jsonDifferences({ tags: {} }, { tags: { owner: 'x' } })).toEqual([
      { path: ['tags', 'owner'], left: undefined, right: 'x' },
    ]);
  });

  it('compare arrays element by element, an extra element by its index', () => {
    expect(jsonDifferences({ ids: ['a', 'b'] }, { ids: ['a', 'c', 'd'] })).toEqual([
      { path: ['ids', 1], left: 'b', right: 'c' },
      { path: ['ids', 2], left: undefined, right: 'd' },
    ]);
  });

  it('report a change of kind (number and string, object and array, null) at the value itself', () => {
    expect(
      jsonDifferences({ port: 443, list: {}, v: null }, { port: '443', list: [], v: false }).map((d) => d.path),
    ).toEqual([['list'], ['port'], ['v']]);
  });
});

describe('JSON paths as printed', () => {
  it('use dots for plain keys, brackets for indexes and for keys with other characters', () => {
    expect(formatPath(['//', 'metadata', 'version'])).toBe('$["//"].metadata.version');
    expect(formatPath(['resource', 'aws_vpc', 'network_vpc', 'tags', 'managed-by'])).toBe(
      '$.resource.aws_vpc.network_vpc.tags["managed-by"]',
    );
    expect(formatPath(['resource', 'aws_subnet', 'network_subnet_private_eu-west-1a', 'cidr_block'])).toBe(
      '$.resource.aws_subnet["network_subnet_private_eu-west-1a"].cidr_block',
    );
    expect(formatPath(['output', 'ids', 0])).toBe('$.output.ids[0]');
  });
});

describe('comparing two synth outputs', () => {
  it('passes when the only difference is an allowed one, and counts it', () => {
    expect(compare(outdir(stackJson('0.21.0'), 'zip'), outdir(stackJson('0.24.0'), 'zip'))).toEqual({
      failures: [],
      allowed: 1,
      unused: [],
    });
  });

  it('fails on any other difference, naming the stack, file, JSON path and both values', () => {
    const { failures } = compare(
      outdir(stackJson('0.21.0')),
      outdir(stackJson('0.24.0', { tags: { 'managed-by': 'cdktn' } })),
    );
    expect(failures.map((failure) => formatFailure(failure, SIDES))).toEqual([
      'dev-private-only: apps/dev/cdktf.out/stacks/dev-private-only/cdk.tf.json ' +
        '$.resource.aws_vpc.network_vpc.tags["managed-by"]: cdktf "cdktf", cdktn "cdktn"',
    ]);
  });

  it('fails on a difference at an allowed path whose values are not the allowed ones', () => {
    const { failures } = compare(outdir(stackJson('0.21.0')), outdir(stackJson('0.25.0')));
    expect(failures.map((failure) => formatFailure(failure, SIDES))).toEqual([
      'dev-private-only: apps/dev/cdktf.out/stacks/dev-private-only/cdk.tf.json $["//"].metadata.version: cdktf ' +
        '"0.21.0", cdktn "0.25.0"',
    ]);
  });

  it('fails on a file one side did not write', () => {
    const { failures } = compare(outdir(stackJson('0.21.0')), outdir(undefined));
    expect(failures.map((failure) => formatFailure(failure, SIDES))).toEqual([
      'dev-private-only: apps/dev/cdktf.out/stacks/dev-private-only/cdk.tf.json (whole file): cdktf "file", cdktn ' +
        '(absent)',
    ]);
  });

  it('fails on a function zip with other bytes', () => {
    const { failures } = compare(outdir(stackJson('0.21.0'), 'one'), outdir(stackJson('0.24.0'), 'two'));
    expect(
      failures.map((failure) => [
        failure.file,
        failure.path,
        String(failure.left).slice(0, 7),
        String(failure.right).slice(0, 7),
      ]),
    ).toEqual([['stacks/dev-private-only/assets/archive.zip', [], 'sha256 ', 'sha256 ']]);
  });

  it('reports an allowed difference that matched nothing, so the list cannot outlive its reason', () => {
    expect(compare(outdir(stackJson('0.21.0')), outdir(stackJson('0.21.0')))).toEqual({
      failures: [],
      allowed: 0,
      unused: [VERSION_ALLOWANCE],
    });
  });
});

describe("a build's JSON in the cdktf build's terms (the snapshots of both builds)", () => {
  const file = 'stacks/dev-private-only/cdk.tf.json';

  it('puts back exactly the allowed value, and leaves every other value as it is', () => {
    expect(
      inTermsOf(stackJson('0.24.0', { cidr_block: '10.99.0.0/16' }), file, 'cdktn', 'cdktf', [VERSION_ALLOWANCE]),
    ).toEqual(stackJson('0.21.0', { cidr_block: '10.99.0.0/16' }));
  });

  it('leaves a value at an allowed path that is not the allowed value, so a snapshot still catches it', () => {
    expect(inTermsOf(stackJson('0.25.0'), file, 'cdktn', 'cdktf', [VERSION_ALLOWANCE])).toEqual(stackJson('0.25.0'));
  });

  it('is the JSON itself in the cdktf build, and applies only to the files an entry names', () => {
    expect(inTermsOf(stackJson('0.24.0'), file, 'cdktf', 'cdktf', [VERSION_ALLOWANCE])).toEqual(stackJson('0.24.0'));
    expect(inTermsOf(stackJson('0.24.0'), 'manifest.json', 'cdktn', 'cdktf', [VERSION_ALLOWANCE])).toEqual(
      stackJson('0.24.0'),
    );
  });
});

describe('toolkit/frameworks/allowed-differences.json', () => {
  it("allows only the framework version the manifest and each stack's metadata record, each with its reason", () => {
    expect(readAllowances().map(({ file, path: at, values }) => ({ file, path: at, values }))).toEqual([
      { file: 'manifest.json', path: ['version'], values: { cdktf: '0.21.0', cdktn: '0.24.0' } },
      {
        file: 'stacks/*/cdk.tf.json',
        path: ['//', 'metadata', 'version'],
        values: { cdktf: '0.21.0', cdktn: '0.24.0' },
      },
    ]);
    for (const entry of readAllowances()) expect(entry.why.length).toBeGreaterThan(20);
  });
});
