/**
 * IPv4 addresses and CIDR blocks as 32-bit numbers. Written here rather than imported from
 * `@lambda-vpc/network` so the analyzer depends on the synthesized JSON and the guardrails' reader alone.
 */

/** An IPv4 CIDR block: its first address as an unsigned 32-bit number and its prefix length. */
export interface Cidr {
  readonly base: number;
  readonly prefixLength: number;
  /** The block as written after normalisation, e.g. `10.0.0.0/16`. */
  readonly text: string;
}

function parseAddress(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n` or a bare address (read as `/32`); undefined for anything else (IPv6, references). */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const [address, length, extra] = text.trim().split('/');
  if (extra !== undefined || address === undefined) return undefined;
  const value = parseAddress(address);
  const prefixLength = length === undefined ? 32 : /^\d{1,2}$/.test(length) ? Number(length) : NaN;
  if (value === undefined || !(prefixLength >= 0 && prefixLength <= 32)) return undefined;
  // Masking keeps `10.0.0.5/16` usable the way AWS reads it: as 10.0.0.0/16.
  const base = prefixLength === 0 ? 0 : value - (value % 2 ** (32 - prefixLength));
  return { base, prefixLength, text: `${formatAddress(base)}/${prefixLength}` };
}

/** Whether `outer` contains every address of `inner`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.prefixLength > inner.prefixLength) return false;
  if (outer.prefixLength === 0) return true;
  // Block sizes as powers of two rather than bit masks: JavaScript's shifts are signed 32-bit.
  return inner.base - (inner.base % 2 ** (32 - outer.prefixLength)) === outer.base;
}

/** Whether two blocks share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Whether the block lies entirely in RFC 1918 private space (10/8, 172.16/12, 192.168/16) or 100.64/10. */
export function isPrivateCidr(cidr: Cidr): boolean {
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']
    .some((range) => cidrContains(parseCidr(range)!, cidr));
}
