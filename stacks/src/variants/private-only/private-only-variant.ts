import { z } from 'zod';
import { InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { actionProblem } from '@lambda-vpc/network';
import { cidrBlock, isolatedSubnetPrefixLength, reportedBy } from '../../config/schema-parts';
import { workloadsSchema } from '../../workloads/workload-schema';
import { defineVariant } from '../variant';
import { PrivateOnlyPattern } from './private-only-pattern';
import { PrivateOnlyStack } from './private-only-stack';

const interfaceEndpointSchema = z
  .object({
    /** Endpoint service name after com.amazonaws.<region>., e.g. sts or secretsmanager. */
    service: z.string().superRefine(reportedBy(InterfaceEndpointService.problem)),
    /** The actions the demo function may call through it; each named, no wildcards (the policy document's rule). */
    actions: z
      .array(z.string().superRefine(reportedBy((action: string) => actionProblem(action))))
      .min(1, 'name at least one action the function calls through this endpoint'),
  })
  .strict();

/** The settings of the private-only variant under `variants.privateOnly`. */
export const privateOnlySettingsSchema = z
  .object({
    /** VPC CIDR of the private-only variant; distinct from every other VPC in the repository. */
    cidr: cidrBlock,
    /** Prefix length of each isolated subnet. */
    isolatedSubnetPrefixLength,
    /** Interface endpoints for AWS APIs the function's own code calls (STS, Secrets Manager, ...). */
    interfaceEndpoints: z.array(interfaceEndpointSchema).default([]),
    /**
     * The demo function `private-probe` and what only it uses: the reports bucket, the function's outputs
     * (`function_name`, `bucket_name`) and its statements in the endpoints' policies. `false` removes them; the
     * network, both gateway endpoints, the listed interface endpoints, the stack key, the items table and the network
     * handles stay, and each endpoint's policy names only the declared functions that use it (everything denied while
     * none does).
     */
    demoFunctions: z.boolean().default(true),
    /** Functions a team declares in this variant's stack (docs/own-functions.md). */
    functions: workloadsSchema,
  })
  .strict();

/** The private-only variant's validated settings. */
export type PrivateOnlySettings = z.output<typeof privateOnlySettingsSchema>;

/** Private-only: isolated subnets, no route to the internet anywhere; AWS services through endpoints. */
export const PRIVATE_ONLY = defineVariant({
  name: 'private-only',
  configKey: 'privateOnly',
  summary: 'isolated subnets, no route to the internet; DynamoDB and S3 through gateway endpoints',
  settingsSchema: privateOnlySettingsSchema,
  intent: { internet: 'none', dynamodb: 'gateway-endpoint' },
  subnetTiers: (settings) => PrivateOnlyPattern.subnetTiers(settings),
  // The isolated tier reserves four AZ slots: each subnet is a quarter of the variant's share.
  scaffold: ({ cidr, prefixLength }) => ({ cidr, isolatedSubnetPrefixLength: prefixLength + 2 }),
  createStack: (scope, props) => new PrivateOnlyStack(scope, props),
});
