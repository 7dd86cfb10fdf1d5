// npm run review's report (toolkit/commands/src/review/review-markdown.ts): the marker line the workflow finds the
// comment by, the headline, the table of changed stacks, and "no change" in every section a change does not touch.
import { reviewStacks } from '@lambda-vpc/tools/dist/review/compare-stacks';
import { formatReview, REVIEW_MARKER, reviewSummary } from '@lambda-vpc/tools/dist/review/review-markdown';
import { StackText } from '@lambda-vpc/tools/dist/review/stack-text';
import { TerraformJson } from '../test-support/terraform-json';
import { describeWhileConfigured, itWhileConfigured, synthAllEnvironments } from './environments';

const { stacks } = synthAllEnvironments();
/** The synthesized stacks, in the order the review reads (and the "No change" line names) them, and how many. */
const names = Object.keys(stacks);
const count = names.length;
const SIDES = { base: '`abc1234` (`HEAD^1`)', head: 'the working tree at `def5678`' };

const shipped = (): StackText[] =>
  Object.entries(stacks).map(([stack, json]) => ({ stack, env: stack.split('-')[0], text: JSON.stringify(json) }));

/** The shipped stacks with dev-nat-egress's VPC renamed by its Name tag. */
function withRenamedVpc(): StackText[] {
  return shipped().map((side) => {
    if (side.stack !== 'dev-nat-egress') return side;
    const json = JSON.parse(side.text) as TerraformJson;
    (json.resource!.aws_vpc['network_vpc'].tags as Record<string, string>).Name = 'renamed';
    return { ...side, text: JSON.stringify(json) };
  });
}

describe('the report of byte-identical stacks', () => {
  const report = formatReview(reviewStacks(shipped(), shipped()), SIDES);

  it('starts with the marker line the workflow finds its comment by', () => {
    expect(report.split('\n')[0]).toBe(REVIEW_MARKER);
    expect(REVIEW_MARKER).toBe('<!-- lambda-vpc-review -->');
  });

  it('says no stack changed and names every stack on the "No change" line, with no stack section', () => {
    expect(report).toContain(`**No stack changed** (${count} compared); paths: 0 gained, 0 lost, 0 rerouted;`);
    expect(report).toContain(`No change: ${Object.keys(stacks).join(', ')}.`);
    expect(report).not.toContain('### ');
    expect(report).toContain('Base: `abc1234` (`HEAD^1`); head: the working tree at `def5678`.');
  });
});

describeWhileConfigured('dev-nat-egress')('the report of a change with no network effect', () => {
  const reviews = reviewStacks(shipped(), withRenamedVpc());
  const report = formatReview(reviews, SIDES);
  const section = report.slice(report.indexOf('### dev-nat-egress'));

  it('lists the changed resource and says "no change" under reachability, endpoints, guardrails and cost', () => {
    expect(section).toBe(
      [
        '### dev-nat-egress (changed)',
        '',
        '**Resources**: 0 added, 1 changed, 0 removed',
        '',
        '- changed: `aws_vpc.network_vpc`',
        '',
        '**Reachability**',
        '',
        '- no change',
        '',
        '**Endpoints**',
        '',
        '- no change',
        '',
        '**Guardrails**',
        '',
        '- no change',
        '',
        '**Fixed monthly cost**: no change ($8.71)',
        '',
      ].join('\n'),
    );
  });

  it('has a headline and a table row for the one changed stack, and the others on the "No change" line', () => {
    expect(report).toContain(`**1 of ${count} stacks changed** (dev-nat-egress); paths: 0 gained, 0 lost, 0 rerouted;`);
    expect(report).toContain('| dev-nat-egress | 0 / 1 / 0 | 0 / 0 | 0 / 0 | no change ($8.71) |');
    expect(report).toContain(`No change: ${names.filter((name) => name !== 'dev-nat-egress').join(', ')}.`);
  });
});

describe('the report of a stack added and one removed', () => {
  const base = shipped().filter((side) => side.stack !== 'dev-privatelink');
  const head = shipped().filter((side) => side.stack !== 'prod-privatelink');
  const reviews = reviewStacks(base, head);
  const report = formatReview(reviews, SIDES);

  itWhileConfigured('dev-privatelink', 'prod-privatelink')(
    'marks each in its heading and its table row, with its cost from or to zero',
    () => {
      const added = reviews.find((review) => review.stack === 'dev-privatelink')!;
      const removed = reviews.find((review) => review.stack === 'prod-privatelink')!;
      expect(report).toContain('### dev-privatelink (new stack)');
      expect(report).toContain('### prod-privatelink (stack removed)');
      expect(report).toMatch(/^\| dev-privatelink \(added\) \| \d+ \/ 0 \/ 0 \| 2 \/ 0 \| 1 \/ 0 \| \$0\.00 -> \$/m);
      expect(report).toContain(
        `**Fixed monthly cost**: $${removed.cost.before.toFixed(2)} -> $0.00 (-$${removed.cost.before.toFixed(2)})`,
      );
      expect(added.cost.before).toBe(0);
    },
  );

  itWhileConfigured('dev-privatelink', 'prod-privatelink')(
    'counts the paths gained and lost in the headline: the Lambda API and its endpoint, each',
    () => {
      const summary = reviewSummary(reviews);
      expect(summary).toMatchObject({ changed: ['dev-privatelink', 'prod-privatelink'], gained: 2, lost: 2 });
      expect(report).toContain(
        `**2 of ${count} stacks changed** (dev-privatelink, prod-privatelink); paths: 2 gained, 2 lost`,
      );
    },
  );
});
