import { Ipv4Cidr, planSubnets, SubnetType } from '@lambda-vpc/network';

const tiers = [
  { type: SubnetType.PUBLIC, prefixLength: 26 },
  { type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 },
];

describe('Ipv4Cidr', () => {
  it('parses a network address and prints it back', () => {
    const block = Ipv4Cidr.parse('10.20.0.0/16');
    expect(block.toString()).toBe('10.20.0.0/16');
    expect(block.size).toBe(65536);
  });

  it.each([
    ['10.0.0.0', 'is not an IPv4 CIDR block'],
    ['10.0.0.256/24', 'octets are 0-255'],
    ['10.0.0.0/33', 'prefix length 0-32'],
    ['10.0.0.1/24', "has host bits set; the block's network address is 10.0.0.0/24"],
  ])('refuses %s', (cidr, message) => {
    expect(() => Ipv4Cidr.parse(cidr)).toThrow(message);
  });

  it('knows overlap and containment', () => {
    const vpc = Ipv4Cidr.parse('10.0.0.0/16');
    expect(vpc.contains(Ipv4Cidr.parse('10.0.255.0/24'))).toBe(true);
    expect(vpc.contains(Ipv4Cidr.parse('10.1.0.0/24'))).toBe(false);
    expect(vpc.overlaps(Ipv4Cidr.parse('10.0.128.0/17'))).toBe(true);
    expect(vpc.overlaps(Ipv4Cidr.parse('10.1.0.0/16'))).toBe(false);
  });
});

describe('planSubnets', () => {
  it('lays tiers out in order, each in an aligned block of reserved AZ slots', () => {
    const plan = planSubnets({ vpcCidr: '10.10.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], tiers });
    expect(plan).toEqual([
      { type: SubnetType.PUBLIC, availabilityZone: 'eu-west-1a', cidrBlock: '10.10.0.0/26' },
      { type: SubnetType.PUBLIC, availabilityZone: 'eu-west-1b', cidrBlock: '10.10.0.64/26' },
      // 4 slots of /26 take 10.10.0.0/24; the /20 tier starts at the next /18 boundary.
      { type: SubnetType.PRIVATE_WITH_EGRESS, availabilityZone: 'eu-west-1a', cidrBlock: '10.10.64.0/20' },
      { type: SubnetType.PRIVATE_WITH_EGRESS, availabilityZone: 'eu-west-1b', cidrBlock: '10.10.80.0/20' },
    ]);
  });

  it('moves no existing subnet when an AZ is added within the reserved slots', () => {
    const two = planSubnets({ vpcCidr: '10.10.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], tiers });
    const three = planSubnets({
      vpcCidr: '10.10.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      tiers,
    });
    for (const subnet of two) expect(three).toContainEqual(subnet);
    expect(three).toHaveLength(6);
  });

  it('never plans overlapping subnets, and keeps every subnet inside the VPC', () => {
    const vpc = Ipv4Cidr.parse('10.30.0.0/16');
    const plan = planSubnets({
      vpcCidr: vpc.toString(),
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d'],
      tiers: [...tiers, { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 }],
    });
    const blocks = plan.map((subnet) => Ipv4Cidr.parse(subnet.cidrBlock));
    blocks.forEach((a, i) => {
      expect(vpc.contains(a)).toBe(true);
      blocks.slice(i + 1).forEach((b) => expect(a.overlaps(b)).toBe(false));
    });
  });

  it('says which tier does not fit and how to fix it', () => {
    expect(() => planSubnets({ vpcCidr: '10.0.0.0/20', availabilityZones: ['eu-west-1a'], tiers })).toThrow(
      'VPC 10.0.0.0/20 is too small: the private tier needs 4 subnets of /20 (16384 addresses) after the tiers ' +
        'before it; use a larger VPC CIDR or smaller subnets',
    );
  });

  it('refuses an AZ listed twice, a tier listed twice and subnet sizes AWS does not allow', () => {
    expect(() =>
      planSubnets({ vpcCidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1a'], tiers }),
    ).toThrow('availability zones are listed twice');
    expect(() =>
      planSubnets({ vpcCidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a'], tiers: [tiers[0], tiers[0]] }),
    ).toThrow('each subnet tier may appear once');
    expect(() =>
      planSubnets({
        vpcCidr: '10.0.0.0/16',
        availabilityZones: ['eu-west-1a'],
        tiers: [{ type: SubnetType.PUBLIC, prefixLength: 29 }],
      }),
    ).toThrow(new Error("the public tier's prefixLength = 29: subnet sizes are /16 to /28 (AWS limits)"));
  });

  it('refuses more AZs than reserved slots', () => {
    expect(() =>
      planSubnets({ vpcCidr: '10.0.0.0/16', availabilityZones: ['a', 'b', 'c'], tiers, reservedAzSlots: 2 }),
    ).toThrow('reservedAzSlots must be a power of two and at least the number of AZs (3); got 2');
  });
});
