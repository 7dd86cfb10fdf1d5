// The start shared by the engine checks of one environment stack against its own emulator (e2e:saved-plan,
// e2e:locking): no arguments, the toolchain with its provider, engine-drift.json, the stack's environment, a fresh
// work folder and moto running as the environment's account.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, EnvironmentInput } from '@lambda-vpc/stacks';
import { Emulator, startEmulator } from './emulator-server';
import { EngineDrift, readDrift } from './overrides';
import { environmentStacks } from './stack-folders';
import { readToolchain, requireProvider, Toolchain } from './toolchain';

/** What a one-stack check starts with. */
export interface StackCheckStart {
  /** What `npm run toolchain` found; its provider is in the mirror. */
  readonly toolchain: Toolchain;
  /** engine-drift.json. */
  readonly drift: EngineDrift;
  /** The validated config of the stack's environment. */
  readonly config: EnvironmentConfig;
  /** The environment's values, as its app exports them. */
  readonly values: EnvironmentInput;
  /** moto, running as the environment's account, logging to `<workDir>/moto.log`. */
  readonly emulator: Emulator;
}

/**
 * Refuses any argument (`argv`: the command's own), reads the toolchain (throws unless its provider is available)
 * and engine-drift.json, finds `stack`'s environment, empties `workDir` and starts the emulator in it.
 */
export async function startStackCheck(
  stack: string,
  workDir: string,
  argv: readonly string[],
): Promise<StackCheckStart> {
  if (argv.length > 0) throw new Error(`takes no arguments (${argv.join(' ')}); it runs ${stack}`);
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const [{ config, values }] = environmentStacks([stack]);
  fs.rmSync(workDir, { recursive: true, force: true });
  const emulator = await startEmulator({
    motoServer: toolchain.TOOLCHAIN_MOTO_SERVER,
    accountId: config.accountId,
    logFile: path.join(workDir, 'moto.log'),
  });
  return { toolchain, drift, config, values, emulator };
}
