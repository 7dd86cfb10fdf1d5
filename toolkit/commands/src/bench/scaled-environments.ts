// Environment values for the scaling measurement: the real environments first, then generated ones, each a
// renamed copy of a real one in turn, with VPC CIDRs of their own: 10.x.0.0/16 ranges from 10.100 up (then
// from 10.0), skipping any range a real environment's VPCs or on-premises networks overlap.
import { Ipv4Cidr } from '@lambda-vpc/network';
import { EnvironmentInput, VariantKey, VARIANTS } from '@lambda-vpc/stacks';

/** The most environments the scaling generates (81 stacks). */
export const MAX_ENVIRONMENTS = 27;

/** An environment's `variants` as the scaling reads and copies them (the values are typed for the editor only). */
type VariantValues = Readonly<
  Partial<Record<VariantKey, { readonly cidr?: unknown; readonly onPremisesCidrs?: readonly unknown[] }>>
>;

const variantsOf = (values: EnvironmentInput): VariantValues => (values.variants ?? {}) as VariantValues;

/** `values` with the VPC CIDR of one variant replaced, every other value kept. */
export function withVariantCidr(values: EnvironmentInput, variant: VariantKey, cidr: string): EnvironmentInput {
  const variants = variantsOf(values);
  return { ...values, variants: { ...variants, [variant]: { ...variants[variant], cidr } } };
}

/** The /16 ranges generated environments may use, in order, none overlapping a range of `real`. */
function freeRanges(real: readonly EnvironmentInput[]): string[] {
  const taken = real
    .flatMap((values) => [
      ...VARIANTS.map((variant) => variantsOf(values)[variant.configKey]?.cidr),
      ...(variantsOf(values).privatelink?.onPremisesCidrs ?? []),
    ])
    .filter((cidr): cidr is string => typeof cidr === 'string')
    .map((cidr) => Ipv4Cidr.parse(cidr));
  const octets = [...Array(256).keys()];
  return [...octets.slice(100), ...octets.slice(0, 100)]
    .map((octet) => `10.${octet}.0.0/16`)
    .filter((cidr) => !taken.some((range) => range.overlaps(Ipv4Cidr.parse(cidr))));
}

/** The values of `count` environments, built from `real` (the repository's own). */
export function scaledEnvironments(count: number, real: readonly EnvironmentInput[]): EnvironmentInput[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ENVIRONMENTS) {
    throw new Error(`environments: a whole number from 1 to ${MAX_ENVIRONMENTS}, got ${count}`);
  }
  const ranges = freeRanges(real);
  const needed = (count - Math.min(count, real.length)) * VARIANTS.length;
  if (needed > ranges.length)
    throw new Error(`environments: ${needed} VPC ranges needed, ${ranges.length} free in 10.0.0.0/8`);
  return Array.from({ length: count }, (_, index) => {
    if (index < real.length) return real[index];
    const copy = VARIANTS.reduce(
      (values, variant, offset) =>
        withVariantCidr(values, variant.configKey, ranges[(index - real.length) * VARIANTS.length + offset]),
      real[index % real.length],
    );
    return { ...copy, name: `bench${index + 1}` };
  });
}
