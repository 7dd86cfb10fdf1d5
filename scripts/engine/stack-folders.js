// The stack folders the engine checks run on: every environment's synthesized stacks, and the bootstrap
// stacks synthesized for the check.
const fs = require('node:fs');
const path = require('node:path');
const { synthesizedStackFiles } = require('../synthesized-stacks');
const { root } = require('./toolchain');

/** `{ name, dir, json }` of every synthesized stack under apps/<env>/cdktf.out, in environment then stack order. */
function synthesizedStacks(appsDir = path.join(root, 'apps')) {
  const stacks = synthesizedStackFiles(path.dirname(appsDir)).map(({ stack, file }) => stackFolder(stack, path.dirname(file)));
  if (stacks.length === 0) throw new Error('no synthesized stacks under apps/*/cdktf.out; run npm run synth first');
  return stacks;
}

function stackFolder(name, dir) {
  return { name, dir, json: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) };
}

/**
 * The Terraform Cloud bootstrap stacks, synthesized into `outdir` from the environments as they are but with
 * each on the cloud backend: the shipped environments use local state, so the bootstrap app would write nothing.
 * `oidcThumbprints` goes to every trust stack's OIDC provider.
 */
function bootstrapStacksForValidate(outdir, { oidcThumbprints } = {}) {
  const { loadEnvironmentApps } = require('@lambda-vpc/stacks');
  const { synthBootstrap } = require('@lambda-vpc/bootstrap-terraform-cloud');
  const values = loadEnvironmentApps(root).map(({ values: environment }) => ({
    ...environment,
    backend: { type: 'cloud', organization: 'example-org', project: 'lambda-vpc' },
  }));
  const result = synthBootstrap(values, { outdir, oidcThumbprints: oidcThumbprints && (() => oidcThumbprints) });
  return result.stacks.map((stack) => stackFolder(stack.name, path.dirname(stack.file)));
}

/** Providers other than hashicorp/aws that a stack requires and the mirror lacks, as `source version`. */
function missingProviders(stackJson, toolchain) {
  const mirror = path.join(path.dirname(toolchain.TF_CLI_CONFIG_FILE), 'providers', 'registry.terraform.io');
  return Object.values(stackJson.terraform?.required_providers ?? {})
    .filter((provider) => provider.source !== 'hashicorp/aws' && provider.source !== 'aws')
    .filter((provider) => !fs.existsSync(path.join(mirror, provider.source.replace(/^registry\.terraform\.io\//, ''))))
    .map((provider) => `${provider.source} ${provider.version ?? ''}`.trim());
}

/**
 * Every environment app (folder order) with its values, its validated config and its stack names; with
 * `selected`, only those stacks, refusing a name no environment synthesizes.
 */
function environmentStacks(selected = []) {
  const { loadEnvironmentApps, loadEnvironments, environmentStackNames } = require('@lambda-vpc/stacks');
  const apps = loadEnvironmentApps(root);
  const configs = loadEnvironments(apps.map((app) => app.values));
  const environments = apps.map((app, i) => ({ folder: app.folder, values: app.values, config: configs[i], stacks: environmentStackNames(configs[i]) }));
  const known = environments.flatMap((environment) => environment.stacks);
  const unknown = selected.filter((stack) => !known.includes(stack));
  if (unknown.length > 0) throw new Error(`unknown stack ${unknown.join(', ')}; allowed: ${known.join(', ')}`);
  if (selected.length === 0) return environments;
  return environments
    .map((environment) => ({ ...environment, stacks: environment.stacks.filter((stack) => selected.includes(stack)) }))
    .filter((environment) => environment.stacks.length > 0);
}

/** The addresses (`type.name`, `data.type.name`) that still have instances in a local state file; none without one. */
function stateAddresses(stateFile) {
  if (!fs.existsSync(stateFile)) return [];
  return (JSON.parse(fs.readFileSync(stateFile, 'utf8')).resources ?? [])
    .filter((resource) => (resource.instances ?? []).length > 0)
    .map((resource) => `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`);
}

module.exports = { synthesizedStacks, bootstrapStacksForValidate, missingProviders, environmentStacks, stateAddresses };
