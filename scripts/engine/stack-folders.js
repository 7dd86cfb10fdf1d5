// The stack folders the engine checks run on: every environment's synthesized stacks, and the bootstrap
// stacks synthesized for the check.
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./toolchain');

/** `{ name, dir, json }` of every synthesized stack under apps/<env>/cdktf.out, in environment then stack order. */
function synthesizedStacks(appsDir = path.join(root, 'apps')) {
  const stacks = fs.readdirSync(appsDir).sort().flatMap((app) => {
    const stacksDir = path.join(appsDir, app, 'cdktf.out', 'stacks');
    if (!fs.existsSync(stacksDir)) return [];
    return fs.readdirSync(stacksDir).sort().map((name) => stackFolder(name, path.join(stacksDir, name)));
  });
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
  const { loadEnvironmentApps, synthBootstrap } = require('@lambda-vpc/stacks');
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

module.exports = { synthesizedStacks, bootstrapStacksForValidate, missingProviders };
