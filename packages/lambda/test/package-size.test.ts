import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { FunctionCode, LAMBDA_PACKAGE_MB, LambdaFunction, packageSizeProblem } from '@lambda-vpc/lambda';
import { synthConstructs } from '../../../test-support/terraform-json';
import { functionProps, temporaryDirectories } from './fixtures';

const temporaryDirectory = temporaryDirectories();
const MB = 1024 * 1024;
const ZIPPED =
  'the package is 51.0 MB zipped; Lambda takes at most 50 MB for a direct upload (upload it to S3 and use ' +
  'FunctionCode.fromS3)';
const UNZIPPED =
  'the package is 251.0 MB unzipped; Lambda takes at most 250 MB unzipped, layers included (leave out what the ' +
  'runtime provides, or use a container image)';

const build = (code: FunctionCode) => () =>
  synthConstructs((scope) => new LambdaFunction(scope, 'fn', { ...functionProps('/unused'), code }));

describe("packageSizeProblem: Lambda's 50 MB zipped and 250 MB unzipped", () => {
  it('states the limits in MB, as Lambda counts them (MiB)', () => {
    expect(LAMBDA_PACKAGE_MB).toEqual({ zipped: 50, unzipped: 250 });
  });

  it('accepts a package at each limit and refuses one a byte over, with the sizes', () => {
    expect(packageSizeProblem({ zipped: 50 * MB, unzipped: 250 * MB })).toBeUndefined();
    expect(packageSizeProblem({ zipped: 51 * MB, unzipped: 60 * MB })).toBe(ZIPPED);
    expect(packageSizeProblem({ unzipped: 251 * MB })).toBe(UNZIPPED);
    expect(packageSizeProblem({ zipped: 50 * MB + 1 })).toContain('the package is 50.0 MB zipped');
  });
});

describe('a local package over the limits is refused at synth', () => {
  // 51 MB of random bytes: deflate cannot shrink them, so the zip is over 50 MB.
  const directory = temporaryDirectory('package-size-');
  fs.writeFileSync(path.join(directory, 'index.js'), 'exports.handler = async () => 1;\n');
  fs.writeFileSync(path.join(directory, 'model.bin'), crypto.randomBytes(51 * MB - 34));

  it('a directory whose zip is over 50 MB', () => {
    expect(build(FunctionCode.fromDirectory(directory))).toThrow(new Error(`dev-test-api: ${ZIPPED}`));
  });

  it('a zip built elsewhere over 50 MB', () => {
    const file = path.join(temporaryDirectory('package-size-zip-'), 'function.zip');
    const big = Buffer.concat([fs.readFileSync(path.join(directory, 'model.bin')), Buffer.alloc(1000)]);
    // Stored, not deflated (level 0): the bytes are incompressible and the test stays fast.
    fs.writeFileSync(file, zipSync({ 'model.bin': big }, { level: 0 }));
    expect(build(FunctionCode.fromZip(file))).toThrow('dev-test-api: the package is 51.0 MB zipped; Lambda takes');
  });

  it('a directory over 250 MB unzipped, refused from the file sizes before any file is read', () => {
    const large = temporaryDirectory('package-size-sparse-');
    fs.writeFileSync(path.join(large, 'index.js'), 'exports.handler = async () => 1;\n');
    // A sparse file: 251 MB long, no disk used; reading it would take seconds.
    const data = path.join(large, 'data.bin');
    fs.closeSync(fs.openSync(data, 'w'));
    fs.truncateSync(data, 251 * MB - 34);
    expect(build(FunctionCode.fromDirectory(large))).toThrow(new Error(`dev-test-api: ${UNZIPPED}`));
  });
});
