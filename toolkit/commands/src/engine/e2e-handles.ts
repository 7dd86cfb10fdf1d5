#!/usr/bin/env node
// `npm run e2e:handles`: the network handles proven end to end against the local AWS emulator (moto), as a platform
// team and an application team in another repository would use them. dev's private-only and privatelink stacks (the
// platform) are applied; then the example app, examples/app-from-parameters, synthesized by its own main as a separate
// app, reads their handles with Network.fromParameters and is applied. Its functions must sit in the platform's
// subnets and its rules name the platform's endpoint group and prefix list (read back from both states); every stack
// plans no change, the platform's again after the app wrote its rule on the endpoint's group; the app is destroyed,
// then the platform, and every state is empty.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentInput } from '@lambda-vpc/stacks';
import { repositoryRoot as root } from '../repository-root';
import { startEmulator } from './emulator-server';
import { readDrift, writeStackOverrides } from './overrides';
import { inParallel, stopAfter } from './run-engine';
import { environmentStacks } from './stack-folders';
import { stackFolderIn, stackRunner, StepFailure, StepOutcome } from './stack-steps';
import { readToolchain, requireProvider } from './toolchain';

const PREFIX = 'e2e:handles';
const workDir = path.join(root, '.engine', 'e2e-handles');
/** The platform: the stacks whose handles the app reads. */
const PLATFORM_STACKS = ['dev-private-only', 'dev-privatelink'];
/** The app from another repository, and the stack its main synthesizes. */
const APP_DIR = path.join(root, 'examples', 'app-from-parameters');
const APP_STACK = 'dev-orders';
const RUN_TIMEOUT_MS = 30 * 60_000;

/** Where each side's synth and states go: `<folder>/cdktf.out/stacks/<stack>`, `<folder>/terraform.<stack>...`. */
const folders = { platform: path.join(workDir, 'platform'), app: path.join(workDir, 'app') };

