// Environment values for the scaling measurement: the real environments first, then generated ones, each a
// renamed copy of a real one in turn, with VPC CIDRs of their own: 10.x.0.0/16 ranges from 10.100 up (then
// from 10.0), skipping any range a real environment's VPCs or on-premises networks overlap.
const { Ipv4Cidr } = require('@lambda-vpc/network');
const { VARIANTS } = require('@lambda-vpc/stacks');

const MAX_ENVIRONMENTS = 27;

/** The /16 ranges generated environments may use, in order, none overlapping a range of `real`. */
function freeRanges(real) {
  const taken = real.flatMap((values) => [
    ...VARIANTS.map((variant) => values.variants[variant.configKey].cidr),
    ...(values.variants.privatelink.onPremisesCidrs ?? []),
  ]).map((cidr) => Ipv4Cidr.parse(cidr));
  const octets = [...Array(256).keys()];
  return [...octets.slice(100), ...octets.slice(0, 100)]
    .map((octet) => `10.${octet}.0.0/16`)
    .filter((cidr) => !taken.some((range) => range.overlaps(Ipv4Cidr.parse(cidr))));
}

/** The values of `count` environments, built from `real` (the repository's own). */
function scaledEnvironments(count, real) {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ENVIRONMENTS) {
    throw new Error(`environments: a whole number from 1 to ${MAX_ENVIRONMENTS}, got ${count}`);
  }
  const ranges = freeRanges(real);
  const needed = (count - Math.min(count, real.length)) * VARIANTS.length;
  if (needed > ranges.length) throw new Error(`environments: ${needed} VPC ranges needed, ${ranges.length} free in 10.0.0.0/8`);
  return Array.from({ length: count }, (_, index) => {
    if (index < real.length) return real[index];
    const template = real[index % real.length];
    const variants = { ...template.variants };
    VARIANTS.forEach((variant, offset) => {
      const cidr = ranges[(index - real.length) * VARIANTS.length + offset];
      variants[variant.configKey] = { ...template.variants[variant.configKey], cidr };
    });
    return { ...template, name: `bench${index + 1}`, variants };
  });
}

module.exports = { MAX_ENVIRONMENTS, scaledEnvironments };
