#!/usr/bin/env node
// `npm run e2e:saved-plan`: the deploy workflow's saved plans (workflows/saved-plan.ts) proven with the real engine
// against the local AWS emulator (moto), on dev-private-only synthesized in emulator mode into .engine/e2e-saved-plan.
// The saved plan is applied as planned, and a fresh plan then finds no change; a plan is refused when the stack's
// JSON changed after it (the state untouched), when it was made at another commit, and when the state changed since
// (Terraform's own check); then the stack is destroyed to an empty state.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { applyStack, ApplyResult, planStack, PlanResult, SavedPlanOptions } from '../workflows/saved-plan-commands';
import { SavedPlanError } from '../workflows/saved-plan-stamp';
import { writeStackOverrides } from './overrides';
import { transportFault } from './run-engine';
import { stateAddresses } from './stack-folders';
import { stackFolderIn, stackRunner } from './stack-steps';
import { startStackCheck } from './stack-check-start';
import { engineEnvironment } from './toolchain';

const PREFIX = 'e2e:saved-plan';
const STACK = 'dev-private-only';
const workDir = path.join(root, '.engine', 'e2e-saved-plan');
/** The commit a plan claims in the stale-commit step: one no checkout has. */
const OTHER_COMMIT = 'f00dfeed'.repeat(5);
/** The tag the stale-config step adds to the VPC, in cdk.tf.json itself, as a changed synth would. */
const TAG = 'SavedPlanCheck';
const RUN_TIMEOUT_MS = 20 * 60_000;

/** A step that did not end as it must; its message is the line printed. */
class CheckFailure extends Error {}