async function main(): Promise<void> {
  const started = Date.now();
  if (process.argv.length > 2) {
    throw new Error(
      `takes no arguments (${process.argv.slice(2).join(' ')}); it runs ${PLATFORM_STACKS.join(', ')} and ` +
        `${path.relative(root, APP_DIR)}`,
    );
  }
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const [{ config, values }] = environmentStacks(PLATFORM_STACKS);
  if (!fs.existsSync(path.join(APP_DIR, 'dist', 'main.js'))) {
    throw new Error(`${path.relative(root, APP_DIR)}/dist/main.js is missing; run npm run build`);
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  stopAfter(PREFIX, RUN_TIMEOUT_MS);

  const emulator = await startEmulator({
    motoServer: toolchain.TOOLCHAIN_MOTO_SERVER,
    accountId: config.accountId,
    logFile: path.join(workDir, 'moto.log'),
  });
  const outcomes: { stack: string; failure?: StepOutcome['failure'] }[] = [];
  try {
    console.log(
      `${PREFIX}: ${PLATFORM_STACKS.join(' and ')} (the platform), then ${APP_STACK} ` +
        `(${path.relative(root, APP_DIR)}, a separate app), with ${path.basename(toolchain.TOOLCHAIN_ENGINE)}, ` +
        `hashicorp/aws ${toolchain.TOOLCHAIN_PROVIDER_BUILD} and ${drift.emulator.name} ${drift.emulator.version} at ` +
        `${emulator.endpoint} as account ${config.accountId}`,
    );
    const overrides = (folder: string, stack: string): void => {
      const notes = writeStackOverrides(stackFolderIn(folder, stack), {
        drift,
        providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
        emulator: true,
      });
      for (const note of notes) console.log(`${PREFIX}: ${stack}: override: ${note}`);
    };
    synthPlatform(values, emulator.endpoint);
    for (const stack of PLATFORM_STACKS) overrides(folders.platform, stack);
    synthApp(emulator.endpoint);
    overrides(folders.app, APP_STACK);

    const runner = (folder: string) => stackRunner({ toolchain, folder, emulatorGone: emulator.gone, prefix: PREFIX });
    const platform = runner(folders.platform);
    const app = runner(folders.app);
    const record = (stack: string, outcome: StepOutcome): boolean => {
      if (!outcome.ok) outcomes.push({ stack, failure: outcome.failure });
      return outcome.ok;
    };

    const deployed = await inParallel(PLATFORM_STACKS, 2, (stack) => platform.deploy(stack));
    const platformUp = PLATFORM_STACKS.filter((stack, i) => record(stack, deployed[i]));
    if (platformUp.length === PLATFORM_STACKS.length) {
      const appUp = record(APP_STACK, await app.deploy(APP_STACK));
      if (appUp) {
        const wrong = wrongPlacements(config.availabilityZones);
        if (wrong !== '') {
          const failure = new StepFailure(APP_STACK, 'placement', wrong);
          console.log(`${PREFIX}: ${failure.message}`);
          outcomes.push({ stack: APP_STACK, failure });
        }
        const replanned = await inParallel(PLATFORM_STACKS, 2, (stack) =>
          platform.emptyPlan(stack, 'replan', `plan with ${APP_STACK} applied`),
        );
        PLATFORM_STACKS.forEach((stack, i) => record(stack, replanned[i]));
      }
      record(APP_STACK, await app.destroy(APP_STACK));
    }
    const destroyed = await inParallel(platformUp, 2, (stack) => platform.destroy(stack));
    platformUp.forEach((stack, i) => record(stack, destroyed[i]));
    for (const stack of PLATFORM_STACKS) console.log(`${PREFIX}: ${stack}: ${platform.times(stack)}`);
    console.log(`${PREFIX}: ${APP_STACK}: ${app.times(APP_STACK)}`);
  } finally {
    await emulator.stop();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const failed = [...new Set(outcomes.map((outcome) => outcome.stack))];
  if (failed.length > 0) {
    for (const { failure } of outcomes) if (failure) console.log(`${PREFIX}: ${failure.message.split('\n')[0]}`);
    console.log(`${PREFIX}: FAILED in ${seconds} s (${failed.join(', ')})`);
    process.exitCode = 1;
  } else {
    console.log(`${PREFIX}: passed in ${seconds} s (the platform's handles placed ${APP_STACK}; every plan empty)`);
  }
}

/** The platform's stacks, synthesized in emulator mode through the stacks' own switch. */
function synthPlatform(values: EnvironmentInput, endpoint: string): void {
  const { synthEnvironments, EMULATOR_VARIABLE } = require('@lambda-vpc/stacks') as typeof import('@lambda-vpc/stacks');
  process.env[EMULATOR_VARIABLE] = endpoint;
  try {
    synthEnvironments([values], { outdir: path.join(folders.platform, 'cdktf.out') });
  } finally {
    delete process.env[EMULATOR_VARIABLE];
  }
}

/** The app, synthesized by its own main as its cdktf.json runs it, in emulator mode, into the check's folder. */
function synthApp(endpoint: string): void {
  const { EMULATOR_VARIABLE } = require('@lambda-vpc/stacks') as typeof import('@lambda-vpc/stacks');
  const run = spawnSync(process.execPath, ['dist/main.js'], {
    cwd: APP_DIR,
    encoding: 'utf8',
    env: { ...process.env, [EMULATOR_VARIABLE]: endpoint, CDKTF_OUTDIR: path.join(folders.app, 'cdktf.out') },
  });
  if (run.status !== 0) throw new Error(`${APP_STACK}: synth failed:\n${run.stdout}${run.stderr}`);
  console.log(`${PREFIX}: ${APP_STACK}: synthesized by ${path.relative(root, APP_DIR)}/dist/main.js`);
}

/** A resource's attributes in a local state file, by its address (`aws_subnet.network_subnet_isolated_eu-west-1a`). */
function attributesIn(folder: string, stack: string, address: string): Record<string, unknown> {
  const state = JSON.parse(fs.readFileSync(path.join(folder, `terraform.${stack}.emulator.tfstate`), 'utf8')) as {
    resources?: { mode: string; type: string; name: string; instances?: { attributes: Record<string, unknown> }[] }[];
  };
  const found = (state.resources ?? []).find(
    (resource) => resource.mode === 'managed' && `${resource.type}.${resource.name}` === address,
  );
  return found?.instances?.[0]?.attributes ?? {};
}

/**
 * Whether what the app applied names the platform's own resources, read from both states: each function in its
 * platform's isolated subnets and VPC, the reader's egress to DynamoDB's prefix list, the invoker admitted on the
 * Lambda endpoint's group. Prints each that holds; returns those that do not, one line each (empty when all hold).
 */
function wrongPlacements(availabilityZones: readonly string[]): string {
  const platformAt = (stack: string, address: string) => attributesIn(folders.platform, stack, address);
  const appAt = (address: string) => attributesIn(folders.app, APP_STACK, address);
  const subnets = (stack: string) =>
    availabilityZones.map((az) => platformAt(stack, `aws_subnet.network_subnet_isolated_${az}`).id).sort();
  const placed = (fn: string) =>
    [...((appAt(`aws_lambda_function.${fn}`).vpc_config as { subnet_ids: string[] }[])?.[0]?.subnet_ids ?? [])].sort();
  const checks: [string, unknown, unknown][] = [
    ['reader: subnets of dev-private-only', placed('reader'), subnets('dev-private-only')],
    ['invoker: subnets of dev-privatelink', placed('invoker'), subnets('dev-privatelink')],
    [
      "reader: security group in dev-private-only's VPC",
      appAt('aws_security_group.reader_security-group').vpc_id,
      platformAt('dev-private-only', 'aws_vpc.network_vpc').id,
    ],
    [
      "reader: egress to dev-private-only's DynamoDB prefix list",
      appAt('aws_vpc_security_group_egress_rule.reader_egress_dynamodb_tcp443').prefix_list_id,
      platformAt('dev-private-only', 'aws_vpc_endpoint.dynamodb-endpoint').prefix_list_id,
    ],
    [
      "invoker: admitted on dev-privatelink's Lambda endpoint group",
      appAt('aws_vpc_security_group_ingress_rule.lambda-api_ingress_invoker_tcp443').security_group_id,
      platformAt('dev-privatelink', 'aws_security_group.lambda-endpoint_security-group').id,
    ],
  ];
  const wrong = checks.filter(
    ([, actual, expected]) => expected === undefined || JSON.stringify(actual) !== JSON.stringify(expected),
  );
  for (const [what, actual] of checks) {
    const shown = Array.isArray(actual) ? actual.join(', ') : String(actual);
    if (!wrong.some(([other]) => other === what)) console.log(`${PREFIX}: ${APP_STACK}: ${what}: ${shown}`);
  }
  return wrong
    .map(([what, actual, expected]) => `${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`)
    .join('\n');
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`${PREFIX}: ${error.message}`);
    process.exitCode = 1;
  });
}
