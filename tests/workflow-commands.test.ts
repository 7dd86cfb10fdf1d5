// The workflows' commands (toolkit/commands/src/workflows): which stacks a pull request changes and the plan
// comment it gets (stacks.ts), the job matrix computed from the synthesized manifests (matrix.ts), and the
// comments found again by their marker (pull-request-comment.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { synthEnvironments } from '@lambda-vpc/stacks';
import * as workflowStacks from '@lambda-vpc/tools/dist/workflows/stacks';
import * as matrix from '@lambda-vpc/tools/dist/workflows/matrix';
import * as comments from '@lambda-vpc/tools/dist/workflows/pull-request-comment';
import { environmentValues } from '../test-support/environment-values';

const root = path.resolve(__dirname, '..');

/** A synthesized tree: apps/<env>/cdktf.out with each stack's cdk.tf.json and the manifest listing them. */
function tree(stacks: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-workflows-'));
  for (const [name, content] of Object.entries(stacks)) {
    const env = name.split('-')[0];
    fs.mkdirSync(path.join(dir, 'apps', env, 'cdktf.out', 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'apps', env, 'cdktf.json'), '{}');
    fs.writeFileSync(path.join(dir, 'apps', env, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), content);
  }
  // The manifest a synth writes beside the stacks: what lists them.
  for (const env of new Set(Object.keys(stacks).map((name) => name.split('-')[0]))) {
    const listed = Object.keys(stacks).filter((name) => name.startsWith(`${env}-`));
    fs.writeFileSync(
      path.join(dir, 'apps', env, 'cdktf.out', 'manifest.json'),
      JSON.stringify({ stacks: Object.fromEntries(listed.map((name) => [name, {}])) }),
    );
  }
  return dir;
}

describe('toolkit/commands/src/workflows/stacks.ts', () => {
  it(
    'counts a stack as changed when its synthesized JSON differs, is new, or the base failed; removed when ' + 'gone',
    () => {
      const base = tree({ 'dev-a': '{"x":1}', 'dev-b': '{"y":1}', 'dev-gone': '{}', 'prod-a': '{"x":1}' });
      const head = tree({ 'dev-a': '{"x":1}', 'dev-b': '{"y":2}', 'dev-new': '{}', 'prod-a': '{"x":1}' });
      expect(workflowStacks.changedStacks(head, base)).toEqual({
        changed: { dev: ['dev-b', 'dev-new'], prod: [] },
        removed: { dev: ['dev-gone'], prod: [] },
      });
      expect(workflowStacks.changedStacks(head, base, { baseFailed: true }).changed).toEqual({
        dev: ['dev-a', 'dev-b', 'dev-new'],
        prod: ['prod-a'],
      });
    },
  );

  it('finds the state backend a stack declares', () => {
    expect(workflowStacks.stateBackend({ terraform: { backend: { local: { path: 'x' } } } })).toBe('local');
    expect(workflowStacks.stateBackend({ terraform: {} })).toBe('local');
    expect(workflowStacks.stateBackend({ terraform: { backend: { s3: { bucket: 'b' } } } })).toBe('s3');
    expect(workflowStacks.stateBackend({ terraform: { cloud: { organization: 'o' } } })).toBe('cloud');
    const shippedStack = path.join(root, 'apps', 'dev', 'cdktf.out', 'stacks', 'dev-nat-egress', 'cdk.tf.json');
    if (fs.existsSync(shippedStack))
      expect(workflowStacks.stateBackend(JSON.parse(fs.readFileSync(shippedStack, 'utf8')))).toBe('local');
  });

  it("keeps the plan comment under GitHub's limit, its marker first and its fences unbroken", () => {
    const long = `${'~ aws_vpc.x\n'.repeat(20000)}\`\`\`\`\nPlan: 1 to add, 0 to change, 0 to destroy.\n`;
    const comment = workflowStacks.planComment({
      env: 'dev',
      plans: ['dev-a', 'dev-b', 'dev-c'].map((stack) => ({
        stack,
        output: `\u001b[32m${long}\u001b[0m`,
        exitCode: stack === 'dev-c' ? 1 : 0,
      })),
      removed: ['dev-gone'],
      localState: ['dev-a'],
    });
    expect(comment.length).toBeLessThanOrEqual(65536);
    expect(comment.length).toBeGreaterThan(workflowStacks.COMMENT_LIMIT / 2);
    expect(comment.split('\n')[0]).toBe(workflowStacks.commentMarker('dev'));
    expect(comment).not.toContain('\u001b[');
    expect(comment.match(/Plan: 1 to add/g)).toHaveLength(3); // the summary at the end survives the cut
    expect(comment).toContain('`````text'); // longer than the plan's own ````
    expect(comment).toContain('plan **failed** (exit 1)');
    expect(comment).toContain('dev-gone');
    expect(comment).toContain('Local state');
    expect(workflowStacks.planComment({ env: 'prod', plans: [] })).toContain('No stack of prod changes');
  });

  it('reads each plan with its exit status and the backend the plan job recorded, and warns of local state', () => {
    const planDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-plans-'));
    const files = {
      'qa-a.txt': 'Plan: 1 to add, 0 to change, 0 to destroy.',
      'qa-a.exit': '0',
      'qa-a.backend': 'local',
      'qa-b.txt': 'not planned: no credentials',
      'qa-b.exit': '1',
      'qa-b.backend': 's3',
      'qa-c.txt': 'interrupted',
    };
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(planDir, file), `${text}\n`);
    expect(workflowStacks.readPlans(planDir)).toEqual([
      { stack: 'qa-a', output: 'Plan: 1 to add, 0 to change, 0 to destroy.\n', exitCode: 0, backend: 'local' },
      { stack: 'qa-b', output: 'not planned: no credentials\n', exitCode: 1, backend: 's3' },
      { stack: 'qa-c', output: 'interrupted\n', exitCode: 1 },
    ]);
    const cli = spawnSync(
      process.execPath,
      [path.join(root, 'toolkit/commands/dist/workflows/stacks.js'), 'plan-comment', 'qa', planDir, '["qa-gone"]'],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout.split('\n')[0]).toBe('<!-- lambda-vpc-plan:qa -->');
    expect(cli.stdout).toContain('> **Local state:** `qa-a` declares the local backend');
    expect(cli.stdout).toContain('<summary><code>qa-b</code>: plan **failed** (exit 1)</summary>');
    expect(cli.stdout).toContain('- `qa-gone` is no longer synthesized.');
  });
});