async function main(): Promise<void> {
  const started = Date.now();
  const { toolchain, drift, config, values, emulator } = await startStackCheck(STACK, workDir, process.argv.slice(2));
  // Every engine command stops, and its step fails with the reason, when the emulator has gone or the run is too long.
  const stopped = AbortSignal.any([emulator.gone, AbortSignal.timeout(RUN_TIMEOUT_MS)]);
  const stackDir = stackFolderIn(workDir, STACK);
  const stateFile = path.join(workDir, `terraform.${STACK}.emulator.tfstate`);
  const passed: string[] = [];
  try {
    console.log(
      `${PREFIX}: ${STACK} with ${path.basename(toolchain.TOOLCHAIN_ENGINE)}, hashicorp/aws ` +
        `${toolchain.TOOLCHAIN_PROVIDER_BUILD} and ${drift.emulator.name} ${drift.emulator.version} at ` +
        `${emulator.endpoint} as account ${config.accountId}`,
    );
    const { synthEnvironments, EMULATOR_VARIABLE } =
      require('@lambda-vpc/stacks') as typeof import('@lambda-vpc/stacks');
    process.env[EMULATOR_VARIABLE] = emulator.endpoint;
    try {
      synthEnvironments([values], { outdir: path.join(workDir, 'cdktf.out') });
    } finally {
      delete process.env[EMULATOR_VARIABLE];
    }
    const notes = writeStackOverrides(stackDir, {
      drift,
      providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
      emulator: true,
    });
    for (const note of notes) console.log(`${PREFIX}: ${STACK}: override: ${note}`);

    const env = engineEnvironment(toolchain);
    const options = (plans: string, extraEnv: NodeJS.ProcessEnv = {}): SavedPlanOptions => ({
      stackDir,
      planDir: path.join(workDir, 'plans', plans),
      engine: toolchain.TOOLCHAIN_ENGINE,
      env: { ...env, ...extraEnv },
      signal: stopped,
    });
    const managed = (): number => stateAddresses(stateFile).filter((address) => !address.startsWith('data.')).length;
    const stateSha = (): string => createHash('sha256').update(fs.readFileSync(stateFile)).digest('hex');
    const step = async (name: string, body: () => Promise<string>): Promise<void> => {
      const stepStarted = Date.now();
      const detail = await body();
      console.log(`${PREFIX}: ${STACK}: ${name}: ${detail} (${Math.round((Date.now() - stepStarted) / 1000)} s)`);
      passed.push(name);
    };
    /** A plan into plans/<name>; one retry, said aloud, when the emulator's connection broke (a plan only reads). */
    const plan = async (name: string, extraEnv?: NodeJS.ProcessEnv): Promise<PlanResult> => {
      try {
        return await planStack(options(name, extraEnv));
      } catch (error) {
        const fault = error instanceof SavedPlanError ? transportFault(error.message) : null;
        if (fault === null) throw error;
        console.log(`${PREFIX}: ${STACK}: plan ${name} stopped on a broken emulator connection; retrying: ${fault}`);
        return planStack(options(name, extraEnv));
      }
    };
    const planWithChanges = async (name: string, extraEnv?: NodeJS.ProcessEnv): Promise<PlanResult> => {
      const result = await plan(name, extraEnv);
      if (!result.stamp.changes) throw new CheckFailure(`plan ${name}: no changes, expected some (${result.summary})`);
      return result;
    };
    /** Applies plans/<name>; the engine's output is kept in logs/<name>.apply.log. */
    const apply = async (name: string): Promise<ApplyResult> => {
      const result = await applyStack(options(name));
      fs.mkdirSync(path.join(workDir, 'logs'), { recursive: true });
      fs.writeFileSync(path.join(workDir, 'logs', `${name}.apply.log`), JSON.stringify(result, null, 2));
      return result;
    };
    const expectApplied = (name: string, result: ApplyResult): string => {
      if (result.status !== 'applied') throw new CheckFailure(`apply ${name}: ${describe(result)}, expected applied`);
      return result.summary;
    };
    /** Applies plans/<name>, which must be refused with `reason` and leave the state file as it was. */
    const expectRefused = async (name: string, reason: RegExp): Promise<string> => {
      const before = stateSha();
      const result = await apply(name);
      if (result.status !== 'refused' || !result.reasons.some((line) => reason.test(line)))
        throw new CheckFailure(`apply ${name}: ${describe(result)}, expected refused (${reason.source})`);
      if (stateSha() !== before) throw new CheckFailure(`apply ${name}: refused, but the state file changed`);
      return `refused: "${result.reasons.find((line) => reason.test(line))}"; state unchanged (${managed()} resources)`;
    };
    /** Sets the VPC's tag in cdk.tf.json, the way a changed synth would change the stack. */
    const tagVpc = (value: string): void => {
      const file = path.join(stackDir, 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      const vpc = json.resource.aws_vpc.network_vpc as { tags?: Record<string, string> };
      vpc.tags = { ...vpc.tags, [TAG]: value };
      fs.writeFileSync(file, JSON.stringify(json, null, 2));
    };

    await step('saved plan', async () => {
      const { summary, files } = await planWithChanges('first');
      return `${summary} (changes: true) -> ${path.relative(root, files.plan)}`;
    });
    await step('apply of the saved plan', async () => {
      expectApplied('first', await apply('first'));
      return `applied (${managed()} resources)`;
    });
    await step('fresh plan after apply', async () => {
      const fresh = await plan('fresh');
      if (fresh.stamp.changes) throw new CheckFailure(`fresh plan after apply: ${fresh.summary}, expected no changes`);
      const result = await apply('fresh');
      if (result.status !== 'nothing to apply') throw new CheckFailure(`apply fresh: ${describe(result)}`);
      return `${fresh.summary} apply: nothing to apply`;
    });
    await step('stale (config)', async () => {
      tagVpc('planned');
      const { summary } = await planWithChanges('config');
      tagVpc('changed after the plan');
      return `planned ${TAG} (${summary}), changed it again; ${await expectRefused('config', /synthesized JSON changed/)}`;
    });
    await step('stale (commit)', async () => {
      await planWithChanges('commit', { GITHUB_SHA: OTHER_COMMIT });
      return `planned as commit ${OTHER_COMMIT.slice(0, 7)}; ${await expectRefused('commit', /made at commit f00dfee/)}`;
    });
    await step('stale (state)', async () => {
      await planWithChanges('state-a');
      const { summary } = await planWithChanges('state-b');
      const applied = expectApplied('state-a', await apply('state-a'));
      const refused = await expectRefused('state-b', /state changed since the plan/);
      return `two plans of one state (${summary}); the first applied (${applied}); the second ${refused}`;
    });
    const runner = stackRunner({ toolchain, folder: workDir, emulatorGone: stopped, prefix: PREFIX });
    await step('destroy', async () => {
      const { ok, failure } = await runner.destroy(STACK);
      if (!ok) throw new CheckFailure(`destroy: ${failure?.message.split('\n')[0]}`);
      return `state empty (${stateAddresses(stateFile).length} addresses left)`;
    });
    console.log(
      `${PREFIX}: passed in ${Math.round((Date.now() - started) / 1000)} s (${STACK}: ${passed.length} steps: ` +
        `${passed.join(', ')})`,
    );
  } catch (error) {
    if (!(error instanceof CheckFailure || error instanceof SavedPlanError)) throw error;
    console.log(`${PREFIX}: ${STACK}: ${error.message}`);
    console.log(
      `${PREFIX}: FAILED in ${Math.round((Date.now() - started) / 1000)} s after ${passed.length} step(s) ` +
        `(moto log ${path.relative(root, emulator.logFile)})`,
    );
    process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

/** How an apply ended, in a few words, for a failure line. */
function describe(result: ApplyResult): string {
  switch (result.status) {
    case 'applied':
      return `applied (${result.summary})`;
    case 'nothing to apply':
      return 'nothing to apply';
    case 'refused':
      return `refused: ${result.reasons.join('; ')}`;
    case 'failed':
      return `failed: ${result.errors}`;
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`${PREFIX}: FAILED: ${error.message}`);
    process.exitCode = 1;
  });
}
