import { numberOf, StackResource } from '@lambda-vpc/stack-model';
import { COST_ITEM_IDS } from '../cost-report';
import { CostLine, Pricer, PricingContext } from '../pricing';

/** What Lambda bills for one provisioned concurrency configuration: its architecture and GB-seconds a month. */
interface ProvisionedGbSeconds {
  readonly config: StackResource;
  readonly architecture: string;
  readonly executions: number;
  readonly gbSeconds: number;
}

/**
 * The function a configuration provisions (its `function_name` references the function, directly or through an
 * alias of it), with the memory and architecture it is billed by.
 */
function provisionedGbSeconds({ document, hours }: PricingContext, config: StackResource): ProvisionedGbSeconds {
  const named = document.resolve(config.body.function_name);
  const fn = named?.type === 'aws_lambda_alias' ? document.resolve(named.body.function_name) : named;
  const executions = numberOf(config.body.provisioned_concurrent_executions);
  if (fn?.type !== 'aws_lambda_function' || executions === undefined) {
    throw new Error(
      `${config.address}: provisioned concurrency is priced only with a literal provisioned_concurrent_executions ` +
        'and a function_name referencing a function (or an alias of one) in this stack',
    );
  }
  // Lambda's defaults: 128 MB, x86_64.
  const memoryMb = numberOf(fn.body.memory_size) ?? 128;
  const architecture = String([fn.body.architectures ?? []].flat()[0] ?? 'x86_64');
  return { config, architecture, executions, gbSeconds: executions * (memoryMb / 1024) * hours * 3600 };
}

/**
 * Lambda provisioned concurrency: each configuration's execution environments x its function's memory in GB x every
 * second of the month, one line per architecture. Requests and duration are usage, and not estimated.
 */
export const provisionedConcurrency: Pricer = (context) => {
  const configs = context.document
    .resources('aws_lambda_provisioned_concurrency_config')
    .map((config) => provisionedGbSeconds(context, config));
  const prices = context.prices.lambdaProvisionedConcurrencyGbSecond;
  return [...new Set(configs.map((c) => c.architecture))].sort().map((architecture): CostLine => {
    const price = Object.prototype.hasOwnProperty.call(prices, architecture) ? prices[architecture] : undefined;
    if (price === undefined) {
      throw new Error(
        `no Lambda provisioned concurrency price for architecture "${architecture}"; priced: ` +
          `${Object.keys(prices).sort().join(', ')}`,
      );
    }
    const lines = configs.filter((c) => c.architecture === architecture);
    return {
      id: `${COST_ITEM_IDS.lambdaProvisionedConcurrency}:${architecture}`,
      item: `Lambda provisioned concurrency (${architecture})`,
      kind: 'fixed',
      count: lines.reduce((sum, c) => sum + c.executions, 0),
      quantity: lines.reduce((sum, c) => sum + c.gbSeconds, 0),
      unit: 'GB-second',
      unitPrice: price,
      resources: lines.map((c) => c.config.address),
    };
  });
};
