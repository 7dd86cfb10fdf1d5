// The GitHub Actions workflows (.github/workflows, and the composite action in .github/actions) keep their safety
// properties: no static AWS keys; OIDC in every job that touches AWS, and only there; credentials chosen by the
// stack's backend; environments deployed one at a time in the computed order, each apply behind its GitHub
// environment and applying the saved plan of the same run; the pull request checks complete; nothing that a pull
// request triggers ever applies. Each property is a function returning its violations, run on the shipped
// workflows (none) and on broken ones (some), so every test can fail.
import { broken, brokenResolver } from './workflow-broken';
import {
  asList,
  asMap,
  asString,
  calledJobs,
  isPullRequestWorkflow,
  jobs,
  parseYaml,
  runs,
  runSteps,
  shippedActions,
  shippedWorkflows,
  steps,
  uses,
  Workflow,
  workflow,
  YamlMap,
} from './workflow-files';
import {
  CONFIGURE_AWS,
  touchesAws,
  expression,
  staticKeys,
  idTokenWhereNeeded,
  credentialsByRoleOnly,
  neverAppliesOnPullRequests,
  appliesBehindEnvironment,
  deployOrder,
  PLAN_ARTIFACT,
  planThenApply,
  pullRequestChecks,
  npmCiOnly,
  shortLivedPlans,
  credentialsByBackend,
  toolsBuiltFirst,
  pinnedActions,
} from './workflow-rules';

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

  it("reads a local composite action's steps in its place, and a called workflow's jobs", () => {
    const plan = jobs(broken).find((j) => j.id === 'plan')!;
    expect(uses(plan).filter((u) => u.startsWith(CONFIGURE_AWS))).toHaveLength(2);
    const deploy = jobs(broken).find((j) => j.id === 'deploy')!;
    expect(calledJobs(deploy).map((j) => j.id)).toEqual(['plan', 'apply']);
  });
});