describe('toolkit/commands/src/workflows/matrix.ts: the deploy order', () => {
  it('puts dev first, prod last and every other environment between them alphabetically', () => {
    expect(matrix.deployOrder(['prod', 'staging', 'dev'])).toEqual(['dev', 'staging', 'prod']);
    expect(matrix.deployOrder(['prod', 'staging', 'qa', 'dev', 'perf'])).toEqual([
      'dev',
      'perf',
      'qa',
      'staging',
      'prod',
    ]);
    expect(matrix.deployOrder(['qa', 'prod'])).toEqual(['qa', 'prod']);
    expect(matrix.deployOrder(['staging', 'dev', 'dev'])).toEqual(['dev', 'staging']);
  });
});

describe('toolkit/commands/src/workflows/matrix.ts: the role variables', () => {
  it('names AWS_PLAN_ROLE_ARN_<ENV> and AWS_DEPLOY_ROLE_ARN_<ENV>, upper-cased, other characters as _', () => {
    expect(matrix.roleVariable('PLAN', 'dev')).toBe('AWS_PLAN_ROLE_ARN_DEV');
    expect(matrix.roleVariable('DEPLOY', 'qa2')).toBe('AWS_DEPLOY_ROLE_ARN_QA2');
    expect(matrix.roleVariable('DEPLOY', 'eu-west.prod')).toBe('AWS_DEPLOY_ROLE_ARN_EU_WEST_PROD');
  });
});

