import { z } from 'zod';
import { variantsSchema } from '../variants/registry';
import { checkEnvironmentRules } from './environment-rules';
import { memorySizeProblem, timeoutProblem } from '@lambda-vpc/lambda';
import { logRetentionProblem } from '@lambda-vpc/network';
import { KNOWN_REGIONS, SUPPORTED_RUNTIMES, TAG_LIMITS } from './aws-limits';
import { numberCheckedBy } from './schema-parts';

const backendSchema = z.discriminatedUnion(
  'type',
  [
    /** State in a file beside the app's cdktf.json: nothing to set up; for trying the blueprints. */
    z.object({ type: z.literal('local') }).strict(),
    /** State in S3, one key per stack, encrypted, locked with S3-native lock files (no DynamoDB table). */
    z
      .object({
        type: z.literal('s3'),
        bucket: z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
            'must be an S3 bucket name (3-63 lower-case letters, digits, dots, dashes)',
          ),
        region: z.enum(KNOWN_REGIONS, { error: `unknown region; allowed: ${KNOWN_REGIONS.join(', ')}` }),
        keyPrefix: z
          .string()
          .regex(/^[A-Za-z0-9!_.*'()/-]{1,200}$/, 'must be an S3 key prefix without spaces')
          .default('lambda-vpc-blueprints'),
        kmsKeyId: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/,
            'must be a KMS key or alias ARN',
          )
          .optional(),
      })
      .strict(),
    /** Terraform Cloud / HCP Terraform (or Terraform Enterprise): one workspace per stack. */
    z
      .object({
        type: z.literal('cloud'),
        organization: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,90}$/, 'must be a Terraform Cloud organization name (letters, digits, _ and -)'),
        workspacePrefix: z
          .string()
          .regex(
            /^[A-Za-z0-9_-]{1,40}$/,
            'must be letters, digits, _ and - (workspaces are named <prefix>-<env>-<variant>)',
          )
          .default('lambda-vpc'),
        project: z.string().min(1).max(90).optional(),
        hostname: z
          .string()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a host name such as app.terraform.io')
          .default('app.terraform.io'),
      })
      .strict(),
  ],
  { error: 'unknown backend type; allowed: local, s3, cloud' },
);

const functionSchema = z
  .object({
    /** Lambda runtime of the demo functions. */
    runtime: z
      .enum(SUPPORTED_RUNTIMES, { error: `unsupported runtime; allowed: ${SUPPORTED_RUNTIMES.join(', ')}` })
      .default('nodejs22.x'),
    /** Memory in MB, as LambdaFunction accepts it (Lambda's limits). */
    memorySize: numberCheckedBy(memorySizeProblem).default(256),
    /** Timeout in seconds, as LambdaFunction accepts it (Lambda's limits). */
    timeoutSeconds: numberCheckedBy(timeoutProblem).default(15),
  })
  .strict();

const tags = z.record(
  z
    .string()
    .min(1)
    .max(TAG_LIMITS.keyLength, `tag keys are at most ${TAG_LIMITS.keyLength} characters`)
    .refine(
      (key) => !key.toLowerCase().startsWith(TAG_LIMITS.reservedPrefix),
      `tag keys may not start with "${TAG_LIMITS.reservedPrefix}"`,
    ),
  z.string().max(TAG_LIMITS.valueLength, `tag values are at most ${TAG_LIMITS.valueLength} characters`),
);

