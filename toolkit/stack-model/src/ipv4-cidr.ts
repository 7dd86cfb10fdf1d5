/**
 * IPv4 CIDR blocks as 32-bit numbers: one implementation for both halves of the repository. The network package
 * plans subnets with it (strict: what it writes must be exact); the analysis packages read synthesized JSON with
 * it (lenient, the way AWS reads a block).
 */

/** RFC 1918 private space and the shared address space (100.64.0.0/10) carrier-grade NAT and VPC peers use. */
const PRIVATE_SPACE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** An IPv4 CIDR block, parsed. */
export class Ipv4Cidr {
  /**
   * Parses `a.b.c.d/n` strictly. The address must be the network address of the block (no host bits set),
   * because AWS rejects a VPC or subnet CIDR with host bits. Throws, saying what is wrong.
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
    const address = octets.reduce((value, octet) => value * 256 + octet, 0);
    const block = new Ipv4Cidr(address, prefixLength);
    if (block.network !== address) {
      throw new Error(`"${cidr}" has host bits set; the block's network address is ${block.toString()}`);
    }
    return block;
  }

  /**
   * Reads a value the way AWS reads a CIDR in a rule or route: host bits are masked (`10.0.0.5/16` is
   * 10.0.0.0/16) and a bare address is a /32. `undefined` for anything else: IPv6, a `${...}` reference, a typo.
   */
  public static read(value: unknown): Ipv4Cidr | undefined {
    if (typeof value !== 'string') return undefined;
    const [address, length, extra] = value.trim().split('/');
    if (extra !== undefined || address === undefined) return undefined;
    const parts = address.split('.');
    if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
    const prefixLength = length === undefined ? 32 : /^\d{1,2}$/.test(length) ? Number(length) : NaN;
    if (!(prefixLength >= 0 && prefixLength <= 32)) return undefined;
    return new Ipv4Cidr(
      parts.reduce((value, part) => value * 256 + Number(part), 0),
      prefixLength,
    );
  }

  /** The block of `prefixLength` that starts at `address` (which must be aligned to it). */
  public static at(address: number, prefixLength: number): Ipv4Cidr {
    const block = new Ipv4Cidr(address, prefixLength);
    if (block.network !== address) {
      throw new Error(`address ${address} is not aligned to a /${prefixLength}`);
    }
    return block;
  }

  /** Number of addresses in a block of this prefix length. */
  public static sizeOf(prefixLength: number): number {
    return 2 ** (32 - prefixLength);
  }

  /** First address of the block, as an unsigned 32-bit number. */
  public readonly network: number;

  private constructor(
    address: number,
    public readonly prefixLength: number,
  ) {
    // Sizes as powers of two rather than bit masks: JavaScript's shifts are signed 32-bit.
    this.network = address - (address % Ipv4Cidr.sizeOf(prefixLength));
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

  /** Whether the block lies wholly in private space: RFC 1918 or the shared 100.64.0.0/10. */
  public get isPrivate(): boolean {
    return PRIVATE_SPACE.some((range) => Ipv4Cidr.parse(range).contains(this));
  }

  /** A key that sorts blocks by address, then prefix length (10.0.8.0/24 before 10.0.64.0/20). */
  public get sortKey(): string {
    return `${this.network.toString(16).padStart(8, '0')}/${String(this.prefixLength).padStart(2, '0')}`;
  }

  public equals(other: Ipv4Cidr): boolean {
    return this.network === other.network && this.prefixLength === other.prefixLength;
  }

  public toString(): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(this.network / 2 ** shift) % 256);
    return `${octets.join('.')}/${this.prefixLength}`;
  }
}
