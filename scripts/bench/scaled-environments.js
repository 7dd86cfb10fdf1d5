// Environment values for the scaling measurement: the real environments first, then generated ones, each a
// renamed copy of a real one in turn, with VPC CIDRs of its own from 10.100.0.0/16 up.
const { VARIANTS } = require('@lambda-vpc/stacks');

const MAX_ENVIRONMENTS = 50;

/** The values of `count` environments, built from `real` (the repository's own). */
function scaledEnvironments(count, real) {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ENVIRONMENTS) {
    throw new Error(`environments: a whole number from 1 to ${MAX_ENVIRONMENTS}, got ${count}`);
  }
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

module.exports = { MAX_ENVIRONMENTS, scaledEnvironments };
