// What `npm run toolchain` found (.tools/toolchain.env), and the environment every engine command runs with.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

/**
 * The settings of .tools/toolchain.env as an object (TOOLCHAIN_ENGINE, TOOLCHAIN_PROVIDER_BUILD, ...).
 * Throws a one-line error naming the command to run when the toolchain is not installed.
 */
function readToolchain(file = path.join(root, '.tools', 'toolchain.env')) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run toolchain first`);
  const settings = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) settings[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return settings;
}

/** Throws, with the toolchain's own reason, unless a hashicorp/aws build is in the provider mirror. */
function requireProvider(toolchain) {
  if (toolchain.TOOLCHAIN_PROVIDER_STATUS !== 'available') {
    throw new Error(`hashicorp/aws is not in the provider mirror (${toolchain.TOOLCHAIN_PROVIDER_STATUS}); see npm run toolchain`);
  }
}

/** The process environment of an engine command: the mirror-only CLI config, no prompts, no update checks. */
function engineEnvironment(toolchain) {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: toolchain.TF_CLI_CONFIG_FILE,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
}

module.exports = { root, readToolchain, requireProvider, engineEnvironment };