describe('toolkit/commands/src/workflows/matrix.ts: the jobs of each backend', () => {
  // Real synthesized stacks: one environment per backend, private-only each (the fastest variant to synthesize).
  const synthesized = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-matrix-'));
  const backends = {
    dev: { type: 'local' },
    qa: { type: 's3', bucket: 'acme-state', region: 'eu-west-1' },
    prod: { type: 'cloud', organization: 'acme', hostname: 'tfe.example.com' },
  } as const;
  Object.entries(backends).forEach(([name, backend], index) => {
    const values = environmentValues({ name, backend, variants: { privateOnly: { cidr: `10.${70 + index}.0.0/16` } } });
    synthEnvironments([values], { outdir: path.join(synthesized, 'apps', name, 'cdktf.out') });
  });

  it('maps local and s3 to aws-oidc and cloud to terraform-cloud with its host, in deploy order', () => {
    expect(matrix.stackMatrix(synthesized)).toEqual({
      environments: ['dev', 'qa', 'prod'],
      include: [
        {
          environment: 'dev',
          stack: 'dev-private-only',
          backend: 'local',
          auth: 'aws-oidc',
          planRoleVariable: 'AWS_PLAN_ROLE_ARN_DEV',
          deployRoleVariable: 'AWS_DEPLOY_ROLE_ARN_DEV',
        },
        {
          environment: 'qa',
          stack: 'qa-private-only',
          backend: 's3',
          auth: 'aws-oidc',
          planRoleVariable: 'AWS_PLAN_ROLE_ARN_QA',
          deployRoleVariable: 'AWS_DEPLOY_ROLE_ARN_QA',
        },
        {
          environment: 'prod',
          stack: 'prod-private-only',
          backend: 'cloud',
          auth: 'terraform-cloud',
          hostname: 'tfe.example.com',
          planRoleVariable: 'AWS_PLAN_ROLE_ARN_PROD',
          deployRoleVariable: 'AWS_DEPLOY_ROLE_ARN_PROD',
        },
      ],
    });
  });

  it('gives the cloud backend the default host when the JSON names none, and refuses a backend it cannot take', () => {
    expect(matrix.matrixEntry('x', 'x-a', { terraform: { cloud: { organization: 'o' } } }).hostname).toBe(
      'app.terraform.io',
    );
    expect(matrix.matrixEntry('x', 'x-a', { terraform: { backend: { s3: {} } } })).not.toHaveProperty('hostname');
    expect(() => matrix.matrixEntry('x', 'x-a', { terraform: { backend: { gcs: {} } } })).toThrow(
      'x-a: backend "gcs": allowed: local, s3, cloud (the environment\'s backend)',
    );
  });

  it('lists the changed stacks only with --changed, and every environment, one whose stacks are all gone too', () => {
    const changes = { changed: { qa: ['qa-private-only'], dev: [] }, removed: { staging: ['staging-nat-egress'] } };
    const changed = matrix.stackMatrix(synthesized, { changes });
    expect(changed.environments).toEqual(['dev', 'qa', 'staging', 'prod']);
    expect(changed.include.map((entry) => entry.stack)).toEqual(['qa-private-only']);
    expect(matrix.stackMatrix(synthesized, { changes: { changed: {}, removed: {} } }).include).toEqual([]);
  });

  it('prints environments, matrix, matrices and any for $GITHUB_OUTPUT, one line each', () => {
    const lines = matrix
      .outputLines(matrix.stackMatrix(synthesized, { changes: { changed: { prod: ['prod-private-only'] } } }))
      .split('\n');
    expect(lines.map((line) => line.split('=')[0])).toEqual(['environments', 'matrix', 'matrices', 'any', '']);
    expect(JSON.parse(lines[0].slice('environments='.length))).toEqual(['dev', 'qa', 'prod']);
    expect(JSON.parse(lines[1].slice('matrix='.length)).include.map((e: { stack: string }) => e.stack)).toEqual([
      'prod-private-only',
    ]);
    expect(Object.keys(JSON.parse(lines[2].slice('matrices='.length)))).toEqual(['dev', 'qa', 'prod']);
    expect(JSON.parse(lines[2].slice('matrices='.length)).dev).toEqual({ include: [] });
    expect(lines[3]).toBe('any=true');
  });

  it("lists every stack an environment's synth manifest lists, whatever its variants, and no other", () => {
    const listed = tree({
      'dev-private-only': '{}',
      'dev-sandbox': '{}',
      'prod-nat-egress': '{"terraform":{"backend":{"s3":{}}}}',
    });
    fs.mkdirSync(path.join(listed, 'apps', 'dev', 'cdktf.out', 'stacks', 'dev-left-over'));
    fs.writeFileSync(path.join(listed, 'apps', 'dev', 'cdktf.out', 'stacks', 'dev-left-over', 'cdk.tf.json'), '{}');
    expect(matrix.stackMatrix(listed).include.map(({ stack, backend }) => `${stack} ${backend}`)).toEqual([
      'dev-private-only local',
      'dev-sandbox local',
      'prod-nat-egress s3',
    ]);
  });

  it('refuses bad arguments with one line', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'toolkit/commands/dist/workflows/matrix.js'), ...args], {
        encoding: 'utf8',
      });
    expect(run('--changed', '{not json').stderr).toBe(
      'matrix: --changed: not JSON; allowed: the JSON that stacks.js changed prints\n',
    );
    expect(run('--environment', 'dev')).toMatchObject({
      status: 1,
      stderr: 'matrix: unknown option --environment; allowed: --changed RESULT_JSON\n',
    });
  });
});

