import { z } from 'zod';
import { Ipv4Cidr } from '@lambda-vpc/network';
import { PRIVATE_RANGES } from './aws-limits';

/** A VPC CIDR: a private range, /16 to /28 (AWS's limits). */
export const cidrBlock = z.string().superRefine((value, ctx) => {
  let block: Ipv4Cidr;
  try {
    block = Ipv4Cidr.parse(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return;
  }
  if (!PRIVATE_RANGES.some((range) => Ipv4Cidr.parse(range).contains(block))) {
    ctx.addIssue({ code: 'custom', message: `is not a private range; allowed: inside ${PRIVATE_RANGES.join(', ')}` });
  }
  if (block.prefixLength < 16 || block.prefixLength > 28) {
    ctx.addIssue({ code: 'custom', message: 'VPC size must be /16 to /28 (AWS limits)' });
  }
});

/** A subnet's prefix length, /16 to /28 (AWS's limits). */
export const subnetPrefixLength = z.number().int('must be a whole prefix length')
  .min(16, 'subnet sizes are /16 to /28 (AWS limits)').max(28, 'subnet sizes are /16 to /28 (AWS limits)');

/** The prefix length of each isolated subnet. */
export const isolatedSubnetPrefixLength = subnetPrefixLength.default(20);

/** An IAM principal an endpoint policy may name: an account, or a role, user or account root ARN. */
export const principalArn = z.string().regex(
  /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+))$/,
  'must be a 12-digit account ID or an IAM role, user or account root ARN (arn:aws:iam::123456789012:role/name)',
);
