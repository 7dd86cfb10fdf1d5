import { TrafficAssumptions } from './assumptions';
import { CostReport, roundCents } from './cost-report';

/** Environments in promotion order; others sort after them, alphabetically. */
export const ENVIRONMENT_ORDER: readonly string[] = ['dev', 'staging', 'prod'];

/** Options of {@link costSummaryTable}. */
export interface CostSummaryOptions {
  /**
   * Variant names in the order their rows come within an environment (the variant registry's order); others sort
   * after them, alphabetically.
   * @default none: variants sort alphabetically
   */
  readonly variantOrder?: readonly string[];
}

/** USD with two decimals. */
function usd(amount: number): string {
  return roundCents(amount).toFixed(2);
}

/** A quantity without binary noise: at most 4 decimals, trailing zeros dropped. */
function quantity(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** A unit price as published, with at least two decimals (1 -> 1.00, 0.5 -> 0.50, 0.0046 -> 0.0046). */
function unitPrice(price: number): string {
  const text = String(price);
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return decimals >= 2 ? text : price.toFixed(2);
}

/** The assumptions in words. */
export function describeAssumptions(assumptions: TrafficAssumptions): string {
  return (
    `${quantity(assumptions.natGbPerMonth)} GB of NAT traffic, ${quantity(assumptions.s3GbPerMonth)} GB of it S3 ` +
    `(through the S3 gateway endpoint where a stack has one), ` +
    `${quantity(assumptions.interfaceEndpointGbPerMonth)} GB ` +
    `through interface endpoints, ` +
    `${quantity(assumptions.flowLogGbPerMonth)} GB of flow logs a month; ${quantity(assumptions.hoursPerMonth)} ` +
    `hours a month`
  );
}

/** A Markdown table of a report's items and its fixed, variable and total amounts, with a caption line. */
export function formatCostTable(report: CostReport): string {
  const lines = [
    `**${report.stack}** (${report.region}): AWS list prices as of ${report.pricesAsOf}; ` +
      `${describeAssumptions(report.assumptions)}.`,
    '',
    '| item | kind | quantity | unit | unit price (USD) | monthly (USD) |',
    '|---|---|---:|---|---:|---:|',
    ...report.items.map(
      (item) =>
        `| ${item.item} | ${item.kind} | ${quantity(item.quantity)} | ${item.unit} | ${unitPrice(item.unitPrice)} | ` +
        `${usd(item.monthlyUsd)} |`,
    ),
    `| **fixed** | | | | | **${usd(report.fixedMonthlyUsd)}** |`,
    `| **variable** | | | | | **${usd(report.variableMonthlyUsd)}** |`,
    `| **total** | | | | | **${usd(report.totalMonthlyUsd)}** |`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Position in a preferred order; values not in it come after, in alphabetical order. */
function compareByOrder(order: readonly string[], a: string | undefined, b: string | undefined): number {
  const rank = (value: string | undefined): number =>
    value !== undefined && order.includes(value) ? order.indexOf(value) : order.length;
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return (a ?? '').localeCompare(b ?? '', 'en');
}

/**
 * A Markdown table with one row per stack (environment, variant, stack, region, fixed, variable, total a month)
 * and a closing row summing them, for the README. Rows are ordered by environment (dev, staging, prod, then
 * others) and variant (`options.variantOrder`, then others), whatever the order of `reports`.
 */
export function costSummaryTable(reports: readonly CostReport[], options: CostSummaryOptions = {}): string {
  const sorted = [...reports].sort(
    (a, b) =>
      compareByOrder(ENVIRONMENT_ORDER, a.environment, b.environment) ||
      compareByOrder(options.variantOrder ?? [], a.variant, b.variant) ||
      a.stack.localeCompare(b.stack, 'en'),
  );
  const total = (pick: (report: CostReport) => number): string =>
    usd(sorted.reduce((sum, report) => sum + pick(report), 0));
  const lines = [
    '| env | variant | stack | region | fixed (USD/month) | variable (USD/month) | total (USD/month) |',
    '|---|---|---|---|---:|---:|---:|',
    ...sorted.map(
      (report) =>
        `| ${report.environment ?? ''} | ${report.variant ?? ''} | \`${report.stack}\` | ${report.region} ` +
        `| ${usd(report.fixedMonthlyUsd)} | ${usd(report.variableMonthlyUsd)} | ${usd(report.totalMonthlyUsd)} |`,
    ),
    `| **all stacks** | | | | **${total((r) => r.fixedMonthlyUsd)}** | **${total((r) => r.variableMonthlyUsd)}** | ` +
      `**${total((r) => r.totalMonthlyUsd)}** |`,
  ];
  const dates = [...new Set(sorted.map((report) => report.pricesAsOf))].sort();
  const assumptions = [...new Set(sorted.map((report) => describeAssumptions(report.assumptions)))];
  const caption =
    `AWS list prices as of ${dates.join(', ') || 'n/a'} (toolkit/cost/src/price-table.ts); ` +
    (assumptions.length === 1 ? `per stack: ${assumptions[0]}.` : 'traffic assumptions differ between stacks.');
  return `${lines.join('\n')}\n\n${caption}\n`;
}
