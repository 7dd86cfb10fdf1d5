// Whether checkov really looked at a stack. Checkov exits 0 and reports zero checks for a file it could not parse,
// which would read as a clean stack; the scan refuses such a stack instead of counting it as a pass.
import { CheckovReport, checkedResourceName, reportedStack } from './checkov-report';

/** What the scan knows about one stack: what it declares and what checkov checked in it. */
export interface StackCoverage {
  /** The stack's name. */
  readonly stack: string;
  /** Names of the resources the stack declares (the keys under each `resource.<type>`). */
  readonly declared: readonly string[];
  /** Names of the resources checkov ran at least one check on (passed, failed or skipped). */
  readonly checked: ReadonlySet<string>;
  /** Every check checkov ran on the stack, on resources and on the provider. */
  readonly checks: number;
  /** Whether checkov listed the stack's file among its parsing errors. */
  readonly parsingError: boolean;
}

/** A synthesized stack's Terraform JSON, as far as coverage reads it. */
export interface StackConfig {
  /** Resources by type, then by name. @default none */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * The share of a stack's resources checkov must check. No check applies to some types (route table associations,
 * flow logs, VPC endpoints, the default security group), so a fully read stack of these blueprints has 70 to 80% of
 * its resources checked; under half means checkov read only part of it.
 */
export const MINIMUM_CHECKED_SHARE = 0.5;

/** What checkov's reports say about one stack, against the resources its Terraform JSON declares. */
export function stackCoverage(stack: string, config: StackConfig, reports: readonly CheckovReport[]): StackCoverage {
  const ran = reports
    .flatMap(({ results }) => [...results.passed_checks, ...results.failed_checks, ...(results.skipped_checks ?? [])])
    .filter((check) => reportedStack(check.file_path) === stack);
  return {
    stack,
    declared: Object.values(config.resource ?? {}).flatMap((byName) => Object.keys(byName)),
    checked: new Set(ran.map((check) => checkedResourceName(check.resource)).filter((name) => name !== undefined)),
    checks: ran.length,
    parsingError: reports.some(({ results }) => (results.parsing_errors ?? []).some((f) => reportedStack(f) === stack)),
  };
}

/** How many of the resources the stack declares checkov checked. */
export function checkedCount({ declared, checked }: StackCoverage): number {
  return declared.filter((name) => checked.has(name)).length;
}

/** Why the scan cannot count the stack as checked, as one line naming the stack; undefined when it can. */
export function coverageRefusal(coverage: StackCoverage): string | undefined {
  const { stack, declared, checks, parsingError } = coverage;
  const checked = checkedCount(coverage);
  const why = (problem: string): string =>
    `scan: ${stack}: ${problem}; run checkov on its cdk.tf.json with LOG_LEVEL=DEBUG to see why`;
  if (parsingError) return why(`checkov could not parse the stack, so its ${declared.length} resources went unchecked`);
  if (checks === 0) return why(`checkov ran no check on the stack's ${declared.length} resources, so it cannot pass`);
  if (checked < declared.length * MINIMUM_CHECKED_SHARE) {
    return why(
      `checkov checked ${checked} of the stack's ${declared.length} resources, under the ` +
        `${MINIMUM_CHECKED_SHARE * 100}% a fully read stack reaches`,
    );
  }
  return undefined;
}
