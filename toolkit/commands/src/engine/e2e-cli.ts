#!/usr/bin/env node
// `npm run e2e:cdktf [-- <env>-<variant>]`: one stack (dev-private-only by default) deployed and destroyed
// through the real cdktf CLI, against moto running as the environment's account. `npm run e2e:cdktn` does the
// same through the cdktn CLI of the CDK Terrain build (.frameworks/cdktn, npm run framework:cdktn) on the Node.js
// it requires. Everything it writes (synth output, emulator state, moto's log) stays under
// .engine/<framework>/<env>; apps/<env>/cdktf.out is untouched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';
import { startEmulator } from './emulator-server';
import { readDrift, writeStackOverrides } from './overrides';
import { deployCli, DeployOptions, parseDeployOptions } from './framework-cli';
import { plannedChanges } from './plan-output';
import { engineErrors, runEngine } from './run-engine';
import { environmentStacks, stateAddresses } from './stack-folders';
import { engineEnvironment, readToolchain, requireProvider } from './toolchain';

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
    return (
      lines.length > ERROR_LINES
        ? [`... (${lines.length - ERROR_LINES} earlier lines)`, ...lines.slice(-ERROR_LINES)]
        : lines
    ).join('\n');
  }
  return engineErrors(text, ERROR_LINES);
}

