#!/usr/bin/env node
// `npm run validate`: `init -backend=false` and `validate` with the real engine and the hashicorp/aws provider
// from the mirror, for every synthesized stack and for the Terraform Cloud bootstrap stacks (synthesized here
// with every environment on the cloud backend, since the shipped ones use none). Each check runs in a copy of
// the stack folder under .engine/validate, with the override file that engine-drift.json calls for.
const fs = require('node:fs');
const path = require('node:path');
const { root, readToolchain, requireProvider, engineEnvironment } = require('./toolchain');
const { readDrift, copyStackWithOverrides, fixtureValue } = require('./overrides');
const { runEngine, engineErrors, inParallel, oneAtATime } = require('./run-engine');
const { synthesizedStacks, bootstrapStacksForValidate, missingProviders } = require('./stack-folders');

const workDir = path.join(root, '.engine', 'validate');
const STEP_TIMEOUT_MS = 5 * 60_000;

async function main() {
  const started = Date.now();
  const toolchain = readToolchain();
  requireProvider(toolchain);
  const drift = readDrift();
  const providerBuild = toolchain.TOOLCHAIN_PROVIDER_BUILD;
  const env = engineEnvironment(toolchain);
  fs.rmSync(workDir, { recursive: true, force: true });
  const oidcThumbprints = fixtureValue(drift, providerBuild, 'aws_iam_openid_connect_provider', 'thumbprint_list');
  if (oidcThumbprints) console.log(`validate: bootstrap stacks synthesized with OIDC thumbprints ${JSON.stringify(oidcThumbprints)} for hashicorp/aws ${providerBuild} (engine-drift.json)`);
  const stacks = [...synthesizedStacks(), ...bootstrapStacksForValidate(path.join(workDir, 'bootstrap-synth'), { oidcThumbprints })];
  console.log(`validate: ${stacks.length} stacks with ${path.basename(toolchain.TOOLCHAIN_ENGINE)} and hashicorp/aws ${providerBuild}` +
    (providerBuild === drift.provider.pinned ? '' : ` (the stacks pin ${drift.provider.pinned}; each copy overrides the pin, see engine-drift.json)`));

  const initLock = oneAtATime();
  const results = await inParallel(stacks, 2, async (stack) => {
    const missing = missingProviders(stack.json, toolchain);
    if (missing.length > 0) {
      console.log(`validate: ${stack.name}: skipped (${missing.join(', ')} not in the provider mirror .tools/providers)`);
      return 'skipped';
    }
    const copy = path.join(workDir, stack.name);
    const notes = copyStackWithOverrides(stack.dir, copy, { drift, providerBuild, emulator: false });
    for (const note of notes) console.log(`validate: ${stack.name}: override: ${note}`);
    for (const [step, args] of [['init', ['init', '-backend=false', '-input=false', '-no-color']], ['validate', ['validate', '-no-color']]]) {
      const engine = () => runEngine(toolchain.TOOLCHAIN_ENGINE, args, { cwd: copy, env, timeoutMs: STEP_TIMEOUT_MS });
      const run = step === 'init' ? await initLock(engine) : await engine();
      if (run.code !== 0) {
        console.log(`validate: ${stack.name}: FAILED at ${step}${run.timedOut ? ' (timed out)' : ''}\n${indent(engineErrors(run.output))}`);
        return 'failed';
      }
    }
    console.log(`validate: ${stack.name}: passed`);
    return 'passed';
  });

  const count = (what) => results.filter((result) => result === what).length;
  const skipped = count('skipped');
  console.log(`validate: ${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (count('failed') > 0) process.exitCode = 1;
}

const indent = (text) => text.split('\n').map((line) => `    ${line}`).join('\n');

main().catch((error) => {
  console.error(`validate: ${error.message}`);
  process.exitCode = 1;
});
