/**
 * A Terraform block as the synthesized JSON gives it (a resource body, a provider, a nested block): any keys, any
 * values. It is the one untyped shape of the analysis side on purpose: the JSON is data from outside, and each reader
 * checks the fields it uses (asList, numberOf, typeof) instead of trusting a declared type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one home of the JSON's untyped blocks, see above
export type TerraformBlock = Record<string, any>;

/** A value as a list: Terraform blocks and single-valued arguments arrive as an object or a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A number from a Terraform number or numeric string; `undefined` for anything else. */
export function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
