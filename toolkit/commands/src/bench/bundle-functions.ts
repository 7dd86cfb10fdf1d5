// Bundles and synthesizes N functions, for the bench's bundling line: node bundle-functions.js <folder>, where
// <folder>/functions/*/handler.ts are the entries (bundling-fixture.ts writes them). Each becomes a LambdaFunction of
// one stack with FunctionCode.fromEntry, synthesized into $CDKTF_OUTDIR. Its closing line gives the time in the
// process and whether esbuild was loaded, which a warm run (every bundle from the cache) must not do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';

const folder = process.argv[2];
const started = process.hrtime.bigint();

const app = new App({ outdir: process.env.CDKTF_OUTDIR, skipValidation: true });
const stack = new TerraformStack(app, 'bundling');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
const names = fs.readdirSync(path.join(folder, 'functions')).sort();
for (const name of names) {
  new LambdaFunction(stack, name, {
    functionName: `bench-bundling-${name}`,
    description: 'Bundling bench',
    environment: { accountId: '123456789012', region: 'eu-west-1', partition: 'aws' },
    code: FunctionCode.fromEntry(path.join(folder, 'functions', name, 'handler.ts')),
    logRetentionInDays: 30,
    logsKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/0b7e1d2c-3f4a-4b5c-8d9e-0f1a2b3c4d5e',
  });
}
app.synth();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const esbuildLoaded = Object.keys(require.cache).some((file) => file.includes(`${path.sep}esbuild${path.sep}`));
console.log(`bundle: ${names.length} function(s) in ${Math.round(ms)} ms, esbuild ${esbuildLoaded ? 1 : 0}`);
