// The review as one Markdown document, the pull request's comment: the marker the workflow finds the comment by, a
// headline, a table of the changed stacks, the unchanged ones on one line, then each changed stack's resources,
// reachability, endpoints, guardrails and fixed monthly cost, each saying "no change" when it has none.
import { roundCents } from '@lambda-vpc/cost';
import type { StackReview } from './compare-stacks';
import { signedUsd, usd } from './cost-change';
import type { PathChangeKind } from './path-changes';
import { hasResourceChanges } from './resource-changes';

/** The first line of every review: the workflow updates the comment that starts with it. */
export const REVIEW_MARKER = '<!-- lambda-vpc-review -->';

/** What was compared with what, as the report names them. */
export interface ReviewSides {
  /** The base, e.g. ``\`abc1234\` (`origin/main`)``. */
  readonly base: string;
  /** The head, e.g. ``the working tree at \`def5678\```. */
  readonly head: string;
}

/** The figures of the headline. */
export interface ReviewSummary {
  readonly stacks: number;
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
  readonly gained: number;
  readonly lost: number;
  readonly rerouted: number;
  /** Paths whose verdict became unknown, or stopped being. */
  readonly unknown: number;
  readonly guardrailsNew: number;
  readonly guardrailsGone: number;
  readonly costBefore: number;
  readonly costAfter: number;
}

const code = (text: string): string => `\`${text}\``;
const count = (stack: StackReview, kind: PathChangeKind) => stack.paths.filter((p) => p.kind === kind).length;
const sum = (values: readonly number[]) => roundCents(values.reduce((total, value) => total + value, 0));

/** The headline figures over every stack. */
export function reviewSummary(stacks: readonly StackReview[]): ReviewSummary {
  const changed = stacks.filter((s) => s.status !== 'unchanged');
  const tally = (of: (stack: StackReview) => number) => changed.reduce((total, stack) => total + of(stack), 0);
  return {
    stacks: stacks.length,
    changed: changed.map((s) => s.stack),
    unchanged: stacks.filter((s) => s.status === 'unchanged').map((s) => s.stack),
    gained: tally((s) => count(s, 'gained')),
    lost: tally((s) => count(s, 'lost')),
    rerouted: tally((s) => count(s, 'rerouted')),
    unknown: tally((s) => count(s, 'unknown')),
    guardrailsNew: tally((s) => s.guardrails.added.length),
    guardrailsGone: tally((s) => s.guardrails.gone.length),
    costBefore: sum(stacks.map((s) => s.cost.before)),
    costAfter: sum(stacks.map((s) => s.cost.after)),
  };
}

/** `$4.28 -> $36.50 (+$32.22)`, or `no change ($4.28)`. */
function costText(before: number, after: number): string {
  const delta = roundCents(after - before);
  return delta === 0 ? `no change (${usd(after)})` : `${usd(before)} -> ${usd(after)} (${signedUsd(delta)})`;
}

function headline(summary: ReviewSummary): string {
  const stacks =
    summary.changed.length === 0
      ? `**No stack changed** (${summary.stacks} compared)`
      : `**${summary.changed.length} of ${summary.stacks} stacks changed** (${summary.changed.join(', ')})`;
  return (
    `${stacks}; paths: ${summary.gained} gained, ${summary.lost} lost, ${summary.rerouted} rerouted` +
    `${summary.unknown > 0 ? `, ${summary.unknown} unknown` : ''}; guardrail ` +
    `findings: ${summary.guardrailsNew} new, ${summary.guardrailsGone} gone; fixed monthly cost: ` +
    `${costText(summary.costBefore, summary.costAfter)}.`
  );
}

function table(changed: readonly StackReview[]): string[] {
  if (changed.length === 0) return [];
  return [
    '| stack | resources added / changed / removed | paths gained / lost | guardrail findings new / gone | ' +
      'fixed monthly cost |',
    '|---|---|---|---|---|',
    ...changed.map((s) => {
      const status = s.status === 'changed' ? '' : ` (${s.status})`;
      const r = s.resources;
      return (
        `| ${s.stack}${status} | ${r.added.length} / ${r.changed.length} / ${r.removed.length} | ` +
        `${count(s, 'gained')} / ${count(s, 'lost')} | ${s.guardrails.added.length} / ${s.guardrails.gone.length} | ` +
        `${costText(s.cost.before, s.cost.after)} |`
      );
    }),
    '',
  ];
}

/** A bulleted list, or `- no change`. */
const bullets = (lines: readonly string[]): string[] =>
  lines.length === 0 ? ['- no change'] : lines.map((line) => `- ${line}`);

function resourceSection(stack: StackReview): string[] {
  const r = stack.resources;
  if (!hasResourceChanges(r)) return ['**Resources**', '', '- no change'];
  const named = (label: string, addresses: readonly string[]) =>
    addresses.length === 0 ? [] : [`- ${label}: ${addresses.map(code).join(', ')}`];
  return [
    `**Resources**: ${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed`,
    '',
    ...named('added', r.added),
    ...named('changed', r.changed),
    ...named('removed', r.removed),
    ...named('other blocks changed', r.otherBlocks),
  ];
}

function stackSection(stack: StackReview): string[] {
  const status = { added: 'new stack', removed: 'stack removed', changed: 'changed', unchanged: 'no change' }[
    stack.status
  ];
  return [
    `### ${stack.stack} (${status})`,
    '',
    ...resourceSection(stack),
    '',
    '**Reachability**',
    '',
    ...bullets([...stack.paths.map((p) => p.text), ...stack.exposure]),
    '',
    '**Endpoints**',
    '',
    ...bullets(stack.endpoints),
    '',
    '**Guardrails**',
    '',
    ...bullets([...stack.guardrails.added.map((f) => `new: ${f}`), ...stack.guardrails.gone.map((f) => `gone: ${f}`)]),
    '',
    `**Fixed monthly cost**: ${costText(stack.cost.before, stack.cost.after)}`,
    '',
  ];
}

/** The whole review; its first line is {@link REVIEW_MARKER}. */
export function formatReview(stacks: readonly StackReview[], sides: ReviewSides): string {
  const summary = reviewSummary(stacks);
  const changed = stacks.filter((s) => s.status !== 'unchanged');
  return [
    REVIEW_MARKER,
    '## Network review',
    '',
    `Base: ${sides.base}; head: ${sides.head}. Read from the synthesized Terraform JSON alone (\`npm run review\`), ` +
      'no cloud calls.',
    '',
    headline(summary),
    '',
    ...table(changed),
    ...(summary.unchanged.length > 0 ? [`No change: ${summary.unchanged.join(', ')}.`, ''] : []),
    ...changed.flatMap(stackSection),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}
