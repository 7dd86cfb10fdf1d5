// The stamp of a saved plan (toolkit/commands/src/workflows/saved-plan-stamp.ts): its hash of a stack folder, the
// reasons a plan is refused, reading it back; and the summary a plan prints (saved-plan-summary.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  configSha256,
  configurationFiles,
  PlanStamp,
  readStamp,
  staleReasons,
} from '@lambda-vpc/tools/dist/workflows/saved-plan-stamp';
import {
  planSummaryLine,
  planSummaryMarkdown,
  resourceChanges,
} from '@lambda-vpc/tools/dist/workflows/saved-plan-summary';
import { COMMIT, stackFolder, tempDir } from './saved-plan-stack-folder';

const stamp = (fields: Partial<PlanStamp> = {}): PlanStamp => ({
  stack: 'dev-private-only',
  commit: COMMIT,
  configSha256: 'a'.repeat(64),
  changes: true,
  engineVersion: '1.11.4',
  plannedAt: '2025-01-01T00:00:00.000Z',
  ...fields,
});

describe('configSha256: the stack configuration a plan was made from', () => {
  it('is the same for two folders with the same files, wherever they are', () => {
    expect(configSha256(stackFolder())).toBe(configSha256(stackFolder()));
  });

  it('hashes cdk.tf.json, other Terraform files beside it and every file under assets/, sorted', () => {
    const dir = stackFolder();
    fs.writeFileSync(path.join(dir, 'engine_override.tf.json'), '{}');
    expect(configurationFiles(dir)).toEqual([
      'assets/orders/ABC123/archive.zip',
      'cdk.tf.json',
      'engine_override.tf.json',
    ]);
  });

  it('changes when cdk.tf.json changes', () => {
    const dir = stackFolder();
    const before = configSha256(dir);
    fs.writeFileSync(
      path.join(dir, 'cdk.tf.json'),
      JSON.stringify({ resource: { aws_vpc: { network_vpc: { tags: { a: 'b' } } } } }),
    );
    expect(configSha256(dir)).not.toBe(before);
  });

  it('changes when a function zip changes, is added or moves, though cdk.tf.json does not', () => {
    const dir = stackFolder();
    const zip = path.join(dir, 'assets', 'orders', 'ABC123', 'archive.zip');
    const hashes = [configSha256(dir)];
    fs.writeFileSync(zip, 'zip v2');
    hashes.push(configSha256(dir));
    fs.writeFileSync(path.join(dir, 'assets', 'orders', 'ABC123', 'layer.zip'), 'layer');
    hashes.push(configSha256(dir));
    fs.mkdirSync(path.join(dir, 'assets', 'orders', 'DEF456'));
    fs.renameSync(zip, path.join(dir, 'assets', 'orders', 'DEF456', 'archive.zip'));
    hashes.push(configSha256(dir));
    expect(new Set(hashes).size).toBe(4);
  });

  it("does not change with the engine's own files: .terraform/, the lock file, state, plan output", () => {
    const dir = stackFolder();
    const before = configSha256(dir);
    fs.mkdirSync(path.join(dir, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.terraform', 'providers', 'plugin'), 'binary');
    fs.writeFileSync(path.join(dir, '.terraform.lock.hcl'), 'provider {}');
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), '{}');
    fs.writeFileSync(path.join(dir, 'plan.txt'), 'Plan: 1 to add');
    expect(configSha256(dir)).toBe(before);
  });
});

describe('staleReasons: why a saved plan must not be applied', () => {
  const now = { commit: COMMIT, configSha256: 'a'.repeat(64), engineVersion: '1.11.4' };

  it('has none when the commit, the configuration and the engine version are the stamp’s', () => {
    expect(staleReasons(stamp(), now)).toEqual([]);
  });

  it('names both commits, shortened, when the plan was made at another commit', () => {
    expect(staleReasons(stamp(), { ...now, commit: 'def5678abc1234def5678abc1234def5678abc12' })).toEqual([
      'the saved plan is stale: it was made at commit abc1234, this is def5678; plan again',
    ]);
  });

  it('names both hashes when the synthesized JSON or a function zip changed since the plan', () => {
    expect(staleReasons(stamp(), { ...now, configSha256: 'b'.repeat(64) })).toEqual([
      "the saved plan is stale: the stack's synthesized JSON changed since the plan (sha aaaaaaaaaaaa -> " +
        'bbbbbbbbbbbb); plan again',
    ]);
  });

  it('gives every reason, one line each', () => {
    expect(
      staleReasons(stamp(), { commit: 'f'.repeat(40), configSha256: 'b'.repeat(64), engineVersion: '1.12.0' }),
    ).toEqual([
      'the saved plan is stale: it was made at commit abc1234, this is fffffff; plan again',
      "the saved plan is stale: the stack's synthesized JSON changed since the plan (sha aaaaaaaaaaaa -> " +
        'bbbbbbbbbbbb); plan again',
      'the saved plan was made by engine version 1.11.4, this is 1.12.0; plan again with the same version',
    ]);
  });
});

