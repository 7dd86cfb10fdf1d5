// The GitHub Actions workflows (.github/workflows) keep their safety properties: no static AWS keys, OIDC in
// every job that touches AWS (and only there), prod deployed last and behind its environment, the pull
// request checks complete, and nothing that a pull request triggers ever applies. Each property is a
// function returning its violations, run on the shipped workflows (none) and on a broken one (some), so
// every test can fail. The workflows are read with the `yaml` package (YAML 1.2, as GitHub reads them), strictly:
// any error or warning, a duplicate key among them, fails the test instead of being read past.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import * as workflowStacks from '@lambda-vpc/tools/dist/workflows/stacks';

const root = path.resolve(__dirname, '..');
const workflowDir = path.join(root, '.github', 'workflows');

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };
type YamlMap = { [key: string]: Yaml };

/** One YAML document as plain values; throws on any error or warning, naming the line. */
function parseYaml(source: string): Yaml {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const [problem] = [...doc.errors, ...doc.warnings];
  if (problem) throw problem;
  return doc.toJS() as Yaml;
}

// ---------------------------------------------------------------------------------------------------------
// Reading workflows

interface Workflow {
  file: string;
  text: string;
  doc: YamlMap;
}
interface Job {
  id: string;
  body: YamlMap;
}

const asMap = (value: Yaml | undefined): YamlMap =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
const asList = (value: Yaml | undefined): Yaml[] =>
  Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
/** A scalar as its text (`cancel-in-progress: false` reads as the boolean false, compared as 'false'). */
const asString = (value: Yaml | undefined): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

