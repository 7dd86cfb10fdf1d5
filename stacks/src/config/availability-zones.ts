import type { KNOWN_REGIONS } from './aws-limits';

/** When the table below was last checked against `aws ec2 describe-availability-zones` and AWS's region pages. */
export const AVAILABILITY_ZONES_AS_OF = '2026-12-01';

/** The availability zones of one region. */
export interface RegionZones {
  /** AZ name suffixes any account may see (`a` for `eu-west-1a`). */
  readonly suffixes: string;
  /** The region's zone IDs: the same physical zone in every account, unlike names, which AWS maps per account. */
  readonly zoneIds: readonly string[];
  /** Why some accounts see fewer names than listed, where that is so. */
  readonly note?: string;
}

const zones = (prefix: string, suffixes: string, ids: readonly number[], note?: string): RegionZones => ({
  suffixes,
  zoneIds: ids.map((id) => `${prefix}-az${id}`),
  note,
});

/**
 * Every known region's AZ names, as of {@link AVAILABILITY_ZONES_AS_OF}. A name outside this list does not exist
 * (`eu-west-1d`), and a plan built on it fails at apply, after the other resources were created.
 */
export const REGION_AVAILABILITY_ZONES: Readonly<Record<(typeof KNOWN_REGIONS)[number], RegionZones>> = {
  'us-east-1': zones('use1', 'abcdef', [1, 2, 3, 4, 5, 6]),
  'us-east-2': zones('use2', 'abc', [1, 2, 3]),
  'us-west-1': zones(
    'usw1',
    'abc',
    [1, 3],
    'each account sees two of these three names, both mapped to usw1-az1 and usw1-az3',
  ),
  'us-west-2': zones('usw2', 'abcd', [1, 2, 3, 4]),
  'ca-central-1': zones('cac1', 'abd', [1, 2, 4]),
  'ca-west-1': zones('caw1', 'abc', [1, 2, 3]),
  'mx-central-1': zones('mxc1', 'abc', [1, 2, 3]),
  'sa-east-1': zones('sae1', 'abc', [1, 2, 3]),
  'eu-west-1': zones('euw1', 'abc', [1, 2, 3]),
  'eu-west-2': zones('euw2', 'abc', [1, 2, 3]),
  'eu-west-3': zones('euw3', 'abc', [1, 2, 3]),
  'eu-central-1': zones('euc1', 'abc', [1, 2, 3]),
  'eu-central-2': zones('euc2', 'abc', [1, 2, 3]),
  'eu-north-1': zones('eun1', 'abc', [1, 2, 3]),
  'eu-south-1': zones('eus1', 'abc', [1, 2, 3]),
  'eu-south-2': zones('eus2', 'abc', [1, 2, 3]),
  'ap-east-1': zones('ape1', 'abc', [1, 2, 3]),
  'ap-east-2': zones('ape2', 'abc', [1, 2, 3]),
  'ap-south-1': zones('aps1', 'abc', [1, 2, 3]),
  'ap-south-2': zones('aps2', 'abc', [1, 2, 3]),
  'ap-northeast-1': zones(
    'apne1',
    'acd',
    [1, 2, 4],
    'ap-northeast-1b exists only in older accounts, on a zone (apne1-az3) closed to new capacity',
  ),
  'ap-northeast-2': zones('apne2', 'abcd', [1, 2, 3, 4]),
  'ap-northeast-3': zones('apne3', 'abc', [1, 2, 3]),
  'ap-southeast-1': zones('apse1', 'abc', [1, 2, 3]),
  'ap-southeast-2': zones('apse2', 'abc', [1, 2, 3]),
  'ap-southeast-3': zones('apse3', 'abc', [1, 2, 3]),
  'ap-southeast-4': zones('apse4', 'abc', [1, 2, 3]),
  'ap-southeast-5': zones('apse5', 'abc', [1, 2, 3]),
  'ap-southeast-7': zones('apse7', 'abc', [1, 2, 3]),
  'me-south-1': zones('mes1', 'abc', [1, 2, 3]),
  'me-central-1': zones('mec1', 'abc', [1, 2, 3]),
  'il-central-1': zones('ilc1', 'abc', [1, 2, 3]),
  'af-south-1': zones('afs1', 'abc', [1, 2, 3]),
  'cn-north-1': zones('cnn1', 'abd', [1, 2, 4]),
  'cn-northwest-1': zones('cnnw1', 'abc', [1, 2, 3]),
  'us-gov-west-1': zones('usgw1', 'abc', [1, 2, 3]),
  'us-gov-east-1': zones('usge1', 'abc', [1, 2, 3]),
};

/** The AZ names of a region (`eu-west-1a`, ...), or none for a region outside the table. */
export function availabilityZoneNames(region: string): string[] {
  const entry = (REGION_AVAILABILITY_ZONES as Record<string, RegionZones | undefined>)[region];
  return entry ? [...entry.suffixes].map((suffix) => `${region}${suffix}`) : [];
}

/** Why `az` is not an AZ of `region`, with the names allowed; `undefined` when it is one. */
export function availabilityZoneProblem(region: string, az: unknown): string | undefined {
  const names = availabilityZoneNames(region);
  if (names.length === 0 || names.includes(az as string)) return undefined;
  const entry = REGION_AVAILABILITY_ZONES[region as keyof typeof REGION_AVAILABILITY_ZONES];
  return (
    `is not an AZ of ${region}; allowed: ${names.join(', ')} (as of ` +
    `${AVAILABILITY_ZONES_AS_OF}${entry.note ? `; ${entry.note}` : ''})`
  );
}
