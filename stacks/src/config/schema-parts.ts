import { z } from 'zod';
import { principalProblem } from '@lambda-vpc/endpoints';
import { subnetPrefixLengthProblem, vpcCidrProblems } from '@lambda-vpc/network';

/**
 * A refinement that reports a construct package's own check against the field: the rule and its message live with
 * the construct that would refuse the value, and the config only says where the value is.
 */
export const reportedBy =
  <T>(problemsOf: (value: T) => string | readonly string[] | undefined) =>
  (value: T, ctx: z.RefinementCtx): void => {
    [problemsOf(value) ?? []].flat().forEach((message) => ctx.addIssue({ code: 'custom', message }));
  };

/** A number checked by a construct's own rule, which also words the error for a value that is not a number. */
export const numberCheckedBy = (problemOf: (value: unknown) => string | undefined) =>
  z.number({ error: (issue) => problemOf(issue.input) }).superRefine(reportedBy(problemOf));

/** A VPC CIDR, as Network accepts it: a private range, /16 to /28 (AWS's limits). */
export const cidrBlock = z.string().superRefine(reportedBy(vpcCidrProblems));

/** A subnet's prefix length, as the subnet plan accepts it: /16 to /28 (AWS's limits). */
export const subnetPrefixLength = numberCheckedBy(subnetPrefixLengthProblem);

/** The prefix length of each isolated subnet. */
export const isolatedSubnetPrefixLength = subnetPrefixLength.default(20);

/** An IAM principal an endpoint policy may name, as `allowInvokeFunction` accepts it. */
export const principalArn = z.string().superRefine(reportedBy(principalProblem));
