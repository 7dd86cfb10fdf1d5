// The parts of checkov's JSON report (`--output json`) the scan reads, and how it names stacks and resources.
import * as path from 'node:path';

/** One check checkov ran. */
export interface CheckovCheck {
  /** The file checked: `<dir>/<stack>/cdk.tf.json`. */
  readonly file_path: string;
  /** `resource.<name>`, `<type>.<name>` or `provider.<name>`. */
  readonly resource: string;
}

/** A check that failed, with what it checks. */
export interface CheckovFailedCheck extends CheckovCheck {
  /** The check's ID, such as CKV_AWS_115. */
  readonly check_id: string;
  /** The check's title. */
  readonly check_name: string;
}

/** One framework run's report; checkov prints a list of these when it runs several. */
export interface CheckovReport {
  /** What the run found. */
  readonly results: {
    /** Checks that failed. */
    readonly failed_checks: readonly CheckovFailedCheck[];
    /** Checks that passed. */
    readonly passed_checks: readonly CheckovCheck[];
    /** Checks suppressed in the file itself. @default none */
    readonly skipped_checks?: readonly CheckovCheck[];
    /** Files checkov could not parse, so ran nothing on. @default none */
    readonly parsing_errors?: readonly string[];
  };
}

/** The stack a file in the report belongs to: the name of the folder holding its cdk.tf.json. */
export function reportedStack(filePath: string): string {
  return path.basename(path.dirname(filePath));
}

/** The resource's name (names are unique per stack); none for a provider. */
export function checkedResourceName(checkovResource: string): string | undefined {
  if (checkovResource.startsWith('provider.')) return undefined;
  return checkovResource.replace(/^resource\./, '').replace(/^aws_[a-z0-9_]+\./, '');
}
