#!/usr/bin/env node
// `npm run e2e:locking`: nothing lost under concurrency and teardown, on the local AWS emulator (moto). dev's
// private-only stack, with dev's values plus `protectFromDestroy: true` and the `s3` backend, is synthesized in
// emulator mode into two working copies under .engine/e2e-locking, each given the `s3` backend block a normal synth
// writes (use_lockfile) pointed at the emulator's bucket. Steps: the emulator honours S3 conditional writes; two
// applies at once (the second refused with the lock error while the first holds the lock file); the state object
// whole and a re-plan empty; two applies at once again, the second waiting for the lock (-lock-timeout) and then
// changing nothing; a destroy refused at plan by prevent_destroy with the state and every emulator object unchanged;
// the README's teardown (protection off, apply, destroy) to an empty state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentInput } from '@lambda-vpc/stacks';
import { repositoryRoot as root } from '../repository-root';
import { addressesOf } from '../addresses/ledger';
import { readBucketState, stateDifference } from './bucket-state';
import { createBucket, deleteObject, putObjectIfAbsent } from './emulator-requests';
import { CheckFailure, Copy, lockContention, LockCheckContext } from './lock-contention';
import { destroyedToEmpty, destroyRefused } from './protected-teardown';
import { writeStackOverrides } from './overrides';
import { S3BackendBlock, synthesizedS3Backend, writeS3BackendOverride } from './s3-backend-override';
import { EngineRun, engineErrors, runEngine, transportFault } from './run-engine';
import { stackFolderIn } from './stack-steps';
import { startStackCheck } from './stack-check-start';
import { engineEnvironment } from './toolchain';

const PREFIX = 'e2e:locking';
const STACK = 'dev-private-only';
/** The state bucket the check's config names; created in the emulator only. */
const BUCKET = 'lambda-vpc-e2e-locking-state';
const workDir = path.join(root, '.engine', 'e2e-locking');
const RUN_TIMEOUT_MS = 25 * 60_000;
const STEP_TIMEOUT_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;

