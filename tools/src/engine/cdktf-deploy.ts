#!/usr/bin/env node
// `npm run e2e:cdktf [-- <env>-<variant>]`: one stack (dev-private-only by default) deployed and destroyed
// through the real cdktf CLI, against moto running as the environment's account. Everything it writes
// (synth output, emulator state, moto's log) stays under .engine/cdktf/<env>; apps/<env>/cdktf.out is untouched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { startEmulator } from './emulator-server';
import { readDrift, writeStackOverrides } from './overrides';
import { engineErrors, runEngine } from './run-engine';
import { environmentStacks, stateAddresses } from './stack-folders';
import { engineEnvironment, readToolchain, requireProvider } from './toolchain';

const DEFAULT_STACK = 'dev-private-only';
const cdktfCli = path.join(root, 'node_modules', '.bin', 'cdktf');
const cdktfVersion = (require(require.resolve('cdktf-cli/package.json', { paths: [root] })) as { version: string }).version;
// A deploy or destroy of one stack takes under a minute against moto; the bounds only catch a hang.
const TIMEOUT_MS = { synth: 5 * 60_000, deploy: 10 * 60_000, destroy: 10 * 60_000 };
const ERROR_LINES = 40;
const STILL = /: Still [a-z]+\.\.\. \[[0-9hms]+ elapsed\]$/;

/** Thrown by a failed step; its message is already the CLI's own text, printed as is. */
class StepFailure extends Error {}

/**
 * The CLI's own error text: ANSI codes, the `<stack>` prefix and the indentation cdktf puts on Terraform's
 * lines removed; then Terraform's `Error:` blocks, each once (cdktf repeats them when it gives up), or the
 * last lines of the output when there are none.
 */
function cliErrors(output: string, stackName: string): string {
  const text = output
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') // eslint-disable-line no-control-regex
    .split('\n')
    .map((line) => line.replace(new RegExp(`^${stackName}(\\s|$)`), '').trim())
    .filter((line) => !/^\d+ Stacks? (deploying|destroying)/.test(line)) // cdktf's progress counter
    .join('\n');
  if (!/^(?:[│╷╵] ?)?Error: /m.test(text)) {
    const lines = lastProgressOnly(text.split('\n').filter((line) => line));
    return (lines.length > ERROR_LINES ? [`... (${lines.length - ERROR_LINES} earlier lines)`, ...lines.slice(-ERROR_LINES)] : lines).join('\n');
  }
  return engineErrors(text, ERROR_LINES);
}

/** A hung resource repeats `<address>: Still creating... [10s elapsed]` for minutes; its last report is enough. */
function lastProgressOnly(lines: readonly string[]): string[] {
  const addressOf = (line: string): string => line.slice(0, line.indexOf(': Still '));
  const last = new Map<string, number>();
  lines.forEach((line, index) => { if (STILL.test(line)) last.set(addressOf(line), index); });
  return lines.filter((line, index) => !STILL.test(line) || last.get(addressOf(line)) === index);
}

/**
 * Whether moto still answers (any HTTP response), so a step that fails after the emulator died says so instead
 * of blaming the stack. Its dashboard, not data.json: that one serializes every backend and may be slow or fail.
 */
