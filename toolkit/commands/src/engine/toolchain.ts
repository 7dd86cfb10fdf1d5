// What `npm run toolchain` found (.tools/toolchain.env), and the environment every engine command runs with.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';

/** The settings of .tools/toolchain.env the checks read; the file may hold more. */
export interface Toolchain {
  /** The engine binary (terraform or tofu). */
  readonly TOOLCHAIN_ENGINE: string;
  /** The hashicorp/aws version in the provider mirror. */
  readonly TOOLCHAIN_PROVIDER_BUILD: string;
  /** `available`, or why the provider is not in the mirror. */
  readonly TOOLCHAIN_PROVIDER_STATUS: string;
  /** moto's server program. */
  readonly TOOLCHAIN_MOTO_SERVER: string;
  /** The mirror-only CLI config. */
  readonly TF_CLI_CONFIG_FILE: string;
  /** The Node.js the cdktn CLI runs on (22.19 or later); empty when there is none. */
  readonly TOOLCHAIN_CDKTN_NODE?: string;
  /** `available`, or why there is no Node.js for the cdktn CLI. */
  readonly TOOLCHAIN_CDKTN_NODE_STATUS?: string;
  /** Any other setting the file holds. */
  readonly [setting: string]: string | undefined;
}

/**
 * The settings of .tools/toolchain.env as an object (TOOLCHAIN_ENGINE, TOOLCHAIN_PROVIDER_BUILD, ...).
 * Throws a one-line error naming the command to run when the toolchain is not installed.
 */
export function readToolchain(file = path.join(root, '.tools', 'toolchain.env')): Toolchain {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run toolchain first`);
  const settings: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) settings[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return settings as Toolchain;
}

/** Throws, with the toolchain's own reason, unless a hashicorp/aws build is in the provider mirror. */
export function requireProvider(toolchain: Toolchain): void {
  if (toolchain.TOOLCHAIN_PROVIDER_STATUS !== 'available') {
    throw new Error(
      `hashicorp/aws is not in the provider mirror (${toolchain.TOOLCHAIN_PROVIDER_STATUS}); see npm run toolchain`,
    );
  }
}

/** The process environment of an engine command: the mirror-only CLI config, no prompts, no update checks. */
export function engineEnvironment(toolchain: Toolchain): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: toolchain.TF_CLI_CONFIG_FILE,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
}
