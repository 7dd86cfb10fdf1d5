// Just enough IPv4 CIDR arithmetic to match a security group rule's destination against route table entries
// (longest prefix wins) and to tell addresses inside a VPC from those outside it. The package depends on
// guardrails only, so it does not borrow the network package's CIDR class.

interface Block {
  readonly base: number;
  readonly length: number;
}

function parse(cidr: string): Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const length = Number(match[5]);
  if (octets.some((octet) => octet > 255) || length > 32) return undefined;
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  return { base: address - (address % 2 ** (32 - length)), length };
}

/** Whether IPv4 block `inner` lies within `outer`; false when either is not an IPv4 CIDR. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parse(outer);
  const b = parse(inner);
  if (!a || !b || b.length < a.length) return false;
  return b.base - (b.base % 2 ** (32 - a.length)) === a.base;
}

/** The prefix length of an IPv4 CIDR, or -1 when it is not one. */
export function prefixLength(cidr: string): number {
  return parse(cidr)?.length ?? -1;
}

/** Numeric sort key of an IPv4 CIDR (address, then length), so 10.0.64.0/20 sorts after 10.0.8.0/24. */
export function cidrSortKey(cidr: string): string {
  const block = parse(cidr);
  return block ? `${block.base.toString(16).padStart(8, '0')}/${String(block.length).padStart(2, '0')}` : `~${cidr}`;
}