describe('GitHub Actions workflows', () => {
  const shipped = shippedWorkflows();
  const actions = shippedActions();
  const byFile = (file: string): Workflow => {
    const wf = shipped.find((w) => w.file === file);
    if (!wf) throw new Error(`.github/workflows/${file} is missing`);
    return wf;
  };

  it('finds the pull-request, deploy and environment workflows, and the credentials action', () => {
    expect(shipped.map((w) => w.file)).toEqual(
      expect.arrayContaining(['deploy.yml', 'deploy-environment.yml', 'pull-request.yml']),
    );
    expect(actions.map((a) => a.file)).toEqual(['.github/actions/stack-credentials/action.yml']);
  });

  it('holds no static AWS keys anywhere', () => {
    expect([...shipped, ...actions].flatMap(staticKeys)).toEqual([]);
    expect(staticKeys(broken)).toEqual(expect.arrayContaining([expect.stringContaining('AWS_ACCESS_KEY_ID')]));
  });

  it('gives id-token: write to every job that touches AWS, and to no other job', () => {
    expect(shipped.flatMap(idTokenWhereNeeded)).toEqual([]);
    const touching = (file: string): string[] =>
      jobs(byFile(file))
        .filter(touchesAws)
        .map((j) => j.id);
    expect(touching('deploy.yml')).toEqual(['deploy']);
    expect(touching('deploy-environment.yml')).toEqual(['plan', 'apply']);
    expect(touching('pull-request.yml')).toEqual(['plan']);
    expect(idTokenWhereNeeded(broken)).toEqual(
      expect.arrayContaining([
        'broken.yml: job plan touches AWS without id-token: write',
        'broken.yml: job checks has id-token: write but never touches AWS',
      ]),
    );
  });

  it('takes AWS credentials only by assuming a role named in a variable (OIDC)', () => {
    expect(shipped.flatMap(credentialsByRoleOnly)).toEqual([]);
    expect(credentialsByRoleOnly(broken)).toEqual([
      'broken.yml: job plan assumes no role from a variable (role-to-assume: missing)',
      'broken.yml: job plan passes aws-access-key-id to configure-aws-credentials',
      'broken.yml: job plan passes aws-secret-access-key to configure-aws-credentials',
      'broken.yml: job plan assumes no role from a variable (role-to-assume: arn:aws:iam::111111111111:role/x)',
    ]);
  });

  it('takes credentials by backend: the AWS role for aws-oidc, the Terraform Cloud token for terraform-cloud', () => {
    expect(shipped.flatMap(credentialsByBackend)).toEqual([]);
    const action = actions[0];
    const byUse = (pattern: RegExp): YamlMap =>
      asList(asMap(action.doc.runs).steps)
        .map(asMap)
        .find((s) => pattern.test(asString(s.uses)) || pattern.test(asString(s.run)))!;
    expect(byUse(/configure-aws-credentials/).if).toBe("inputs.auth == 'aws-oidc'");
    expect(byUse(/TF_TOKEN_/).if).toBe("inputs.auth == 'terraform-cloud'");
    expect(asString(byUse(/TF_TOKEN_/).run)).toContain('echo "TF_TOKEN_${TFC_HOST//[.-]/_}=$TOKEN" >> "$GITHUB_ENV"');
    expect(asMap(byUse(/TF_TOKEN_/).env).TOKEN).toBe(expression('inputs.terraform-cloud-token'));
    // Every plan and apply job takes its credentials this way, the role named by the matrix entry.
    const credentialSteps = shipped.flatMap((wf) =>
      jobs(wf).flatMap((job) =>
        runSteps(job)
          .filter(({ step }) => asString(step.uses).startsWith(CONFIGURE_AWS))
          .map(({ caller }) => `${wf.file}:${job.id}:${asString(asMap(caller?.with)['role-arn'])}`),
      ),
    );
    expect(credentialSteps).toEqual([
      'deploy-environment.yml:plan:${{ vars[matrix.planRoleVariable] }}',
      'deploy-environment.yml:apply:${{ vars[matrix.deployRoleVariable] }}',
      'pull-request.yml:plan:${{ vars[matrix.planRoleVariable] }}',
    ]);
    expect(credentialsByBackend(broken)).toEqual([
      'broken.yml: job plan runs configure-aws-credentials not only for auth aws-oidc (if: none)',
      'broken.yml: job plan runs configure-aws-credentials not only for auth aws-oidc (if: none)',
      "broken.yml: job plan runs the TF_TOKEN step not only for auth terraform-cloud (if: inputs.auth == 'aws-oidc')",
      "broken.yml: job plan does not pass the matrix entry's auth",
      'broken.yml: job plan does not pass the secret TF_API_TOKEN',
      "broken.yml: job plan does not pass the matrix entry's host",
    ]);
  });

  it('deploys the computed environments one at a time, in order, stopping at a failure, from main only', () => {
    expect(deployOrder(byFile('deploy.yml'))).toEqual([]);
    expect(deployOrder(broken)).toEqual(
      expect.arrayContaining([
        'broken.yml: does not run on push to main',
        'broken.yml: job dev never runs npm run synth',
        'broken.yml: job deploy is not main only',
        'broken.yml: job deploy does not run over the computed environments',
        'broken.yml: job deploy may deploy two environments at once',
        'broken.yml: job deploy goes on after a failed environment',
        'broken.yml: job deploy does not pass the environment',
        'broken.yml: job deploy has no concurrency group per environment',
        'broken.yml: job deploy may cancel a deploy in progress',
        'broken.yml: names the environment dev',
        'broken.yml: names the environment prod',
      ]),
    );
  });

  it("plans every stack, then applies each saved plan of the same run behind the environment's approval", () => {
    expect(planThenApply(byFile('deploy-environment.yml'))).toEqual([]);
    expect(shipped.flatMap(appliesBehindEnvironment)).toEqual([]);
    const brokenEnvironment = brokenResolver('./.github/workflows/broken-environment.yml');
    expect(planThenApply(brokenEnvironment)).toEqual([
      './.github/workflows/broken-environment.yml: takes no input stacks',
      "./.github/workflows/broken-environment.yml: job plan does not run over the environment's stacks",
      "./.github/workflows/broken-environment.yml: job apply does not run over the environment's stacks",
      './.github/workflows/broken-environment.yml: job plan waits for an approval before it plans',
      './.github/workflows/broken-environment.yml: job plan does not require remote state',
      "./.github/workflows/broken-environment.yml: job apply is not behind the environment's approval",
      './.github/workflows/broken-environment.yml: job apply does not wait for the plans',
      './.github/workflows/broken-environment.yml: job apply takes a plan of another run',
    ]);
    expect(appliesBehindEnvironment(brokenEnvironment)).toEqual([
      './.github/workflows/broken-environment.yml: job apply applies outside a GitHub environment',
    ]);
  });

  it('synthesizes, tests, validates, scans, reviews and plans the changed stacks on a pull request', () => {
    expect(pullRequestChecks(byFile('pull-request.yml'))).toEqual([]);
    const fixedPlans = workflow(
      'pull-request.yml',
      byFile('pull-request.yml').text.replace(
        'matrix: ${{ fromJSON(needs.changes.outputs.matrix) }}',
        'matrix:\n        environment: [dev, staging, prod]',
      ),
    );
    expect(pullRequestChecks(fixedPlans)).toEqual([
      "pull-request.yml: job plan does not plan the changed stacks' matrix",
    ]);
    expect(pullRequestChecks(broken)).toEqual(
      expect.arrayContaining([
        'broken.yml: never runs npm run synth',
        'broken.yml: never runs npm run scan',
        'broken.yml: never runs npm run review',
        "broken.yml: no job computes the changed stacks' matrix (matrix.js --changed)",
        'broken.yml: job plan does not wait for the checks',
        'broken.yml: job plan may write to the pull request',
        'broken.yml: job plan writes to the pull request and touches AWS',
        'broken.yml: no job posts the plans',
        'broken.yml: no job posts the review',
      ]),
    );
  });

  it('installs with npm ci from the lockfile everywhere', () => {
    expect(shipped.flatMap(npmCiOnly)).toEqual([]);
    expect(shipped.flatMap((wf) => jobs(wf).flatMap(runs)).filter((r) => /\bnpm ci\b/.test(r)).length).toBeGreaterThan(
      5,
    );
    expect(npmCiOnly(broken)).toEqual([
      'broken.yml: job checks runs npm install',
      'broken.yml: job checks runs npm ci without --no-audit --no-fund',
    ]);
  });

  it('keeps plan artifacts one day', () => {
    expect(shipped.flatMap(shortLivedPlans)).toEqual([]);
    expect(
      shipped.flatMap((wf) =>
        jobs(wf).flatMap((job) =>
          steps(job)
            .filter((s) => asString(s.uses).startsWith('actions/upload-artifact@'))
            .map(() => `${wf.file}:${job.id}`),
        ),
      ),
    ).toEqual(['deploy-environment.yml:plan', 'pull-request.yml:plan']);
    expect(shortLivedPlans(brokenResolver('./.github/workflows/broken-environment.yml'))).toEqual([
      `./.github/workflows/broken-environment.yml: job plan keeps ${PLAN_ARTIFACT} longer than one day`,
    ]);
  });

  it('never deploys, applies or destroys from a pull request', () => {
    expect(shipped.filter(isPullRequestWorkflow).map((w) => w.file)).toEqual(['pull-request.yml']);
    expect(shipped.flatMap(neverAppliesOnPullRequests)).toEqual([]);
    expect(neverAppliesOnPullRequests(broken)).toEqual([
      expect.stringContaining('pull_request_target'),
      'broken.yml: job dev runs cdktf deploy',
      'broken.yml: job deploy runs saved-plan.js apply',
    ]);
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
        'broken.yml: job dev runs toolkit/commands/dist/workflows/matrix.js before any step builds it',
      ]);
    },
  );

  it('pins every action to a commit, with its version in a comment', () => {
    expect([...shipped, ...actions].flatMap(pinnedActions)).toEqual([]);
    expect(pinnedActions(broken)).toHaveLength(2);
    expect(pinnedActions(brokenResolver('./.github/actions/broken-credentials'))).toHaveLength(1);
  });
});
