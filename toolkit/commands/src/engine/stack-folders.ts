// The stack folders the engine checks run on: every environment's synthesized stacks, and the bootstrap
// stacks synthesized for the check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, EnvironmentInput } from '@lambda-vpc/stacks';
import { repositoryRoot as root } from '../repository-root';
import { synthesizedStackFiles } from '../synthesized-stacks';
import type { EngineStackJson } from './overrides';
import type { Toolchain } from './toolchain';

/** The stacks package, loaded when a function needs it: a check that stops early (no toolchain) never pays for it. */
const stacksPackage = (): typeof import('@lambda-vpc/stacks') => require('@lambda-vpc/stacks');

/** A synthesized stack folder. */
export interface StackFolder {
  /** The stack's name. */
  readonly name: string;
  /** Its folder (cdk.tf.json and the function zips). */
  readonly dir: string;
  /** Its parsed cdk.tf.json. */
  readonly json: EngineStackJson;
}

/** An environment app and the stacks a check runs of it. */
export interface EnvironmentStacks {
  /** The app's folder under apps/. */
  readonly folder: string;
  /** Its values, as the app exports them. */
  readonly values: EnvironmentInput;
  /** Its validated config. */
  readonly config: EnvironmentConfig;
  /** The names of the stacks the check runs, in stack order. */
  readonly stacks: string[];
}

/** Every synthesized stack under apps/<env>/cdktf.out, in environment then stack order. */
export function synthesizedStacks(appsDir = path.join(root, 'apps')): StackFolder[] {
  const stacks = synthesizedStackFiles(path.dirname(appsDir)).map(({ stack, file }) =>
    stackFolder(stack, path.dirname(file)),
  );
  if (stacks.length === 0) throw new Error('no synthesized stacks under apps/*/cdktf.out; run npm run synth first');
  return stacks;
}

function stackFolder(name: string, dir: string): StackFolder {
  return { name, dir, json: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as EngineStackJson };
}

/**
 * The Terraform Cloud bootstrap stacks, synthesized into `outdir` from the environments as they are but with
 * each on the cloud backend: the shipped environments use local state, so the bootstrap app would write nothing.
 * `oidcThumbprints` (engine-drift.json's fixture, a list of strings) goes to every trust stack's OIDC provider.
 */
export function bootstrapStacksForValidate(
  outdir: string,
  { oidcThumbprints }: { readonly oidcThumbprints?: unknown } = {},
): StackFolder[] {
  if (
    oidcThumbprints !== undefined &&
    !(Array.isArray(oidcThumbprints) && oidcThumbprints.every((thumbprint) => typeof thumbprint === 'string'))
  ) {
    throw new Error(`OIDC thumbprints ${JSON.stringify(oidcThumbprints)}: allowed: a list of strings`);
  }
  const thumbprints = oidcThumbprints as readonly string[] | undefined;
  const { loadEnvironmentApps } = stacksPackage();
  const {
    synthBootstrap,
  }: typeof import('@lambda-vpc/bootstrap-terraform-cloud') = require('@lambda-vpc/bootstrap-terraform-cloud');
  const values = loadEnvironmentApps(root).map(({ values: environment }) => ({
    ...environment,
    backend: { type: 'cloud', organization: 'example-org', project: 'lambda-vpc' },
  }));
  const result = synthBootstrap(values, { outdir, oidcThumbprints: thumbprints && (() => thumbprints) });
  return result.stacks.map((stack) => stackFolder(stack.name, path.dirname(stack.file)));
}

/**
 * Providers other than hashicorp/aws that a stack requires and the mirror lacks, as `source version`. `registry` is
 * the host a source without one means to the engine (registry.terraform.io to Terraform, registry.opentofu.org to
 * OpenTofu): the mirror folder it reads.
 */
export function missingProviders(
  stackJson: EngineStackJson,
  toolchain: Toolchain,
  registry = 'registry.terraform.io',
): string[] {
  const mirror = path.join(path.dirname(toolchain.TF_CLI_CONFIG_FILE), 'providers');
  const folder = (source: string): string =>
    path.join(mirror, source.split('/').length === 3 ? source : path.join(registry, source));
  return Object.values(stackJson.terraform?.required_providers ?? {})
    .filter((provider) => provider.source !== 'hashicorp/aws' && provider.source !== 'aws')
    .filter((provider) => !fs.existsSync(folder(provider.source ?? '')))
    .map((provider) => `${provider.source} ${provider.version ?? ''}`.trim());
}

/**
 * Every environment app (folder order) with its values, its validated config and its stack names; with
 * `selected`, only those stacks, refusing a name no environment synthesizes.
 */
export function environmentStacks(selected: readonly string[] = []): EnvironmentStacks[] {
  const { loadEnvironmentApps, loadEnvironments, environmentStackNames } = stacksPackage();
  const apps = loadEnvironmentApps(root);
  const configs = loadEnvironments(apps.map((app) => app.values));
  const environments = apps.map((app, i) => ({
    folder: app.folder,
    values: app.values,
    config: configs[i],
    stacks: environmentStackNames(configs[i]),
  }));
  const known = environments.flatMap((environment) => environment.stacks);
  const unknown = selected.filter((stack) => !known.includes(stack));
  if (unknown.length > 0) throw new Error(`unknown stack ${unknown.join(', ')}; allowed: ${known.join(', ')}`);
  if (selected.length === 0) return environments;
  return environments
    .map((environment) => ({ ...environment, stacks: environment.stacks.filter((stack) => selected.includes(stack)) }))
    .filter((environment) => environment.stacks.length > 0);
}

/**
 * The addresses of the managed resource instances a state holds as tainted: created, but the apply that created
 * them failed before it finished (a later apply replaces them). `aws_subnet.a`, `aws_subnet.b[0]`, `aws_subnet.c["x"]`.
 */
export function taintedAddresses(stateFile: string): string[] {
  if (!fs.existsSync(stateFile)) return [];
  type Instance = { status?: string; index_key?: string | number };
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {
    resources?: { mode: string; type: string; name: string; instances?: Instance[] }[];
  };
  return (state.resources ?? [])
    .filter((resource) => resource.mode === 'managed')
    .flatMap((resource) =>
      (resource.instances ?? [])
        .filter((instance) => instance.status === 'tainted')
        .map(
          (instance) =>
            `${resource.type}.${resource.name}` +
            (instance.index_key === undefined ? '' : `[${JSON.stringify(instance.index_key)}]`),
        ),
    );
}

/** The addresses (`type.name`, `data.type.name`) that still have instances in a local state file; none without one. */
export function stateAddresses(stateFile: string): string[] {
  if (!fs.existsSync(stateFile)) return [];
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {
    resources?: { mode: string; type: string; name: string; instances?: unknown[] }[];
  };
  return (state.resources ?? [])
    .filter((resource) => (resource.instances ?? []).length > 0)
    .map((resource) => `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`);
}
