#!/usr/bin/env node
// `npm run reachability:across -- <caller cdk.tf.json> <target cdk.tf.json> [--function <caller function>]
// [--target-function <function>]`: whether the caller stack's function invokes Lambda through the target stack's
// Lambda interface endpoint, across a VPC peering connection or a transit gateway, hop by hop. Reads the two JSON
// files only (no cloud calls); each stack is named by its folder (cdktf.out/stacks/<stack>/cdk.tf.json). Exit
// status 1 when the verdict is no, or on a bad argument (one line).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackJson } from '@lambda-vpc/stack-model';
import { commandOptions, CommandSpec } from './command-options';

const COMMAND = 'reachability:across';

/** What the command accepts: the two stacks' files, the caller function and the function invoked. */
const ACROSS_OPTIONS = {
  positionals: '<caller cdk.tf.json> <target cdk.tf.json>',
  minPositionals: 2,
  maxPositionals: 2,
  options: {
    function: { type: 'string', value: '<caller function>', allowed: 'a function name or aws_lambda_function address' },
    'target-function': {
      type: 'string',
      value: '<function>',
      allowed: 'a function name or aws_lambda_function address of the target stack',
    },
  },
} as const satisfies CommandSpec;

function fail(message: string): never {
  console.error(`${COMMAND}: ${message}`);
  process.exit(1);
}

/** A stack file read as a document named by its folder; a missing or unreadable file is one line. */
function readStack(
  stackModel: typeof import('@lambda-vpc/stack-model'),
  role: string,
  file: string,
): InstanceType<typeof stackModel.StackDocument> {
  let json: StackJson;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not JSON';
    fail(`${role} ${file}: ${reason}; allowed: a synthesized cdk.tf.json`);
  }
  if (typeof json !== 'object' || json === null || typeof json.resource !== 'object')
    fail(`${role} ${file}: no resource block; allowed: a synthesized cdk.tf.json`);
  return new stackModel.StackDocument(path.basename(path.dirname(path.resolve(file))), json);
}

const { values, positionals } = commandOptions(COMMAND, process.argv.slice(2), ACROSS_OPTIONS);
let reachability: typeof import('@lambda-vpc/reachability');
let stackModel: typeof import('@lambda-vpc/stack-model');
try {
  reachability = require('@lambda-vpc/reachability');
  stackModel = require('@lambda-vpc/stack-model');
} catch (error) {
  fail(`${(error as Error).message.split('\n')[0]}; run npm run build`);
}
const caller = readStack(stackModel, 'caller', positionals[0]!);
const target = readStack(stackModel, 'target', positionals[1]!);
let result: ReturnType<typeof reachability.analyzeInvocationAcrossStacks>;
try {
  result = reachability.analyzeInvocationAcrossStacks(caller, target, {
    ...(values.function !== undefined ? { callerFunction: values.function } : {}),
    ...(values['target-function'] !== undefined ? { targetFunction: values['target-function'] } : {}),
  });
} catch (error) {
  fail((error as Error).message.split('\n')[0]!);
}
console.log(reachability.formatInvocationAcrossStacks(result));
for (const note of result.notes) console.log(`note: ${note}`);
process.exitCode = result.verdict === 'no' ? 1 : 0;
