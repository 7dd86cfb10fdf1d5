import {
  AVAILABILITY_ZONES_AS_OF,
  availabilityZoneNames,
  availabilityZoneProblem,
  KNOWN_REGIONS,
  REGION_AVAILABILITY_ZONES,
} from '@lambda-vpc/stacks';

describe("the table of each region's availability zones", () => {
  it('covers every region the config accepts, and no other', () => {
    expect(Object.keys(REGION_AVAILABILITY_ZONES).sort()).toEqual([...KNOWN_REGIONS].sort());
  });

  it('is dated', () => {
    expect(AVAILABILITY_ZONES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives each region at least two AZ names and a zone ID per physical zone, in its own prefix', () => {
    for (const [region, zones] of Object.entries(REGION_AVAILABILITY_ZONES)) {
      expect([region, zones.suffixes.length >= 2, /^[a-f]+$/.test(zones.suffixes)]).toEqual([region, true, true]);
      const prefix = zones.zoneIds[0].replace(/-az\d$/, '');
      expect(zones.zoneIds.every((id) => new RegExp(`^${prefix}-az\\d$`).test(id))).toBe(true);
    }
  });

  it('names the AZs of a region in full', () => {
    expect(availabilityZoneNames('eu-west-1')).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(availabilityZoneNames('us-east-1')).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
      'us-east-1d',
      'us-east-1e',
      'us-east-1f',
    ]);
    expect(availabilityZoneNames('ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  });
});

describe('availabilityZoneProblem', () => {
  it('accepts an AZ of the region', () => {
    expect(availabilityZoneProblem('eu-west-1', 'eu-west-1c')).toBeUndefined();
  });

  it("refuses a letter the region does not have, listing the names and the table's date", () => {
    expect(availabilityZoneProblem('eu-west-1', 'eu-west-1d')).toBe(
      `is not an AZ of eu-west-1; allowed: eu-west-1a, eu-west-1b, eu-west-1c (as of ${AVAILABILITY_ZONES_AS_OF})`,
    );
  });

  it('says why an account may see fewer names, where that is so', () => {
    expect(availabilityZoneProblem('ap-northeast-1', 'ap-northeast-1b')).toContain(
      'ap-northeast-1b exists only in older accounts',
    );
  });

  it('refuses a zone ID given where a name belongs', () => {
    expect(availabilityZoneProblem('eu-west-1', 'euw1-az1')).toMatch(/^is not an AZ of eu-west-1; allowed: /);
  });

  it('leaves a region outside the table to the region check', () => {
    expect(availabilityZoneProblem('mars-north-1', 'mars-north-1a')).toBeUndefined();
  });
});
