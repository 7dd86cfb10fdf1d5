/**
 * IPv4 CIDR arithmetic for the subnet plan. Everything is computed at synth time so the Terraform JSON
 * carries literal CIDRs that a reviewer can read in the plan, instead of `cidrsubnet()` expressions.
 */

/** An IPv4 CIDR block, parsed. */
export class Ipv4Cidr {
  /**
   * Parses `a.b.c.d/n`. The address must be the network address of the block (no host bits set),
   * because AWS rejects a VPC or subnet CIDR with host bits.
   */
  public static parse(cidr: string): Ipv4Cidr {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!match) {
      throw new Error(`"${cidr}" is not an IPv4 CIDR block; expected the form 10.0.0.0/16`);
    }
    const octets = match.slice(1, 5).map(Number);
    const prefixLength = Number(match[5]);
    if (octets.some((octet) => octet > 255) || prefixLength > 32) {
      throw new Error(`"${cidr}" is not an IPv4 CIDR block: octets are 0-255 and the prefix length 0-32`);
    }
    const network = octets.reduce((value, octet) => value * 256 + octet, 0);
    const block = new Ipv4Cidr(network, prefixLength);
    if (block.network !== network) {
      throw new Error(`"${cidr}" has host bits set; the block's network address is ${block.toString()}`);
    }
    return block;
  }

  /** First address of the block, as an unsigned 32-bit number. */
  public readonly network: number;

  private constructor(address: number, public readonly prefixLength: number) {
    this.network = address - (address % Ipv4Cidr.sizeOf(prefixLength));
  }

  /** Number of addresses in a block of this prefix length. */
  public static sizeOf(prefixLength: number): number {
    return 2 ** (32 - prefixLength);
  }

  /** Number of addresses in the block. */
  public get size(): number {
    return Ipv4Cidr.sizeOf(this.prefixLength);
  }

  /** One past the last address of the block. */
  public get end(): number {
    return this.network + this.size;
  }

  /** Whether the two blocks share any address. */
  public overlaps(other: Ipv4Cidr): boolean {
    return this.network < other.end && other.network < this.end;
  }

  /** Whether `other` lies wholly inside this block. */
  public contains(other: Ipv4Cidr): boolean {
    return other.network >= this.network && other.end <= this.end;
  }

  /** The block of `prefixLength` that starts at `address` (which must be aligned to it). */
  public static at(address: number, prefixLength: number): Ipv4Cidr {
    const block = new Ipv4Cidr(address, prefixLength);
    if (block.network !== address) {
      throw new Error(`address ${address} is not aligned to a /${prefixLength}`);
    }
    return block;
  }

  public toString(): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(this.network / 2 ** shift) % 256);
    return `${octets.join('.')}/${this.prefixLength}`;
  }
}
