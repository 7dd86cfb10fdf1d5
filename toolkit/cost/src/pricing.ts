import { asList, StackDocument, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { TrafficAssumptions } from './assumptions';
import { CostItem } from './cost-report';
import { RegionPrices } from './price-table';

/** What every pricer reads: the stack, the region's list prices and the traffic assumptions. */
export interface PricingContext {
  readonly document: StackDocument;
  readonly region: string;
  readonly prices: RegionPrices;
  /** The assumptions with every default filled in. */
  readonly assumptions: TrafficAssumptions;
  /** Hours billed a month (`assumptions.hoursPerMonth`). */
  readonly hours: number;
}

/** A cost line before it is totalled: `monthlyUsd` is quantity x unit price, and resources are de-duplicated. */
export type CostLine = Omit<CostItem, 'monthlyUsd' | 'resources'> & { readonly resources: Iterable<string> };

/**
 * Prices one kind of item: the lines it adds (none when the stack has nothing of that kind). Anything it cannot
 * price is an error, never a silent zero.
 */
export type Pricer = (context: PricingContext) => CostLine[];

/** A nested block as cdktf renders it: an object, an array of objects, or absent (stack-model's asList, typed). */
export function blocks(value: unknown): TerraformBlock[] {
  return asList(value) as TerraformBlock[];
}

/** A list argument that must be literal to be counted (a `${...}` token for the whole list cannot be). */
export function literalList(resource: StackResource, argument: string): unknown[] {
  const value = resource.body[argument];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new Error(
      `${resource.address}: ${argument} is not a literal list (${JSON.stringify(value)}), so its cost cannot be ` +
        `counted`,
    );
  }
  return value;
}

export const isReference = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

export const addressesOf = (resources: readonly StackResource[]): string[] =>
  resources.map((resource) => resource.address);

/** The EC2 instances that are NAT instances: source/destination checking off is what forwarding needs. */
export function natInstancesOf(document: StackDocument): StackResource[] {
  return document.resources('aws_instance').filter((instance) => instance.body.source_dest_check === false);
}
