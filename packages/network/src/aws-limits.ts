import { Ipv4Cidr } from '@lambda-vpc/stack-model';

// AWS's limits on what this package writes, each stated once: the constructs refuse a value outside them, and the
// environment config reports the same text against its field.

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** RFC 1918 private ranges a VPC CIDR must fall in. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** The prefix lengths AWS allows for a VPC and for a subnet. */
export const CIDR_PREFIX_LENGTHS = { min: 16, max: 28 } as const;

const { min, max } = CIDR_PREFIX_LENGTHS;

/**
 * What is wrong with a log group's retention, or undefined when CloudWatch Logs accepts it. 0 is refused with its
 * own reason: CloudWatch reads it as "never expire", so logs and their storage bill would grow without end.
 */
export function logRetentionProblem(days: unknown): string | undefined {
  const allowed = `allowed: ${LOG_RETENTION_DAYS.join(', ')}`;
  if (typeof days !== 'number') return `must be a number of days; ${allowed}`;
  if (days === 0) {
    return (
      '0 means "never expire", which guardrail LVB-LOG-1 (CKV_AWS_66) refuses: ' +
      `every log group needs a retention; ${allowed}`
    );
  }
  const accepted = (LOG_RETENTION_DAYS as readonly number[]).includes(days);
  return accepted ? undefined : `is not a retention CloudWatch Logs accepts; ${allowed}`;
}

/** What is wrong with a VPC's CIDR block (its form, a private range, AWS's VPC sizes); empty when it is fine. */
export function vpcCidrProblems(cidr: string): string[] {
  let block: Ipv4Cidr;
  try {
    block = Ipv4Cidr.parse(cidr);
  } catch (error) {
    return [(error as Error).message];
  }
  return [
    ...(PRIVATE_RANGES.some((range) => Ipv4Cidr.parse(range).contains(block))
      ? []
      : [`is not a private range; allowed: inside ${PRIVATE_RANGES.join(', ')}`]),
    ...(block.prefixLength < min || block.prefixLength > max
      ? [`VPC size must be /${min} to /${max} (AWS limits)`]
      : []),
  ];
}

/** What is wrong with a subnet's prefix length, or undefined when it is a subnet size AWS allows. */
export function subnetPrefixLengthProblem(prefixLength: unknown): string | undefined {
  if (!Number.isInteger(prefixLength)) return `is not a whole prefix length; allowed: /${min} to /${max} (AWS limits)`;
  const length = prefixLength as number;
  return length < min || length > max ? `subnet sizes are /${min} to /${max} (AWS limits)` : undefined;
}
