// What a saved plan says, for the job log and the workflow run's summary page ($GITHUB_STEP_SUMMARY): the summary
// line, the resources it changes, and the plan's text cut to a size the page accepts.
import { fenceFor, truncate } from './stacks';

/**
 * GitHub accepts 1 MiB of summary per step; a deploy step may plan every stack of an environment, so each gets
 * at most this many characters of plan text.
 */
export const SUMMARY_TEXT_LIMIT = 60_000;
/** The resource change list is cut after this many lines (the plan text below it has them all). */
export const SUMMARY_CHANGE_LINES = 200;

/**
 * Terraform's summary line of a plan's `-no-color` text: `Plan: 2 to add, 0 to change, 0 to destroy.` or
 * `No changes.`; a plan that only changes outputs has neither and reads `Changes to Outputs.`
 */
export function planSummaryLine(text: string, changes: boolean): string {
  const plan = /^Plan: .*$/m.exec(text);
  if (plan) return plan[0].trim();
  return changes ? 'Changes to Outputs.' : 'No changes.';
}

/** The `# aws_x.y will be created` (or `must be replaced`, ...) header of every resource the plan changes. */
export function resourceChanges(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\s*# \S+ (will|must) be /.test(line))
    .map((line) => line.trim());
}

/** What one stack's section of the run summary shows. */
export interface PlanSummaryInput {
  /** The stack's name. */
  readonly stack: string;
  /** The commit planned. */
  readonly commit: string;
  /** Terraform's summary line ({@link planSummaryLine}). */
  readonly summary: string;
  /** `terraform show` of the plan. */
  readonly text: string;
  /** Characters of plan text at most. @default SUMMARY_TEXT_LIMIT */
  readonly limit?: number;
}

/** The Markdown section of one stack's saved plan for $GITHUB_STEP_SUMMARY. */
export function planSummaryMarkdown({
  stack,
  commit,
  summary,
  text,
  limit = SUMMARY_TEXT_LIMIT,
}: PlanSummaryInput): string {
  const changes = resourceChanges(text);
  const listed = changes.slice(0, SUMMARY_CHANGE_LINES);
  const body = truncate(text.trimEnd(), limit);
  const fence = fenceFor(body);
  return [
    `### Saved plan: \`${stack}\` at ${commit.slice(0, 12)}`,
    '',
    `**${summary}**`,
    '',
    ...(listed.length > 0
      ? [
          ...listed.map((line) => `- \`${line.replace(/`/g, "'")}\``),
          ...(changes.length > listed.length ? [`- ... and ${changes.length - listed.length} more`] : []),
          '',
        ]
      : []),
    '<details><summary>Plan</summary>',
    '',
    `${fence}text`,
    body,
    fence,
    '',
    '</details>',
    '',
  ].join('\n');
}