/** The schema of one environment's values, as an app writes them. */
export const environmentSchema = z
  .object({
    /** Environment name: the first part of every stack and resource name. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,11}$/, 'must be 2-12 lower-case letters and digits, starting with a letter'),
    /** AWS region. */
    region: z.enum(KNOWN_REGIONS, { error: `unknown region; allowed: ${KNOWN_REGIONS.join(', ')}` }),
    /** 12-digit AWS account ID; the provider refuses credentials of any other account. */
    accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account ID'),
    /** Availability zones, in the region, each once. */
    availabilityZones: z.array(z.string()).min(1, 'at least one availability zone is required'),
    /** Tags added to every resource beside project, environment, variant and managed-by. */
    tags: tags.default({}),
    /** Days CloudWatch keeps flow logs and function logs: a retention CloudWatch Logs accepts, never 0. */
    logRetentionInDays: numberCheckedBy(logRetentionProblem).default(30),
    /** Where Terraform keeps each stack's state. */
    backend: backendSchema.default({ type: 'local' }),
    /** Monthly traffic the cost estimate (npm run report) assumes; each figure affects the variants that carry it. */
    cost: z
      .object({
        /** GB a month through the nat-egress stack's NATs. */
        natGbPerMonth: z.number().min(0, 'must be 0 or more GB').default(50),
        /**
         * Of natGbPerMonth, GB a month to and from S3 in the region: an S3 gateway endpoint takes it off the NATs.
         * Unset: the cost estimate's default (10 GB, at most natGbPerMonth).
         */
        s3GbPerMonth: z.number().min(0, 'must be 0 or more GB').optional(),
        /** GB a month through interface endpoints (privatelink, and private-only's interfaceEndpoints). */
        interfaceEndpointGbPerMonth: z.number().min(0, 'must be 0 or more GB').default(10),
        /** GB a month of flow logs ingested, per stack. */
        flowLogGbPerMonth: z.number().min(0, 'must be 0 or more GB').default(5),
      })
      .strict()
      .superRefine(({ natGbPerMonth, s3GbPerMonth }, ctx) => {
        if (natGbPerMonth >= 0 && s3GbPerMonth !== undefined && s3GbPerMonth > natGbPerMonth) {
          ctx.addIssue({
            code: 'custom',
            path: ['s3GbPerMonth'],
            message: `must be at most natGbPerMonth (${natGbPerMonth}): it is the S3 part of the NAT traffic`,
          });
        }
      })
      .default({ natGbPerMonth: 50, interfaceEndpointGbPerMonth: 10, flowLogGbPerMonth: 5 }),
    /** Settings of the demo functions. */
    function: functionSchema.default(() => functionSchema.parse({})),
    /**
     * Guards the stateful resources against an accidental destroy: each VPC and DynamoDB table gets
     * Terraform's `lifecycle.prevent_destroy`, so a plan that would destroy or replace one fails, and each table
     * gets DynamoDB deletion protection, so the API refuses to delete it. For production; to tear the
     * environment down, set it false and deploy first.
     */
    protectFromDestroy: z.boolean({ error: 'must be true or false' }).default(false),
    /**
     * The variants this environment deploys, each under its module's config key (`variants/registry.ts`): at least
     * one, leaving out those not used; each VPC CIDR is distinct across the repository.
     */
    variants: variantsSchema,
  })
  .strict()
  .superRefine(checkEnvironmentRules, {
    // Runs even when some fields are wrong, so every problem is reported at once; each rule skips what it cannot read.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

/** One environment's values as the schema reads them, with their exact types (defaults may be omitted). */
export type EnvironmentValues = z.input<typeof environmentSchema>;

/** One environment's validated config with every default filled in. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** A value of any type: a wrong one still compiles, so the schema, not tsc, reports it with environment and field. */
type AnyValue =
  (string & {}) | (number & {}) | boolean | null | undefined | readonly unknown[] | { readonly [key: string]: unknown };

/** `T` offered to the editor (field names, JSDoc, literal choices such as NAT strategies), with any value accepted. */
export type Suggested<T> = T extends readonly (infer E)[]
  ? readonly Suggested<E>[] | AnyValue
  : T extends object
    ? { readonly [K in keyof T]?: Suggested<T[K]> } | AnyValue
    : T | AnyValue;

/**
 * One environment's values as written in `apps/<env>/src/environment.ts`. The editor completes every field and
 * choice, but a wrong value, an unknown field or a missing one is left to the runtime schema, which reports all
 * of them at once as one line each, naming the environment, field, value and what is allowed.
 */
export type EnvironmentInput = { readonly [K in keyof EnvironmentValues]?: Suggested<EnvironmentValues[K]> } & {
  readonly [key: string]: unknown;
};