/** A hung resource repeats `<address>: Still creating... [10s elapsed]` for minutes; its last report is enough. */
function lastProgressOnly(lines: readonly string[]): string[] {
  const addressOf = (line: string): string => line.slice(0, line.indexOf(': Still '));
  const last = new Map<string, number>();
  lines.forEach((line, index) => {
    if (STILL.test(line)) last.set(addressOf(line), index);
  });
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

/** The framework version a synthesized stack records (`//.metadata.version`). */
function synthesizedBy(stackJson: string): string | undefined {
  const stack = JSON.parse(fs.readFileSync(stackJson, 'utf8')) as { '//'?: { metadata?: { version?: string } } };
  return stack['//']?.metadata?.version;
}

const seconds = (ms: number): number => Math.round(ms / 1000);
const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

async function main({ stackName, framework }: DeployOptions): Promise<void> {
  const started = Date.now();
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const cli = deployCli(framework, toolchain);
  const prefix = `e2e:${framework}`;
  const drift = readDrift();
  const [{ folder, config }] = environmentStacks([stackName]);
  const target = { env: folder, accountId: config.accountId };
  const appDir = path.join(cli.tree, 'apps', target.env);
  const workDir = path.join(root, '.engine', framework, target.env);
  const outdir = path.join(workDir, 'cdktf.out');
  const stackDir = path.join(outdir, 'stacks', stackName);
  // The stacks' emulator backend path, `../../../terraform.<stack>.emulator.tfstate`, from the stack folder.
  const stateFile = path.join(workDir, `terraform.${stackName}.emulator.tfstate`);
  fs.rmSync(workDir, { recursive: true, force: true });

  const emulator = await startEmulator({
    motoServer: toolchain.TOOLCHAIN_MOTO_SERVER,
    accountId: target.accountId,
    logFile: path.join(workDir, 'moto.log'),
  });
  console.log(
    `${prefix}: moto at ${emulator.endpoint} as account ${target.accountId} (log ` +
      `${path.relative(root, emulator.logFile)})`,
  );
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
    // The CLI's `#!/usr/bin/env node`, and the app command it runs, find the Node.js the CLI requires first.
    ...(cli.nodeBinDir ? { PATH: `${cli.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` } : {}),
  };

  /**
   * Runs one CLI command in the app folder, bounded in time, and prints its line; `check` inspects the
   * result and returns the line's detail. Throws a StepFailure with the CLI's error text when it fails.
   */
  async function deployCommand(
    step: keyof typeof TIMEOUT_MS,
    args: readonly string[],
    check: () => string = () => '',
  ): Promise<void> {
    const run = await runEngine(cli.bin, args, {
      cwd: appDir,
      env,
      timeoutMs: TIMEOUT_MS[step],
      signal: emulator.gone,
    });
    if (run.code !== 0) {
      const why =
        (run.timedOut ? `timed out after ${seconds(TIMEOUT_MS[step])} s` : `exit code ${run.code}`) +
        ((await emulatorAnswers(emulator.endpoint)) ? '' : `; the emulator at ${emulator.endpoint} no longer answers`);
      throw new StepFailure(
        `${prefix}: ${step} ${stackName}: FAILED after ${seconds(run.ms)} s ` +
          `(${why})\n${indent(cliErrors(run.output, stackName))}`,
      );
    }
    const detail = check();
    console.log(`${prefix}: ${step} ${stackName}: ok in ${seconds(run.ms)} s${detail ? ` (${detail})` : ''}`);
  }

  /**
   * A team that switches keeps its state: the cdktf build's JSON for the same stack, synthesized by the cdktf CLI and
   * planned against what cdktn deployed, must plan no changes. The cdktn JSON is put back for the destroy.
   */
  async function planDefaultBuildJson(): Promise<void> {
    const cdktfCli = deployCli('cdktf', toolchain);
    const cdktfOut = path.join(workDir, 'cdktf-build.out');
    const cdktfEnv = { ...env, PATH: process.env.PATH };
    const synth = await runEngine(cdktfCli.bin, ['synth', '--output', cdktfOut], {
      cwd: path.join(root, 'apps', target.env),
      env: cdktfEnv,
      timeoutMs: TIMEOUT_MS.synth,
      signal: emulator.gone,
    });
    if (synth.code !== 0)
      throw new StepFailure(
        `${prefix}: handover ${stackName}: FAILED: cdktf synth (exit code ` +
          `${synth.code})\n${indent(cliErrors(synth.output, stackName))}`,
      );
    const stackJson = path.join(stackDir, 'cdk.tf.json');
    const ownJson = fs.readFileSync(stackJson);
    fs.copyFileSync(path.join(cdktfOut, 'stacks', stackName, 'cdk.tf.json'), stackJson);
    try {
      const plan = await runEngine(
        toolchain.TOOLCHAIN_ENGINE,
        ['plan', '-detailed-exitcode', '-input=false', '-no-color'],
        { cwd: stackDir, env, timeoutMs: TIMEOUT_MS.deploy, signal: emulator.gone },
      );
      if (plan.code === 2)
        throw new StepFailure(
          `${prefix}: handover ${stackName}: FAILED: the cdktf build's JSON would change what cdktn ` +
            `deployed:\n${indent(plannedChanges(plan.output))}`,
        );
      if (plan.code !== 0)
        throw new StepFailure(
          `${prefix}: handover ${stackName}: FAILED: plan (exit code ` +
            `${plan.code})\n${indent(engineErrors(plan.output, ERROR_LINES))}`,
        );
      console.log(
        `${prefix}: handover ${stackName}: ok in ${seconds(synth.ms + plan.ms)} s (the cdktf ` +
          `${cdktfCli.libraryVersion} JSON plans no changes against the cdktn deploy)`,
      );
    } finally {
      fs.writeFileSync(stackJson, ownJson);
    }
  }

  try {
    await deployCommand('synth', ['synth', '--output', outdir], () => {
      const stackJson = path.join(stackDir, 'cdk.tf.json');
      if (!fs.existsSync(stackJson))
        throw new StepFailure(
          `${prefix}: synth ${stackName}: FAILED: ${framework} synth exited 0 but wrote no ` +
            `${path.relative(root, stackJson)}`,
        );
      // The stack records the framework library that wrote it: the proof that the CLI ran this build's app.
      const recorded = synthesizedBy(stackJson);
      if (recorded !== cli.libraryVersion) {
        throw new StepFailure(
          `${prefix}: synth ${stackName}: FAILED: the stack records framework version ${recorded}, ` +
            `not the ${framework} build's ${cli.libraryVersion}; the CLI ran another build's app`,
        );
      }
      return `-> ${path.relative(root, stackJson)}, written by ${framework} ${recorded}`;
    });
    const notes = writeStackOverrides(stackDir, {
      drift,
      providerBuild: toolchain.TOOLCHAIN_PROVIDER_BUILD,
      emulator: true,
    });
    for (const note of notes) console.log(`${prefix}: ${stackName}: override: ${note}`);

    // cdktf runs `terraform providers lock` for every platform before init, and that command asks the registry
    // and ignores the CLI config's filesystem mirror; init still writes the lock file, from the mirror.
    const deployed = ['--skip-synth', '--skip-provider-lock', '--output', outdir, '--auto-approve', '--no-color'];
    const state = path.relative(root, stateFile);
    await deployCommand('deploy', ['deploy', stackName, ...deployed], () => {
      const managed = stateAddresses(stateFile).filter((address) => !address.startsWith('data.')).length;
      if (managed === 0)
        throw new StepFailure(
          `${prefix}: deploy ${stackName}: FAILED: ${framework} deploy exited 0 but ${state} holds no resources`,
        );
      return `${managed} resources in state`;
    });
    if (framework === 'cdktn') await planDefaultBuildJson();
    await deployCommand('destroy', ['destroy', stackName, ...deployed], () => {
      const left = stateAddresses(stateFile);
      if (left.length !== 0)
        throw new StepFailure(
          `${prefix}: destroy ${stackName}: FAILED: ${framework} destroy exited 0 but ${state} still holds ` +
            `${left.join(', ')}`,
        );
      return 'state empty';
    });
    console.log(
      `${prefix}: ${stackName} deployed and destroyed through ${framework} ${cli.version} in ` +
        `${seconds(Date.now() - started)} s`,
    );
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    console.log(error.message);
    console.log(
      `${prefix}: FAILED: ${stackName} through ${framework} ${cli.version} after ${seconds(Date.now() - started)} s ` +
        `(moto log ${path.relative(root, emulator.logFile)})`,
    );
    process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

let options: DeployOptions | undefined;
Promise.resolve()
  .then(() => {
    options = parseDeployOptions(process.argv.slice(2));
    return main(options);
  })
  .catch((error: Error) => {
    // Before the options are read, the framework is not known.
    console.error(`e2e${options ? `:${options.framework}` : ''}: FAILED: ${error.message}`);
    process.exitCode = 1;
  });
