import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformVariable } from 'cdktf';
import { deterministicZip, FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { onlyResource, synthConstructs } from '../../../test-support/terraform-json';
import { functionProps, synthesizeFunction, temporaryDirectories, writeFiles } from './fixtures';

const temporaryDirectory = temporaryDirectories();

/** The function's `aws_lambda_function` body, synthesized in memory with `code`. */
function functionBody(code: FunctionCode) {
  return onlyResource(
    synthConstructs((scope) => new LambdaFunction(scope, 'fn', { ...functionProps('/unused'), code })),
    'aws_lambda_function',
  );
}

const refusal = (code: FunctionCode) => () => functionBody(code);

describe('FunctionCode.fromZip: a zip built elsewhere', () => {
  const zip = deterministicZip([
    { path: 'app.py', content: Buffer.from('def handler(event, context):\n  return 1\n') },
  ]);
  const file = path.join(temporaryDirectory('prebuilt-zip-'), 'function.zip');
  fs.writeFileSync(file, zip);

  it('is copied into the stack folder; source_code_hash is the SHA-256 of its bytes; the handler is as given', () => {
    const { fn, zip: written } = synthesizeFunction(
      temporaryDirectory('prebuilt-synth-'),
      FunctionCode.fromZip(file, 'app.handler'),
      {
        runtime: 'python3.12',
      },
    );
    expect(written!.equals(zip)).toBe(true);
    expect(fn.source_code_hash).toBe(crypto.createHash('sha256').update(zip).digest('base64'));
    expect(fn.filename).toMatch(/^assets\/fn_code_[0-9A-F]+\/[0-9a-f]{64}\/archive\.zip$/);
    expect(fn.handler).toBe('app.handler');
    expect(fn).not.toHaveProperty('s3_bucket');
  });

  it('defaults the handler to index.handler', () => {
    expect(functionBody(FunctionCode.fromZip(file)).handler).toBe('index.handler');
  });

  it('is refused when the file is missing', () => {
    const missing = path.join(path.dirname(file), 'missing.zip');
    expect(refusal(FunctionCode.fromZip(missing))).toThrow(
      new Error(`dev-test-api: the zip ${missing} does not exist; build it first or fix the path`),
    );
  });

  it('is refused when the file is not a zip', () => {
    const notZip = path.join(
      writeFiles(temporaryDirectory('prebuilt-text-'), { 'index.js': 'exports.handler = 1;\n' }),
      'index.js',
    );
    expect(refusal(FunctionCode.fromZip(notZip))).toThrow(
      new Error(`dev-test-api: ${notZip} is not a zip (invalid zip data)`),
    );
  });

  it('is refused when the zip holds no files', () => {
    const empty = path.join(temporaryDirectory('prebuilt-empty-'), 'empty.zip');
    fs.writeFileSync(empty, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
    expect(refusal(FunctionCode.fromZip(empty))).toThrow(new Error(`dev-test-api: the zip ${empty} holds no files`));
  });
});

describe('FunctionCode.fromS3: a zip uploaded to S3 outside the stack', () => {
  const location = {
    bucket: 'acme-dev-artifacts',
    key: 'orders/api-1.4.2.zip',
    version: '3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
  };

  it('sets s3_bucket, s3_key and s3_object_version instead of filename and source_code_hash', () => {
    const fn = functionBody(FunctionCode.fromS3(location, 'index.main'));
    expect(fn).toMatchObject({
      s3_bucket: 'acme-dev-artifacts',
      s3_key: 'orders/api-1.4.2.zip',
      s3_object_version: '3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
      handler: 'index.main',
    });
    expect(fn).not.toHaveProperty('filename');
    expect(fn).not.toHaveProperty('source_code_hash');
  });

  it('takes a Terraform reference as it is', () => {
    let bucket = '';
    const json = synthConstructs((scope) => {
      bucket = new TerraformVariable(scope, 'artifacts_bucket', { type: 'string' }).stringValue;
      new LambdaFunction(scope, 'fn', {
        ...functionProps('/unused'),
        code: FunctionCode.fromS3({ ...location, bucket }),
      });
    });
    expect(onlyResource(json, 'aws_lambda_function').s3_bucket).toBe('${var.artifacts_bucket}');
  });

  it.each([
    [
      'Acme_Artifacts',
      'bucket = "Acme_Artifacts": a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens, starting ' +
        'and ending with a letter or digit, without ".." and not an IP address',
    ],
    ['acme..artifacts', 'bucket = "acme..artifacts": a bucket name is 3 to 63'],
    ['192.168.10.12', 'bucket = "192.168.10.12": a bucket name is 3 to 63'],
  ])('refuses the bucket name %s', (bucket, message) => {
    expect(refusal(FunctionCode.fromS3({ ...location, bucket }))).toThrow(
      `dev-test-api: FunctionCode.fromS3 ${message}`,
    );
  });

  it('refuses an empty key and an empty version, in one line', () => {
    expect(refusal(FunctionCode.fromS3({ ...location, key: '', version: ' ' }))).toThrow(
      new Error(
        'dev-test-api: FunctionCode.fromS3 key = "": an object key is 1 to 1024 bytes; version = " ": the ' +
          "object's version ID is required, so a new upload changes the plan",
      ),
    );
  });
});
