// The engines the checks run with, as `npm run toolchain` found them: Terraform and OpenTofu, each available or
// not with the reason, and the lines that name an engine in the checks' output.
import * as path from 'node:path';
import type { ValueOption } from '../command-options';
import { readToolchain, requireProvider, Toolchain } from './toolchain';

/** The engines the checks know, in the order they run. */
export const ENGINE_NAMES = ['terraform', 'tofu'] as const;

/** `terraform` or `tofu`. */
export type EngineName = (typeof ENGINE_NAMES)[number];

/** One engine as the toolchain found it. */
export interface Engine {
  /** `terraform` or `tofu`. */
  readonly name: EngineName;
  /** Its binary; empty when it is not available. */
  readonly binary: string;
  /** What it reports (`1.11.4`); empty when it is not available. */
  readonly version: string;
  /** `available`, or why it is not. */
  readonly status: string;
  /**
   * The registry host a provider source without one (`hashicorp/aws`) means to it, and so the folder of the
   * provider mirror it reads.
   */
  readonly registry: string;
}

const REGISTRY: Readonly<Record<EngineName, string>> = {
  terraform: 'registry.terraform.io',
  tofu: 'registry.opentofu.org',
};

const isEngineName = (value: string): value is EngineName => (ENGINE_NAMES as readonly string[]).includes(value);

/** `--engine terraform|tofu`, for every check that runs an engine. */
export const ENGINE_OPTION = {
  type: 'string',
  value: ENGINE_NAMES.join('|'),
  allowed: ENGINE_NAMES.join(', '),
  valid: isEngineName,
} as const satisfies ValueOption;

/**
 * Both engines, from .tools/toolchain.env (TOOLCHAIN_TERRAFORM, TOOLCHAIN_TOFU and their _VERSION and _STATUS). A
 * toolchain.env written before it named both gives its one TOOLCHAIN_ENGINE, and the other as not recorded.
 */
export function toolchainEngines(toolchain: Toolchain): Engine[] {
  return ENGINE_NAMES.map((name): Engine => {
    const key = `TOOLCHAIN_${name.toUpperCase()}`;
    const recorded = toolchain[`${key}_STATUS`];
    if (recorded === undefined) {
      const binary = path.basename(toolchain.TOOLCHAIN_ENGINE) === name ? toolchain.TOOLCHAIN_ENGINE : '';
      return {
        name,
        binary,
        version: binary ? 'version unknown' : '',
        status: binary ? 'available' : 'not in .tools/toolchain.env (the toolchain predates it): run npm run toolchain',
        registry: REGISTRY[name],
      };
    }
    const binary = toolchain[key] ?? '';
    const status = recorded === 'available' && !binary ? `${key} is empty: run npm run toolchain` : recorded;
    return { name, binary, version: toolchain[`${key}_VERSION`] ?? '', status, registry: REGISTRY[name] };
  });
}

/** The toolchain's default engine (TOOLCHAIN_ENGINE): the one a check runs with when no --engine is given. */
export function defaultEngine(toolchain: Toolchain): EngineName {
  const name = path.basename(toolchain.TOOLCHAIN_ENGINE);
  if (!isEngineName(name))
    throw new Error(`TOOLCHAIN_ENGINE ${toolchain.TOOLCHAIN_ENGINE}: allowed: a terraform or tofu binary`);
  return name;
}

/** The engine named, as the toolchain found it. */
export function toolchainEngine(toolchain: Toolchain, name: EngineName): Engine {
  return toolchainEngines(toolchain).find((engine) => engine.name === name)!;
}

/** The toolchain with `engine` as the one the engine steps run (TOOLCHAIN_ENGINE). */
export function withEngine(toolchain: Toolchain, engine: Engine): Toolchain {
  return { ...toolchain, TOOLCHAIN_ENGINE: engine.binary };
}

/** `tofu 1.12.6`: how every line of a check names the engine. */
export const engineLabel = (engine: Engine): string => `${engine.name} ${engine.version}`;

/** What one engine's run of a check came to. */
export interface EngineTally {
  readonly passed: number;
  readonly failed: number;
  /** Stacks the engine could not run (a provider missing from the mirror). @default 0 */
  readonly skipped?: number;
  /** Its wall time. */
  readonly ms: number;
  /** The stacks that failed, named after the counts when given. @default not named */
  readonly failedStacks?: readonly string[];
}

/** `validate: tofu 1.12.6: 13 passed, 0 failed in 41 s`: a check's closing line for one engine. */
export function engineSummary(check: string, engine: Engine, tally: EngineTally): string {
  const { passed, failed, skipped = 0, ms, failedStacks = [] } = tally;
  return (
    `${check}: ${engineLabel(engine)}: ${passed} passed, ${failed} failed` +
    `${skipped ? `, ${skipped} skipped` : ''} in ${Math.round(ms / 1000)} s` +
    (failedStacks.length > 0 ? ` (failed: ${failedStacks.join(', ')})` : '')
  );
}

/** `validate: tofu: skipped (no tofu on PATH ...)`: an engine that is not available, never counted as passed. */
export const engineSkipped = (check: string, engine: Engine): string =>
  `${check}: ${engine.name}: skipped (${engine.status})`;

/**
 * The toolchain with the engine a check runs (`name`, else the toolchain's default), after requiring the provider; or
 * undefined, having printed that `check` is skipped and why, when that engine is not available (no failure).
 */
export function availableEngine(
  check: string,
  name: EngineName | undefined,
): { toolchain: Toolchain; engine: Engine } | undefined {
  const found = readToolchain();
  requireProvider(found);
  const engine = toolchainEngine(found, name ?? defaultEngine(found));
  if (engine.status !== 'available') {
    console.log(engineSkipped(check, engine));
    return undefined;
  }
  return { toolchain: withEngine(found, engine), engine };
}

/**
 * Prints the closing line of an apply check for one engine from each stack's outcome (failed when it has a failure),
 * and sets exit status 1 when any failed.
 */
export function closeEngineCheck(
  check: string,
  engine: Engine,
  results: readonly { readonly stack: string; readonly failure: unknown }[],
  started: number,
): void {
  const failed = results.filter((result) => result.failure);
  console.log(
    engineSummary(check, engine, {
      passed: results.length - failed.length,
      failed: failed.length,
      ms: Date.now() - started,
      failedStacks: failed.map((result) => result.stack),
    }),
  );
  if (failed.length > 0) process.exitCode = 1;
}