describe('toolkit/commands/src/workflows/pull-request-comment.ts', () => {
  /** A pull request's comments, and the calls the workflow's script makes on them. */
  function pullRequest(existing: comments.IssueComment[]) {
    const calls: string[] = [];
    const script: comments.CommentScriptContext = {
      github: {
        paginate: async () => existing,
        rest: {
          issues: {
            listComments: 'listComments',
            updateComment: async (p) => void calls.push(`update ${p.comment_id}: ${p.body}`),
            createComment: async (p) => {
              calls.push(`create on #${p.issue_number}: ${p.body}`);
              return { data: { id: 9, html_url: 'https://example.test/9' } };
            },
          },
        },
      },
      context: { repo: { owner: 'acme', repo: 'net' }, payload: { pull_request: { number: 7 } } },
      core: { info: () => undefined },
    };
    return { script, calls };
  }
  const bot = { type: 'Bot' };

  it("updates the bot's earlier comment with the same marker, and posts a new one only when asked", async () => {
    const { script, calls } = pullRequest([
      { id: 1, body: '<!-- lambda-vpc-plan:dev -->\nold', html_url: 'u1', user: { type: 'User' } },
      { id: 2, body: '<!-- lambda-vpc-plan:dev -->\nolder', html_url: 'u2', user: bot },
      { id: 3, body: '<!-- lambda-vpc-review -->\nold review', html_url: 'u3', user: bot },
    ]);
    expect(await comments.upsertComment(script, '<!-- lambda-vpc-plan:dev -->\nnew', false)).toBe('updated');
    expect(await comments.upsertComment(script, '<!-- lambda-vpc-plan:prod -->\nno change', false)).toBe('skipped');
    expect(await comments.upsertComment(script, '<!-- lambda-vpc-plan:prod -->\nplan', true)).toBe('created');
    expect(calls).toEqual([
      'update 2: <!-- lambda-vpc-plan:dev -->\nnew',
      'create on #7: <!-- lambda-vpc-plan:prod -->\nplan',
    ]);
  });

  it('posts every comment a list names, and refuses a body without a marker or a bad list line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-comments-'));
    fs.writeFileSync(path.join(dir, 'review.md'), '<!-- lambda-vpc-review -->\nreport');
    fs.writeFileSync(path.join(dir, 'plan-qa.md'), '<!-- lambda-vpc-plan:qa -->\nno change');
    fs.writeFileSync(path.join(dir, 'list'), `${dir}/review.md create\n${dir}/plan-qa.md update-only\n`);
    const { script, calls } = pullRequest([]);
    expect(await comments.postComments(script, path.join(dir, 'list'))).toEqual(['created', 'skipped']);
    expect(calls).toEqual(['create on #7: <!-- lambda-vpc-review -->\nreport']);
    await expect(comments.upsertComment(script, 'no marker', true)).rejects.toThrow(
      'comment: the first line is not a marker comment: no marker',
    );
    fs.writeFileSync(path.join(dir, 'bad'), `${dir}/review.md always\n`);
    await expect(comments.postComments(script, path.join(dir, 'bad'))).rejects.toThrow(
      `"${dir}/review.md always": allowed: <file> create|update-only`,
    );
  });
});