async function emulatorAnswers(endpoint: string): Promise<boolean> {
  try {
    await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

const seconds = (ms: number): number => Math.round(ms / 1000);
const indent = (text: string): string => text.split('\n').map((line) => `    ${line}`).join('\n');

async function main(): Promise<void> {
  const started = Date.now();
  const stackName = process.argv[2] ?? DEFAULT_STACK;
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const [{ folder, config }] = environmentStacks([stackName]);
  const target = { env: folder, accountId: config.accountId };
  const appDir = path.join(root, 'apps', target.env);
  const workDir = path.join(root, '.engine', 'cdktf', target.env);
  const outdir = path.join(workDir, 'cdktf.out');
  const stackDir = path.join(outdir, 'stacks', stackName);
  // The stacks' emulator backend path, `../../../terraform.<stack>.emulator.tfstate`, from the stack folder.
  const stateFile = path.join(workDir, `terraform.${stackName}.emulator.tfstate`);
  fs.rmSync(workDir, { recursive: true, force: true });

  const emulator = await startEmulator({
    motoServer: toolchain.TOOLCHAIN_MOTO_SERVER, accountId: target.accountId, logFile: path.join(workDir, 'moto.log'),
  });
  console.log(`e2e:cdktf: moto at ${emulator.endpoint} as account ${target.accountId} (log ${path.relative(root, emulator.logFile)})`);
  const env = {
    ...engineEnvironment(toolchain),
    LAMBDA_VPC_EMULATOR_ENDPOINT: emulator.endpoint,
    // cdktf's telemetry honours CHECKPOINT_DISABLE too; it is set again here so the check never depends on that.
    CHECKPOINT_DISABLE: '1',
    // No prompts; and in CI cdktf never asks to turn crash reports on (the apps' cdktf.json turns them off).
    CI: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    // Otherwise cdktf sets TF_PLUGIN_CACHE_DIR to ~/.terraform.d/plugin-cache over the CLI config's own cache.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    // The app command builds with turbo, which would otherwise send telemetry.
    TURBO_TELEMETRY_DISABLED: '1',
  };

  /**
   * Runs one `cdktf` command in the app folder, bounded in time, and prints its line; `check` inspects the
   * result and returns the line's detail. Throws a StepFailure with the CLI's error text when it fails.
   */
  async function cdktf(step: keyof typeof TIMEOUT_MS, args: readonly string[], check: () => string = () => ''): Promise<void> {
    const run = await runEngine(cdktfCli, args, { cwd: appDir, env, timeoutMs: TIMEOUT_MS[step], signal: emulator.gone });
    if (run.code !== 0) {
      const why = (run.timedOut ? `timed out after ${seconds(TIMEOUT_MS[step])} s` : `exit code ${run.code}`) +
        ((await emulatorAnswers(emulator.endpoint)) ? '' : `; the emulator at ${emulator.endpoint} no longer answers`);
      throw new StepFailure(`e2e:cdktf: ${step} ${stackName}: FAILED after ${seconds(run.ms)} s (${why})\n${indent(cliErrors(run.output, stackName))}`);
    }
    const detail = check();
    console.log(`e2e:cdktf: ${step} ${stackName}: ok in ${seconds(run.ms)} s${detail ? ` (${detail})` : ''}`);
  }

  try {
    await cdktf('synth', ['synth', '--output', outdir], () => {
      const stackJson = path.join(stackDir, 'cdk.tf.json');
      if (!fs.existsSync(stackJson)) throw new StepFailure(`e2e:cdktf: synth ${stackName}: FAILED: cdktf synth exited 0 but wrote no ${path.relative(root, stackJson)}`);
      return `-> ${path.relative(root, stackJson)}`;
    });
    const notes = writeStackOverrides(stackDir, { drift, providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD, emulator: true });
    for (const note of notes) console.log(`e2e:cdktf: ${stackName}: override: ${note}`);

    // cdktf runs `terraform providers lock` for every platform before init, and that command asks the registry
    // and ignores the CLI config's filesystem mirror; init still writes the lock file, from the mirror.
    const deployed = ['--skip-synth', '--skip-provider-lock', '--output', outdir, '--auto-approve', '--no-color'];
    const state = path.relative(root, stateFile);
    await cdktf('deploy', ['deploy', stackName, ...deployed], () => {
      const managed = stateAddresses(stateFile).filter((address) => !address.startsWith('data.')).length;
      if (managed === 0) throw new StepFailure(`e2e:cdktf: deploy ${stackName}: FAILED: cdktf deploy exited 0 but ${state} holds no resources`);
      return `${managed} resources in state`;
    });
    await cdktf('destroy', ['destroy', stackName, ...deployed], () => {
      const left = stateAddresses(stateFile);
      if (left.length !== 0) throw new StepFailure(`e2e:cdktf: destroy ${stackName}: FAILED: cdktf destroy exited 0 but ${state} still holds ${left.join(', ')}`);
      return 'state empty';
    });
    console.log(`e2e:cdktf: ${stackName} deployed and destroyed through cdktf ${cdktfVersion} in ${seconds(Date.now() - started)} s`);
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    console.log(error.message);
    console.log(`e2e:cdktf: FAILED: ${stackName} through cdktf ${cdktfVersion} after ${seconds(Date.now() - started)} s (moto log ${path.relative(root, emulator.logFile)})`);
    process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

main().catch((error: Error) => {
  console.error(`e2e:cdktf: FAILED: ${error.message}`);
  process.exitCode = 1;
});