async function main(): Promise<void> {
  const started = Date.now();
  const { toolchain, drift, config, values, emulator } = await startStackCheck(STACK, workDir, process.argv.slice(2));
  const { synthEnvironments, EMULATOR_VARIABLE } = require('@lambda-vpc/stacks') as typeof import('@lambda-vpc/stacks');
  // dev's own values, on the `s3` backend and protected, with only the variant under test.
  const { privateOnly } = values.variants as Readonly<Record<string, EnvironmentInput>>;
  const tested = (protectFromDestroy: boolean): EnvironmentInput => ({
    ...values,
    protectFromDestroy,
    backend: { type: 's3', bucket: BUCKET, region: config.region },
    variants: { privateOnly },
  });
  const stopped = AbortSignal.any([emulator.gone, AbortSignal.timeout(RUN_TIMEOUT_MS)]);
  const stackDir = (copy: Copy): string => stackFolderIn(path.join(workDir, copy), STACK);
  const env = engineEnvironment(toolchain);
  const passed: string[] = [];
  let current = 'start';

  /** `engine args...` in a copy, bounded in time; its whole output in logs/<copy>.<name>.log. */
  const engine = async (copy: Copy, name: string, args: readonly string[]): Promise<EngineRun> => {
    const run = await runEngine(toolchain.TOOLCHAIN_ENGINE, [...args, '-no-color'], {
      cwd: stackDir(copy),
      env,
      timeoutMs: STEP_TIMEOUT_MS,
      signal: stopped,
    });
    fs.mkdirSync(path.join(workDir, 'logs'), { recursive: true });
    fs.writeFileSync(path.join(workDir, 'logs', `${copy}.${name.replace(/[^\w.-]+/g, '-')}.log`), run.output);
    return run;
  };
  /** `engine`, run once more (said aloud) when the emulator's connection broke mid-request. */
  const engineOnce = async (copy: Copy, name: string, args: readonly string[]): Promise<EngineRun> => {
    const first = await engine(copy, name, args);
    const fault = first.code === 1 && !first.aborted && !first.timedOut ? transportFault(first.output) : null;
    if (fault === null) return first;
    console.log(`${PREFIX}: ${name} stopped on a broken emulator connection; retrying once: ${fault}`);
    return engine(copy, `${name} retry`, args);
  };
  /** `engineOnce`, which must exit 0; the engine's errors otherwise. */
  const ensure = async (copy: Copy, name: string, args: readonly string[]): Promise<EngineRun> => {
    const run = await engineOnce(copy, name, args);
    if (run.code !== 0)
      throw new CheckFailure(`${name} (${copy} copy) exited ${run.code}:\n${engineErrors(run.output)}`);
    return run;
  };
  const step = async (name: string, body: () => Promise<string>): Promise<void> => {
    current = name;
    const stepStarted = Date.now();
    const seconds = (): number => Math.round((Date.now() - stepStarted) / 1000);
    const heartbeat = setInterval(
      () => console.log(`${PREFIX}: ${name}: still running (${seconds()} s)`),
      HEARTBEAT_MS,
    );
    try {
      const detail = await body();
      console.log(`${PREFIX}: ${name}: ${detail} (${seconds()} s)`);
      passed.push(name);
    } finally {
      clearInterval(heartbeat);
    }
  };
  /** Synthesizes the tested config in emulator mode into both copies, each with its override files. */
  const synthCopies = (protectFromDestroy: boolean, backend: S3BackendBlock): void => {
    process.env[EMULATOR_VARIABLE] = emulator.endpoint;
    try {
      synthEnvironments([tested(protectFromDestroy)], { outdir: path.join(workDir, 'first', 'cdktf.out') });
    } finally {
      delete process.env[EMULATOR_VARIABLE];
    }
    writeStackOverrides(stackDir('first'), {
      drift,
      providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
      emulator: true,
    });
    writeS3BackendOverride(stackDir('first'), backend, emulator.endpoint);
    // The second copy is the same files; its own .terraform stays.
    for (const file of fs.readdirSync(stackDir('first')).filter((name) => name !== '.terraform'))
      fs.cpSync(path.join(stackDir('first'), file), path.join(stackDir('second'), file), { recursive: true });
  };

  try {
    console.log(
      `${PREFIX}: ${STACK} with ${path.basename(toolchain.TOOLCHAIN_ENGINE)}, hashicorp/aws ` +
        `${toolchain.TOOLCHAIN_PROVIDER_BUILD} and ${drift.emulator.name} ${drift.emulator.version} at ` +
        `${emulator.endpoint} as account ${config.accountId}`,
    );
    let backend: S3BackendBlock | undefined;
    let declared: string[] = [];
    await step('synth', async () => {
      // The backend block exactly as a normal synth of the config writes it for AWS.
      const awsOut = path.join(workDir, 'aws', 'cdktf.out');
      synthEnvironments([tested(true)], { outdir: awsOut });
      backend = synthesizedS3Backend(path.join(stackFolderIn(path.join(workDir, 'aws'), STACK), 'cdk.tf.json'));
      if (backend.use_lockfile !== true)
        throw new CheckFailure(`the synthesized s3 backend has no use_lockfile = true`);
      synthCopies(true, backend);
      declared = addressesOf(JSON.parse(fs.readFileSync(path.join(stackDir('first'), 'cdk.tf.json'), 'utf8')));
      return (
        `protectFromDestroy: true, backend s3://${backend.bucket}/${backend.key} (use_lockfile) at the emulator, ` +
        `${declared.length} resources, two copies`
      );
    });
    const s3 = backend!;
    await step('conditional write', async () => {
      await createBucket(emulator.endpoint, s3.bucket, s3.region);
      const probe = 'conditional-write-probe.tflock';
      const first = await putObjectIfAbsent(emulator.endpoint, s3.region, s3.bucket, probe, 'first');
      const second = await putObjectIfAbsent(emulator.endpoint, s3.region, s3.bucket, probe, 'second');
      await deleteObject(emulator.endpoint, s3.region, s3.bucket, probe);
      const code = /<Code>([^<]+)<\/Code>/.exec(second.body)?.[1];
      if (first.status !== 200 || second.status !== 412 || code !== 'PreconditionFailed')
        throw new CheckFailure(
          `the emulator does not honour PutObject with If-None-Match: * (first HTTP ${first.status}, second HTTP ` +
            `${second.status} ${code ?? ''}), so it cannot hold an S3 lock file; a DynamoDB lock table ` +
            `(dynamodb_table) is the way to show locking on it`,
        );
      return `bucket ${s3.bucket} created; PutObject If-None-Match: * -> HTTP 200, again -> HTTP 412 ${code}`;
    });
    await step('init', async () => {
      await ensure('first', 'init', ['init', '-input=false']);
      await ensure('second', 'init', ['init', '-input=false']);
      return 'both copies on the s3 backend';
    });
    const context: LockCheckContext = { endpoint: emulator.endpoint, backend: s3, moto: emulator.logFile, engine };
    await step('lock refuses a second apply', () => lockContention(context, 'refused'));
    const wholeState = async (): Promise<string> => {
      const state = await readBucketState(emulator.endpoint, s3);
      if (state === undefined) throw new CheckFailure(`s3://${s3.bucket}/${s3.key} is missing`);
      const { missing, extra } = stateDifference(declared, state);
      if (missing.length > 0 || extra.length > 0)
        throw new CheckFailure(
          `the state is not whole: missing ${missing.join(', ') || 'none'}; extra ${extra.join(', ') || 'none'}`,
        );
      return `state parses, serial ${state.serial}, all ${declared.length} declared resources`;
    };
    const emptyPlan = async (copy: Copy, name: string): Promise<string> => {
      const plan = await engineOnce(copy, name, ['plan', '-detailed-exitcode', '-input=false']);
      if (plan.code === 2) throw new CheckFailure(`${name}: the plan after the applies has changes`);
      if (plan.code !== 0) throw new CheckFailure(`${name} exited ${plan.code}:\n${engineErrors(plan.output)}`);
      return 'plan: no changes';
    };
    await step('state whole and re-plan', async () => `${await wholeState()}; ${await emptyPlan('second', 'plan')}`);
    await step('lock makes a second apply wait', () => lockContention(context, 'waited'));
    await step(
      'state whole and re-plan again',
      async () => `${await wholeState()}; ${await emptyPlan('first', 'plan again')}`,
    );
    await step('destroy refused', () => destroyRefused(context));
    await step('teardown', async () => {
      synthCopies(false, s3);
      // The synth replaced the first copy's folder, its .terraform too.
      await ensure('first', 'init again', ['init', '-input=false']);
      await ensure('first', 'apply without protection', ['apply', '-auto-approve', '-input=false']);
      return destroyedToEmpty(context);
    });
    console.log(
      `${PREFIX}: passed in ${Math.round((Date.now() - started) / 1000)} s (${STACK}: ${passed.length} steps: ` +
        `${passed.join('; ')})`,
    );
  } catch (error) {
    if (!(error instanceof CheckFailure)) throw error;
    const [line, ...detail] = error.message.split('\n');
    console.log(
      `${PREFIX}: FAILED at ${current} after ${Math.round((Date.now() - started) / 1000)} s: ${line}` +
        `${detail.length > 0 ? `\n${detail.map((text) => `    ${text}`).join('\n')}` : ''}\n` +
        `${PREFIX}: logs in ${path.relative(root, path.join(workDir, 'logs'))}, moto's in ` +
        `${path.relative(root, emulator.logFile)}; the emulator is stopped, which removes everything it held`,
    );
    process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`${PREFIX}: FAILED: ${error.message}`);
    process.exitCode = 1;
  });
}
