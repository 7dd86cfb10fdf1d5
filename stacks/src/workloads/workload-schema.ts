import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  aliasProblems,
  LAMBDA_MAX_LAYERS,
  layerVersionArnProblem,
  memorySizeProblem,
  reservedConcurrencyProblem,
  secretArnProblem,
  timeoutProblem,
  variableNameProblem,
} from '@lambda-vpc/lambda';
import { InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { numberCheckedBy, reportedBy } from '../config/schema-parts';
import { REPOSITORY_ROOT } from '../shared/repository-root';

/** A file below the repository root that exists, e.g. `workloads/orders/src/handler.ts`. */
const repositoryFile = z
  .string()
  .regex(/^(?!\/)(?!.*\.\.)[\w@./-]+$/, 'must be a path below the repository root, e.g. workloads/orders/src/index.ts')
  .refine(
    (file) => fs.statSync(path.join(REPOSITORY_ROOT, file), { throwIfNoEntry: false })?.isFile() === true,
    'no such file below the repository root',
  );

const s3ArtifactSchema = z
  .object({
    /** The bucket that holds the zip. */
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    /** The zip's key. */
    key: z.string().min(1, 'must name the object'),
    /** The object version: a new version is a plan change, so the function follows the artifact. */
    version: z.string().min(1, 'must name the object version (the bucket must be versioned)'),
  })
  .strict();

const layerSchema = z
  .object({
    /** The layer version ARN, `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`. */
    arn: z.string().superRefine(reportedBy(layerVersionArnProblem)),
    /** Packages the layer makes loadable (its nodejs/node_modules), for the package check. */
    provides: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** An environment variable's name, as Lambda accepts it. */
const variableName = z.string().superRefine(reportedBy(variableNameProblem));

// The alias's values are checked together with reservedConcurrency, by the construct's own rule, below.
const aliasSchema = z
  .object({
    /** The alias callers invoke, e.g. `live`; every deploy publishes a version it points at. */
    name: z.string(),
    /** Execution environments kept initialized on the alias (billed whether used or not). */
    provisionedConcurrency: z.number().optional(),
  })
  .strict();

const peerSchema = z
  .object({
    /** The peer's IPv4 block. */
    cidr: z.string(),
    /** The TCP port the function calls it on. */
    port: z.number().int('must be a whole port number').min(1).max(65535, 'must be a port from 1 to 65535'),
    /** How rules name the peer: lower-case letters, digits and dashes. */
    label: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  })
  .strict();

/**
 * One function a team declares in a variant: its code (exactly one of `entry`, `zip`, `s3`), its settings, what it
 * may read and which endpoints and peers its security group reaches. Its construct checks the values again;
 * the schema reports each against its field first, so a bad one is a config line, not a stack trace.
 */
export const workloadSchema = z
  .object({
    /** A TypeScript or JavaScript handler, bundled with everything it imports (esbuild). */
    entry: repositoryFile.optional(),
    /** A zip built elsewhere, below the repository root. */
    zip: repositoryFile.optional(),
    /** A zip in S3. */
    s3: s3ArtifactSchema.optional(),
    /**
     * The handler: the export name for `entry` (default `handler`), `file.export` for `zip` and `s3`
     * (default `index.handler`).
     */
    handler: z.string().optional(),
    /** What the function does, shown in the console. */
    description: z.string().max(256, 'must be at most 256 characters').optional(),
    /** Memory in MB (Lambda's limits). Default: the environment's `function.memorySize`. */
    memorySize: numberCheckedBy(memorySizeProblem).optional(),
    /** Timeout in seconds (Lambda's limits). Default: the environment's `function.timeoutSeconds`. */
    timeoutSeconds: numberCheckedBy(timeoutProblem).optional(),
    /** Environment variables. */
    environment: z.record(variableName, z.string()).default({}),
    /** Secrets Manager secrets, variable name -> secret ARN: the variable holds the ARN; the role may read it. */
    secrets: z.record(variableName, z.string().superRefine(reportedBy(secretArnProblem))).default({}),
    /** Layers, at most 5. */
    layers: z
      .array(layerSchema)
      .max(LAMBDA_MAX_LAYERS, `Lambda loads at most ${LAMBDA_MAX_LAYERS} layers per function`)
      .default([]),
    /** Concurrency reserved for the function (and its ceiling). */
    reservedConcurrency: numberCheckedBy(reservedConcurrencyProblem).optional(),
    /** Publish versions behind an alias, optionally with provisioned concurrency. */
    alias: aliasSchema.optional(),
    /** Where failed asynchronous invocations go: an encrypted SQS queue, as a destination or a dead-letter queue. */
    failureQueue: z
      .enum(['on-failure-destination', 'dead-letter-queue'], {
        error: 'allowed: on-failure-destination, dead-letter-queue',
      })
      .optional(),
    /** Item access to the stack's table (through the DynamoDB endpoint where the variant has one). */
    table: z.enum(['read', 'read-write'], { error: 'allowed: read, read-write' }).optional(),
    /**
     * The stack's endpoints it calls, by endpoint service name (e.g. `sts`; the list in @lambda-vpc/endpoints), beside
     * those `table` and `secrets` imply.
     */
    endpoints: z.array(z.string().superRefine(reportedBy(InterfaceEndpointService.problem))).default([]),
    /** Other networks the function calls, each on one TCP port. */
    peers: z.array(peerSchema).default([]),
  })
  .strict()
  .superRefine((workload, ctx) => {
    for (const problem of aliasProblems(workload.alias, workload.reservedConcurrency)) {
      // The construct's rule says `alias.<field> = <value>: <problem>`; the config names the field by its path.
      const [, field, message] = /^alias\.(\w+) = [^:]*: (.*)$/.exec(problem) ?? [undefined, undefined, problem];
      ctx.addIssue({ code: 'custom', path: field ? ['alias', field] : ['alias'], message });
    }
    const sources = (['entry', 'zip', 's3'] as const).filter((source) => workload[source] !== undefined);
    if (sources.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `must name its code with exactly one of entry, zip, s3 (it names ${sources.join(', ') || 'none'})`,
      });
    }
  });

/**
 * The functions a team declares in a variant, by name: lower-case letters, digits and dashes; the function is
 * `<env>-<variant>-<name>` and its resources' addresses start with the name.
 */
export const workloadsSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9-]{0,29}$/, 'function names are 1-30 lower-case letters, digits and dashes'),
    workloadSchema,
  )
  .default({});

/** One declared function, validated, with defaults filled in. */
export type WorkloadSettings = z.output<typeof workloadSchema>;
