import { z } from 'zod';
import { GatewayEndpointService, InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { actionProblem } from '@lambda-vpc/network';
import { cidrBlock, isolatedSubnetPrefixLength, reportedBy } from '../../config/schema-parts';
import { workloadsSchema } from '../../workloads/workload-schema';
import { defineVariant, UncheckedSettings, VariantSettingsProblem } from '../variant';
import { PrivateOnlyPattern } from './private-only-pattern';
import { PrivateOnlyStack } from './private-only-stack';

/**
 * What is wrong with an interface endpoint's service: not a listed endpoint service, or one the variant already reaches
 * through its gateway endpoint (a second endpoint of the same service would clash with it at synth).
 */
const serviceProblem = (service: string): string | undefined =>
  InterfaceEndpointService.problem(service) ??
  ((Object.values(GatewayEndpointService) as string[]).includes(service)
    ? `is reached through private-only's ${service} gateway endpoint, which an interface endpoint would duplicate; ` +
      'allowed: any other listed service'
    : undefined);

const interfaceEndpointSchema = z
  .object({
    /** Endpoint service name after com.amazonaws.<region>., e.g. sts or secretsmanager. */
    service: z.string().superRefine(reportedBy(serviceProblem)),
    /** The actions the demo function may call through it; each named, no wildcards (the policy document's rule). */
    actions: z
      .array(z.string().superRefine(reportedBy((action: string) => actionProblem(action))))
      .min(1, 'name at least one action the function calls through this endpoint'),
  })
  .strict()
  .superRefine(({ service, actions }, ctx) => {
    // An unknown service is its own one line; each well-formed action is then held to the service's prefixes.
    if (serviceProblem(service) !== undefined) return;
    const endpointService = InterfaceEndpointService.of(service);
    actions.forEach((action, index) => {
      // A malformed action is already reported by its own check.
      const problem = actionProblem(action) === undefined ? endpointService.actionProblem(action) : undefined;
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['actions', index], message: problem });
    });
  });

/** The settings of the private-only variant under `variants.privateOnly`. */
export const privateOnlySettingsSchema = z
  .object({
    /** VPC CIDR of the private-only variant; distinct from every other VPC in the repository. */
    cidr: cidrBlock,
    /** Prefix length of each isolated subnet. */
    isolatedSubnetPrefixLength,
    /** Interface endpoints for AWS APIs the function's own code calls (STS, Secrets Manager, ...). */
    interfaceEndpoints: z
      .array(interfaceEndpointSchema)
      .superRefine((endpoints, ctx) =>
        endpoints.forEach(({ service }, index) => {
          if (endpoints.findIndex((other) => other.service === service) === index) return;
          ctx.addIssue({
            code: 'custom',
            path: [index, 'service'],
            message: 'is listed twice; allowed: one endpoint per service, naming all the actions called through it',
          });
        }),
      )
      .default([]),
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a declared function (unchecked settings) calls `service`: listed in `endpoints`, or implied by `secrets`. */
const calls = (workload: unknown, service: string): boolean =>
  isObject(workload) &&
  ((Array.isArray(workload.endpoints) && workload.endpoints.includes(service)) ||
    (service === 'secretsmanager' && isObject(workload.secrets) && Object.keys(workload.secrets).length > 0));

/**
 * Without the demo function an interface endpoint's only callers are the declared functions that call its service; one
 * that none calls would admit nobody, which the endpoint construct refuses at synth.
 */
function withoutDemoProblems(settings: UncheckedSettings): VariantSettingsProblem[] {
  if (settings.demoFunctions !== false || !Array.isArray(settings.interfaceEndpoints)) return [];
  const workloads = isObject(settings.functions) ? Object.values(settings.functions) : [];
  const uncalled = settings.interfaceEndpoints
    .map((endpoint: unknown) => (isObject(endpoint) ? endpoint.service : undefined))
    .filter((service): service is string => typeof service === 'string')
    .filter((service) => !workloads.some((workload) => calls(workload, service)));
  if (uncalled.length === 0) return [];
  return [
    {
      path: ['demoFunctions'],
      message:
        `removes the only caller of the interface endpoint(s) ${uncalled.join(', ')}, which would then admit ` +
        'nobody; allowed: false with a function under functions that lists each in endpoints, or without those ' +
        'interfaceEndpoints',
    },
  ];
}

/** Private-only: isolated subnets, no route to the internet anywhere; AWS services through endpoints. */
export const PRIVATE_ONLY = defineVariant({
  name: 'private-only',
  configKey: 'privateOnly',
  summary: 'isolated subnets, no route to the internet; DynamoDB and S3 through gateway endpoints',
  settingsSchema: privateOnlySettingsSchema,
  intent: { internet: 'none', dynamodb: 'gateway-endpoint' },
  subnetTiers: (settings) => PrivateOnlyPattern.subnetTiers(settings),
  checkSettings: (settings) => withoutDemoProblems(settings),
  // The isolated tier reserves four AZ slots: each subnet is a quarter of the variant's share.
  scaffold: ({ cidr, prefixLength }) => ({ cidr, isolatedSubnetPrefixLength: prefixLength + 2 }),
  createStack: (scope, props) => new PrivateOnlyStack(scope, props),
});
