// Synthesizes N stacks (N a multiple of 3) the project's way, for the scaling measurement: the real
// environments first, then generated ones, each a renamed copy of a real one with VPC CIDRs of its own
// from 10.100.0.0/16 up. Usage: node scaled-synth.js <stacks>; writes to $CDKTF_OUTDIR like every synth.
const path = require('node:path');
const { loadEnvironmentApps, runSynth, VARIANTS } = require('@lambda-vpc/stacks');

/** The values of `count` environments: the real ones, then generated copies of them in turn. */
function scaledEnvironments(count, real) {
  return Array.from({ length: count }, (_, index) => {
    if (index < real.length) return real[index];
    const template = real[index % real.length];
    const variants = { ...template.variants };
    VARIANTS.forEach((variant, offset) => {
      const octet = 100 + (index - real.length) * VARIANTS.length + offset;
      variants[variant.configKey] = { ...template.variants[variant.configKey], cidr: `10.${octet}.0.0/16` };
    });
    return { ...template, name: `bench${index + 1}`, variants };
  });
}

const stacks = Number(process.argv[2]);
const real = loadEnvironmentApps(path.join(__dirname, '..', '..')).map((app) => app.values);
if (!Number.isInteger(stacks) || stacks < VARIANTS.length || stacks % VARIANTS.length !== 0 || stacks / VARIANTS.length > 50) {
  console.error(`scaled-synth: stacks must be a multiple of ${VARIANTS.length} from ${VARIANTS.length} to ${50 * VARIANTS.length}, got ${process.argv[2]}`);
  process.exit(1);
}
runSynth(scaledEnvironments(stacks / VARIANTS.length, real));