function workflow(file: string, text: string): Workflow {
  const doc = parseYaml(text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file}: not a mapping`);
  return { file, text, doc };
}

function shippedWorkflows(): Workflow[] {
  return fs
    .readdirSync(workflowDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => workflow(f, fs.readFileSync(path.join(workflowDir, f), 'utf8')));
}

const jobs = (wf: Workflow): Job[] =>
  Object.entries(asMap(wf.doc.jobs)).map(([id, body]) => ({ id, body: asMap(body) }));
const steps = (job: Job): YamlMap[] => asList(job.body.steps).map(asMap);
const runs = (job: Job): string[] =>
  steps(job)
    .map((s) => asString(s.run))
    .filter(Boolean);
const uses = (job: Job): string[] =>
  steps(job)
    .map((s) => asString(s.uses))
    .filter(Boolean);

/** The events a workflow runs on (`on:` as a name, a list or a mapping). */
function triggers(wf: Workflow): string[] {
  const on = wf.doc.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(asString);
  return Object.keys(asMap(on));
}

const isPullRequestWorkflow = (wf: Workflow): boolean => triggers(wf).some((t) => t.startsWith('pull_request'));

/** A job touches AWS when it takes AWS credentials or runs something that calls AWS. */
function touchesAws(job: Job): boolean {
  return (
    uses(job).some((u) => u.startsWith('aws-actions/configure-aws-credentials@')) ||
    runs(job).some((r) =>
      /\bcdktf\s+(plan|diff|deploy|apply|destroy)\b|\bterraform\s+(plan|apply|destroy|import)\b|(^|\s)aws\s+[a-z]/m.test(
        r,
      ),
    )
  );
}

/** The job's permissions, inheriting the workflow's when it sets none. */
function grantsIdToken(wf: Workflow, job: Job): boolean {
  const permissions = job.body.permissions ?? wf.doc.permissions;
  if (permissions === 'write-all') return true;
  return asString(asMap(permissions)['id-token']) === 'write';
}

// ---------------------------------------------------------------------------------------------------------
// The properties, each returning its violations

function staticKeys(wf: Workflow): string[] {
  const pattern =
    /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|aws-access-key-id|aws-secret-access-key|\bA(KI|SI)A[0-9A-Z]{16}\b/g;
  return (wf.text.match(pattern) ?? []).map((m) => `${wf.file}: ${m}`);
}

function idTokenWhereNeeded(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) => {
    if (touchesAws(job) && !grantsIdToken(wf, job))
      return [`${wf.file}: job ${job.id} touches AWS without id-token: write`];
    if (!touchesAws(job) && grantsIdToken(wf, job))
      return [`${wf.file}: job ${job.id} has id-token: write but never touches AWS`];
    return [];
  });
}

function credentialsByRoleOnly(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) =>
    steps(job)
      .filter((s) => asString(s.uses).startsWith('aws-actions/configure-aws-credentials@'))
      .flatMap((s) => {
        const inputs = asMap(s.with);
        const problems: string[] = [];
        if (!/^\$\{\{\s*(vars|matrix)\.[A-Za-z0-9_-]+\s*\}\}$/.test(asString(inputs['role-to-assume']))) {
          problems.push(
            `${wf.file}: job ${job.id} assumes no role from a variable (role-to-assume: ` +
              `${asString(inputs['role-to-assume']) || 'missing'})`,
          );
        }
        for (const key of Object.keys(inputs).filter((k) => /access-key|secret|session-token/.test(k))) {
          problems.push(`${wf.file}: job ${job.id} passes ${key} to configure-aws-credentials`);
        }
        return problems;
      }),
  );
}

function neverAppliesOnPullRequests(wf: Workflow): string[] {
  if (!isPullRequestWorkflow(wf)) return [];
  const problems = triggers(wf)
    .filter((t) => t === 'pull_request_target')
    .map(() => `${wf.file}: runs on pull_request_target (the pull request's code with the repository's secrets)`);
  const applying = /\bcdktf\s+(deploy|apply|destroy)\b|\bterraform\s+(apply|destroy|import)\b/;
  for (const job of jobs(wf)) {
    for (const run of runs(job).filter((r) => applying.test(r)))
      problems.push(`${wf.file}: job ${job.id} runs ${applying.exec(run)![0]}`);
  }
  return problems;
}

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

function deployOrder(wf: Workflow): string[] {
  const problems: string[] = [];
  const byId = Object.fromEntries(jobs(wf).map((j) => [j.id, j]));
  const on = asMap(wf.doc.on);
  if (!asList(asMap(on.push).branches).includes('main')) problems.push(`${wf.file}: does not run on push to main`);
  if (isPullRequestWorkflow(wf)) problems.push(`${wf.file}: runs on pull requests`);
  const groups = new Set<string>();
  ENVIRONMENTS.forEach((env, i) => {
    const job = byId[env];
    if (!job) {
      problems.push(`${wf.file}: no job ${env}`);
      return;
    }
    const environment = job.body.environment;
    const name = typeof environment === 'string' ? environment : asString(asMap(environment).name);
    if (name !== env) problems.push(`${wf.file}: job ${env} uses environment ${name || '(none)'}, not ${env}`);
    const needs = asList(job.body.needs).map(asString);
    if (i > 0 && !needs.includes(ENVIRONMENTS[i - 1]))
      problems.push(`${wf.file}: job ${env} does not need ${ENVIRONMENTS[i - 1]}`);
    const concurrency = asMap(job.body.concurrency);
    const group = asString(concurrency.group);
    if (!group.includes(env) || groups.has(group))
      problems.push(`${wf.file}: job ${env} has no concurrency group of its own`);
    groups.add(group);
    if (asString(concurrency['cancel-in-progress']) !== 'false')
      problems.push(`${wf.file}: job ${env} may cancel a deploy in progress`);
    const deploy = runs(job).find((r) => /\bcdktf\s+deploy\b/.test(r)) ?? '';
    if (
      !/cd apps\/(\S+) && npx( --no-install)? cdktf deploy --auto-approve/.test(deploy) ||
      !deploy.includes(`cd apps/${env} `)
    ) {
      problems.push(`${wf.file}: job ${env} does not run cdktf deploy --auto-approve in apps/${env}`);
    }
    // Every stack the environment's synth manifest lists, not a hand-kept list of variants.
    const listed = new RegExp(
      `^stacks=\\$\\(node toolkit/commands/dist/workflows/stacks\\.js deploy-list ${env}\\)\\nread -ra names ` +
        `<<<"\\$stacks"\\n`,
    );
    if (!listed.test(deploy) || !/cdktf deploy [^\n]*"\$\{names\[@\]\}"\s*$/.test(deploy)) {
      problems.push(
        `${wf.file}: job ${env} does not deploy the stacks of its synth manifest (stacks.js deploy-list ${env})`,
      );
    }
  });
  return problems;
}

function pullRequestChecks(wf: Workflow): string[] {
  const problems: string[] = [];
  const all = jobs(wf);
  const commands = all.flatMap(runs).join('\n');
  for (const command of [
    'npm install',
    'npm run synth',
    'npm test',
    'npm run toolchain',
    'npm run scan',
    'npm run validate',
    'toolkit/scripts/workflows/lint.sh',
    'npm run framework:cdktn',
    'npm run framework:diff',
    'npm run framework:test',
  ]) {
    if (!commands.split('\n').some((line) => line.trim().startsWith(command) || line.includes(` ${command}`))) {
      problems.push(`${wf.file}: never runs ${command}`);
    }
  }
  if (!asList(asMap(asMap(wf.doc.on).pull_request).branches).includes('main'))
    problems.push(`${wf.file}: does not run on pull requests to main`);
  const plan = all.find((j) => runs(j).some((r) => /\bcdktf\s+(plan|diff)\b/.test(r)));
  if (!plan) return [...problems, `${wf.file}: no job runs cdktf plan`];
  const matrix = asList(asMap(asMap(plan.body.strategy).matrix).include).map((m) => asString(asMap(m).environment));
  for (const env of ENVIRONMENTS)
    if (!matrix.includes(env)) problems.push(`${wf.file}: job ${plan.id} does not plan ${env}`);
  if (asString(asMap(plan.body.permissions)['pull-requests']) !== 'write')
    problems.push(`${wf.file}: job ${plan.id} cannot comment (pull-requests: write)`);
  if (!uses(plan).some((u) => u.startsWith('actions/github-script@')))
    problems.push(`${wf.file}: job ${plan.id} posts no comment`);
  if (!asList(plan.body.needs).map(asString).includes('checks'))
    problems.push(`${wf.file}: job ${plan.id} does not wait for the checks`);
  return problems;
}

/**
 * The repository's commands are compiled (toolkit/commands/dist) and a runner starts from a bare checkout: a step that
 * runs one must come after a step of its job that builds (npm run build or synth, or turbo run build).
 */
function toolsBuiltFirst(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) => {
    const commands = runs(job);
    const built = commands.findIndex((run) => /\bnpm run (build|synth)\b|\bturbo run build\b/.test(run));
    return commands.flatMap((run, index) =>
      /\btoolkit\/commands\/dist\//.test(run) && (built < 0 || built > index)
        ? [
            `${wf.file}: job ${job.id} runs ${/\S*toolkit\/commands\/dist\/\S+/.exec(run)![0]} before any step ` +
              `builds it`,
          ]
        : [],
    );
  });
}

/** Third-party actions run with the job's token and credentials: pinned to a commit, the version noted. */
function pinnedActions(wf: Workflow): string[] {
  return wf.text
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .filter(
      (line) =>
        !/uses:\s*\.\//.test(line) && !/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$/.test(line),
    )
    .map((line) => `${wf.file}: not pinned to a commit with its version noted: ${line.trim()}`);
}

// ---------------------------------------------------------------------------------------------------------
// A workflow breaking every property at once: each check must find its violation here.

const broken = workflow(
  'broken.yml',
  `
on:
  pull_request_target:
    branches: [main]
  push:
    branches: [develop]
permissions: write-all
jobs:
  checks:
    runs-on: ubuntu-latest
    steps:
      - run: npm install && npm test
  plan:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    strategy:
      matrix:
        include:
          - environment: dev
    steps:
      - uses: actions/checkout@v5
      - run: node toolkit/commands/dist/workflows/stacks.js select dev "$RESULT"
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      - run: cd apps/dev && npx cdktf plan dev-nat-egress
  dev:
    runs-on: ubuntu-latest
    environment: dev
    steps:
      - run: |
          cd apps/dev && npx cdktf deploy --auto-approve dev-nat-egress
  staging:
    needs: dev
    environment: staging
    concurrency:
      group: deploy-staging
      cancel-in-progress: true
    runs-on: ubuntu-latest
    steps:
      - run: cd apps/staging && npx cdktf deploy --auto-approve staging-private-only staging-nat-egress
  prod:
    needs: [dev]
    environment:
      name: production
    runs-on: ubuntu-latest
    steps:
      - run: cd apps/prod && npx cdktf deploy --auto-approve prod-private-only prod-nat-egress prod-privatelink
`,
);

describe('reading workflow YAML', () => {
  it('reads the shapes the workflows use', () => {
    expect(
      parseYaml(
        [
          '# comment',
          'on:',
          '  push:',
          '    branches: [main, "release"]',
          'env:',
          "  A: 'it''s' # trailing comment",
          '  B: "x: #1"',
          'jobs:',
          '  one:',
          '    needs:',
          '    - a',
          '    - b',
          '    steps:',
          '      - name: first',
          '        run: |',
          '          echo one',
          '',
          '          # not a comment',
          '      - uses: x/y@abc # v1',
          '        with:',
          "          k: ${{ vars.X || 'd' }}",
          '      - plain item',
        ].join('\n'),
      ),
    ).toEqual({
      on: { push: { branches: ['main', 'release'] } },
      env: { A: "it's", B: 'x: #1' },
      jobs: {
        one: {
          needs: ['a', 'b'],
          steps: [
            { name: 'first', run: 'echo one\n\n# not a comment\n' },
            { uses: 'x/y@abc', with: { k: "${{ vars.X || 'd' }}" } },
            'plain item',
          ],
        },
      },
    });
  });

  it('refuses a document with an error or a warning instead of reading past it', () => {
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/unique/i);
    expect(() => parseYaml('a:\n  - b\n c: 1')).toThrow(/line 3/);
    expect(() => parseYaml('a: "unterminated')).toThrow();
    expect(() => parseYaml('a: !custom-tag x')).toThrow(/tag/i);
  });

  it('reads `on:` as the key "on" and unquoted booleans as booleans (YAML 1.2, not 1.1)', () => {
    expect(parseYaml('on:\n  push: {}\nx: false\ny: yes')).toEqual({ on: { push: {} }, x: false, y: 'yes' });
  });
});

describe('GitHub Actions workflows', () => {
  const shipped = shippedWorkflows();
  const byFile = (file: string): Workflow => {
    const wf = shipped.find((w) => w.file === file);
    if (!wf) throw new Error(`.github/workflows/${file} is missing`);
    return wf;
  };

  it('finds the pull-request and deploy workflows', () => {
    expect(shipped.map((w) => w.file)).toEqual(expect.arrayContaining(['deploy.yml', 'pull-request.yml']));
  });

  it('holds no static AWS keys anywhere', () => {
    expect(shipped.flatMap(staticKeys)).toEqual([]);
    expect(staticKeys(broken)).toEqual(expect.arrayContaining([expect.stringContaining('AWS_ACCESS_KEY_ID')]));
  });

  it('gives id-token: write to every job that touches AWS, and to no other job', () => {
    expect(shipped.flatMap(idTokenWhereNeeded)).toEqual([]);
    expect(
      jobs(byFile('deploy.yml'))
        .filter(touchesAws)
        .map((j) => j.id),
    ).toEqual(['dev', 'staging', 'prod']);
    expect(
      jobs(byFile('pull-request.yml'))
        .filter(touchesAws)
        .map((j) => j.id),
    ).toEqual(['plan']);
    expect(idTokenWhereNeeded(broken)).toEqual(
      expect.arrayContaining([
        'broken.yml: job plan touches AWS without id-token: write',
        'broken.yml: job checks has id-token: write but never touches AWS',
      ]),
    );
  });

  it('takes AWS credentials only by assuming a role named in a variable (OIDC)', () => {
    expect(shipped.flatMap(credentialsByRoleOnly)).toEqual([]);
    expect(credentialsByRoleOnly(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('assumes no role'),
        expect.stringContaining('passes aws-access-key-id'),
      ]),
    );
  });

  it('deploys dev, then staging, then prod, each in its own environment and never two at once', () => {
    expect(deployOrder(byFile('deploy.yml'))).toEqual([]);
    const deploy = jobs(byFile('deploy.yml'));
    const prod = deploy.find((j) => j.id === 'prod')!;
    expect(prod.body.environment).toBe('prod');
    expect(asList(prod.body.needs)).toContain('staging');
    expect(deployOrder(broken)).toEqual(
      expect.arrayContaining([
        'broken.yml: does not run on push to main',
        'broken.yml: job prod uses environment production, not prod',
        'broken.yml: job prod does not need staging',
        'broken.yml: job staging may cancel a deploy in progress',
        'broken.yml: job dev does not deploy the stacks of its synth manifest (stacks.js deploy-list dev)',
      ]),
    );
  });

  it('synthesizes, tests, validates, scans and plans every environment on a pull request', () => {
    expect(pullRequestChecks(byFile('pull-request.yml'))).toEqual([]);
    expect(pullRequestChecks(broken)).toEqual(
      expect.arrayContaining([
        'broken.yml: never runs npm run synth',
        'broken.yml: never runs npm run scan',
        'broken.yml: job plan does not plan staging',
        'broken.yml: job plan cannot comment (pull-requests: write)',
      ]),
    );
  });

  it('never deploys, applies or destroys from a pull request', () => {
    expect(shipped.filter(isPullRequestWorkflow).map((w) => w.file)).toEqual(['pull-request.yml']);
    expect(shipped.flatMap(neverAppliesOnPullRequests)).toEqual([]);
    expect(neverAppliesOnPullRequests(broken)).toEqual(
      expect.arrayContaining([expect.stringContaining('pull_request_target'), 'broken.yml: job dev runs cdktf deploy']),
    );
  });

  it(
    "builds the repository's commands in a job before it runs one (toolkit/commands/dist is not in the " + 'checkout)',
    () => {
      expect(shipped.flatMap(toolsBuiltFirst)).toEqual([]);
      expect(
        shipped.flatMap((wf) => jobs(wf).flatMap(runs)).some((run) => run.includes('toolkit/commands/dist/')),
      ).toBe(true);
      expect(toolsBuiltFirst(broken)).toEqual([
        'broken.yml: job plan runs toolkit/commands/dist/workflows/stacks.js before any step builds it',
      ]);
    },
  );

  it('pins every action to a commit, with its version in a comment', () => {
    expect(shipped.flatMap(pinnedActions)).toEqual([]);
    expect(pinnedActions(broken)).toHaveLength(2);
  });
});

describe('toolkit/commands/src/workflows/stacks.ts', () => {
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

  it(
    "deploys every stack an environment's synth manifest lists, whatever its variants, and nothing of another " +
      'environment',
    () => {
      const synthesized = tree({ 'dev-private-only': '{}', 'dev-sandbox': '{}', 'prod-nat-egress': '{}' });
      expect(workflowStacks.deployList(synthesized, 'dev')).toEqual(['dev-private-only', 'dev-sandbox']);
      expect(workflowStacks.deployList(synthesized, 'prod')).toEqual(['prod-nat-egress']);
      expect(workflowStacks.deployList(synthesized, 'staging')).toEqual([]);
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
});