describe('readStamp', () => {
  it('reads a stamp of the stack', () => {
    const file = path.join(tempDir(), 'dev-private-only.stamp.json');
    fs.writeFileSync(file, JSON.stringify(stamp()));
    expect(readStamp(file, 'dev-private-only')).toEqual(stamp());
  });

  it('refuses a missing, unreadable, incomplete or other stack’s stamp in one line', () => {
    const file = path.join(tempDir(), 'dev-private-only.stamp.json');
    expect(() => readStamp(file, 'dev-private-only')).toThrow(`no saved plan: ${file} is missing; plan first`);
    fs.writeFileSync(file, '{ not json');
    expect(() => readStamp(file, 'dev-private-only')).toThrow(new RegExp(`^${file} is not JSON \\(.+\\); plan again$`));
    fs.writeFileSync(file, JSON.stringify({ ...stamp(), commit: 7, changes: 'yes' }));
    expect(() => readStamp(file, 'dev-private-only')).toThrow(
      `${file} is not a saved-plan stamp (missing or wrong: commit, changes); plan again`,
    );
    fs.writeFileSync(file, JSON.stringify(stamp({ stack: 'dev-nat-egress' })));
    expect(() => readStamp(file, 'dev-private-only')).toThrow(
      `${file} is the stamp of stack dev-nat-egress, not dev-private-only`,
    );
  });
});

/** What `terraform show` prints for a plan creating two resources. */
const PLAN_TEXT = [
  'Terraform will perform the following actions:',
  '',
  '  # aws_vpc.network_vpc will be created',
  '  + resource "aws_vpc" "network_vpc" {',
  '      + cidr_block = "10.0.0.0/16"',
  '    }',
  '',
  '  # aws_subnet.network_subnet_isolated_eu-west-1a must be replaced',
  '-/+ resource "aws_subnet" "network_subnet_isolated_eu-west-1a" {',
  '    }',
  '',
  'Plan: 1 to add, 0 to change, 1 to destroy.',
  '',
].join('\n');

describe('the plan summary', () => {
  it("is Terraform's summary line, or No changes.", () => {
    expect(planSummaryLine(PLAN_TEXT, true)).toBe('Plan: 1 to add, 0 to change, 1 to destroy.');
    expect(planSummaryLine('No changes. Your infrastructure matches the configuration.\n', false)).toBe('No changes.');
    expect(planSummaryLine('Changes to Outputs:\n  + vpc_id = "vpc-1"\n', true)).toBe('Changes to Outputs.');
  });

  it('lists each resource change header', () => {
    expect(resourceChanges(PLAN_TEXT)).toEqual([
      '# aws_vpc.network_vpc will be created',
      '# aws_subnet.network_subnet_isolated_eu-west-1a must be replaced',
    ]);
  });

  it('shows the stack, the commit, the summary, the changes and the plan text in a details block', () => {
    const markdown = planSummaryMarkdown({
      stack: 'dev-private-only',
      commit: COMMIT,
      summary: 'Plan: 1',
      text: PLAN_TEXT,
    });
    expect(markdown.split('\n').slice(0, 7)).toEqual([
      `### Saved plan: \`dev-private-only\` at ${COMMIT.slice(0, 12)}`,
      '',
      '**Plan: 1**',
      '',
      '- `# aws_vpc.network_vpc will be created`',
      '- `# aws_subnet.network_subnet_isolated_eu-west-1a must be replaced`',
      '',
    ]);
    expect(markdown).toContain(`<details><summary>Plan</summary>\n\n\`\`\`text\n${PLAN_TEXT.trimEnd()}\n\`\`\`\n`);
  });

  it('cuts a long plan text to the limit, keeping its end (the summary line)', () => {
    const long = `${'  + tags = {}\n'.repeat(20_000)}Plan: 1 to add, 0 to change, 0 to destroy.`;
    const markdown = planSummaryMarkdown({ stack: 's', commit: COMMIT, summary: 'Plan: 1', text: long, limit: 5_000 });
    expect(markdown.length).toBeLessThan(6_000);
    expect(markdown).toMatch(/characters cut/);
    expect(markdown).toContain('Plan: 1 to add, 0 to change, 0 to destroy.\n```');
  });
});
