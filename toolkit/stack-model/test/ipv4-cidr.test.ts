import { Ipv4Cidr } from '@lambda-vpc/stack-model';

describe('Ipv4Cidr.parse (strict: what the network package writes)', () => {
  it('reads a block and writes it back', () => {
    const block = Ipv4Cidr.parse('10.20.64.0/20');
    expect([block.toString(), block.prefixLength, block.size, block.end - block.network]).toEqual([
      '10.20.64.0/20',
      20,
      4096,
      4096,
    ]);
  });

  it('refuses host bits, naming the network address', () => {
    expect(() => Ipv4Cidr.parse('10.0.0.5/16')).toThrow(
      '"10.0.0.5/16" has host bits set; the block\'s network address is 10.0.0.0/16',
    );
  });

  it('refuses what is not a block, saying the form expected', () => {
    expect(() => Ipv4Cidr.parse('10.0.0.0')).toThrow(
      '"10.0.0.0" is not an IPv4 CIDR block; expected the form 10.0.0.0/16',
    );
    expect(() => Ipv4Cidr.parse('10.0.0.256/24')).toThrow('octets are 0-255 and the prefix length 0-32');
    expect(() => Ipv4Cidr.parse('10.0.0.0/33')).toThrow('octets are 0-255 and the prefix length 0-32');
  });
});

describe('Ipv4Cidr.read (lenient: a synthesized rule or route, as AWS reads it)', () => {
  it('masks host bits', () => {
    expect(Ipv4Cidr.read('10.0.0.5/16')?.toString()).toBe('10.0.0.0/16');
  });

  it('reads a bare address as a /32, and trims spaces', () => {
    expect(Ipv4Cidr.read(' 192.168.1.9 ')?.toString()).toBe('192.168.1.9/32');
  });

  it('gives undefined for IPv6, references, non-strings and typos', () => {
    expect(
      [
        '::/0',
        '${aws_vpc.main.cidr_block}',
        42,
        undefined,
        '10.0.0.0/8/1',
        '10.0.0/8',
        '10.0.0.0/x',
        '300.0.0.0/8',
      ].map((value) => Ipv4Cidr.read(value)),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads 0.0.0.0/0 as every address', () => {
    const all = Ipv4Cidr.read('0.0.0.0/0')!;
    expect([all.network, all.size, all.contains(Ipv4Cidr.parse('203.0.113.0/24'))]).toEqual([0, 2 ** 32, true]);
  });
});

describe('relations between blocks', () => {
  const vpc = Ipv4Cidr.parse('10.20.0.0/16');

  it('contains a block wholly inside, not one that only overlaps or lies outside', () => {
    expect([
      vpc.contains(Ipv4Cidr.parse('10.20.64.0/20')),
      vpc.contains(Ipv4Cidr.parse('10.20.0.0/15')),
      vpc.contains(Ipv4Cidr.parse('10.21.0.0/20')),
    ]).toEqual([true, false, false]);
  });

  it('overlaps a block that shares any address, either way round', () => {
    expect([
      vpc.overlaps(Ipv4Cidr.parse('10.20.128.0/17')),
      Ipv4Cidr.parse('10.0.0.0/8').overlaps(vpc),
      vpc.overlaps(Ipv4Cidr.parse('10.21.0.0/16')),
    ]).toEqual([true, true, false]);
  });

  it('tells private space (RFC 1918 and 100.64.0.0/10) from public', () => {
    expect(
      ['172.16.0.0/12', '100.64.1.0/24', '192.168.0.0/24', '8.8.8.8/32', '172.32.0.0/16', '0.0.0.0/0'].map(
        (cidr) => Ipv4Cidr.parse(cidr).isPrivate,
      ),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('sorts by address, then prefix length', () => {
    const sorted = ['10.0.64.0/20', '10.0.8.0/24', '10.0.8.0/22', '9.0.0.0/8']
      .map((cidr) => Ipv4Cidr.parse(cidr))
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
      .map(String);
    expect(sorted).toEqual(['9.0.0.0/8', '10.0.8.0/22', '10.0.8.0/24', '10.0.64.0/20']);
  });

  it('places an aligned block at an address, and refuses one that is not aligned', () => {
    expect(Ipv4Cidr.at(Ipv4Cidr.parse('10.0.16.0/20').network, 20).toString()).toBe('10.0.16.0/20');
    expect(() => Ipv4Cidr.at(Ipv4Cidr.parse('10.0.8.0/24').network, 20)).toThrow('is not aligned to a /20');
  });

  it('compares by value', () => {
    expect([
      Ipv4Cidr.read('10.0.0.9/16')!.equals(Ipv4Cidr.parse('10.0.0.0/16')),
      vpc.equals(Ipv4Cidr.parse('10.20.0.0/17')),
    ]).toEqual([true, false]);
  });
});
