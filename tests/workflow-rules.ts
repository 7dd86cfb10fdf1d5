// The safety properties of the GitHub Actions workflows (.github/workflows and the composite action in
// .github/actions), each a function returning its violations, run by tests/workflows.test.ts on the shipped
// workflows (none) and on tests/workflow-broken.ts (some), so every test can fail.
import {
  asList,
  asMap,
  asString,
  calledJobs,
  isPullRequestWorkflow,
  Job,
  jobs,
  runs,
  runSteps,
  steps,
  triggers,
  uses,
  Workflow,
  Yaml,
  YamlMap,
} from './workflow-files';

// ---------------------------------------------------------------------------------------------------------
// What a job does

export const CONFIGURE_AWS = 'aws-actions/configure-aws-credentials@';
export const AWS_COMMAND =
  /\bcdktf\s+(plan|diff|deploy|apply|destroy)\b|\bterraform\s+(plan|apply|destroy|import)\b|saved-plan\.js\s+(plan|apply)\b|(^|\s)aws\s+[a-z]/m;
export const APPLYING =
  /\bcdktf\s+(deploy|apply|destroy)\b|\bterraform\s+(apply|destroy|import)\b|saved-plan\.js\s+apply\b/;

/** A job touches AWS when it takes AWS credentials, runs something that calls AWS, or calls a workflow that does. */
export function touchesAws(job: Job): boolean {
  return (
    uses(job).some((u) => u.startsWith(CONFIGURE_AWS)) ||
    runs(job).some((r) => AWS_COMMAND.test(r)) ||
    calledJobs(job).some(touchesAws)
  );
}

/** The job's permission, inheriting the workflow's when it sets none. */
export function permission(job: Job, scope: string): string {
  const permissions = job.body.permissions ?? job.workflow.doc.permissions;
  if (permissions === 'write-all') return 'write';
  return asString(asMap(permissions)[scope]);
}

/** A job's applying commands, those of the workflow it calls included. */
export const applyingRuns = (job: Job): string[] => [
  ...runs(job).filter((r) => APPLYING.test(r)),
  ...calledJobs(job).flatMap(applyingRuns),
];

export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
export const expression = (inner: string): string => `\${{ ${inner} }}`;

// ---------------------------------------------------------------------------------------------------------
// The properties, each returning its violations

export function staticKeys(wf: Workflow): string[] {
  const pattern =
    /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|aws-access-key-id|aws-secret-access-key|\bA(KI|SI)A[0-9A-Z]{16}\b/g;
  return (wf.text.match(pattern) ?? []).map((m) => `${wf.file}: ${m}`);
}

export function idTokenWhereNeeded(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) => {
    const granted = permission(job, 'id-token') === 'write';
    if (touchesAws(job) && !granted) return [`${wf.file}: job ${job.id} touches AWS without id-token: write`];
    if (!touchesAws(job) && granted) return [`${wf.file}: job ${job.id} has id-token: write but never touches AWS`];
    return [];
  });
}

/** A role comes from a variable: `vars.X`, `vars[matrix.planRoleVariable]`, or a matrix value. */
export const ROLE_FROM_VARIABLE =
  /^\$\{\{\s*(vars\.[A-Za-z0-9_]+|vars\[matrix\.[A-Za-z]+\]|matrix\.[A-Za-z0-9_-]+)\s*\}\}$/;

export function credentialsByRoleOnly(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) =>
    runSteps(job)
      .filter(({ step }) => asString(step.uses).startsWith(CONFIGURE_AWS))
      .flatMap(({ step, caller }) => {
        const inputs = asMap(step.with);
        let role = asString(inputs['role-to-assume']);
        // In a composite action, the role is the caller's input.
        const input = /^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(role);
        if (input && caller) role = asString(asMap(caller.with)[input[1]]);
        const problems = ROLE_FROM_VARIABLE.test(role)
          ? []
          : [`${wf.file}: job ${job.id} assumes no role from a variable (role-to-assume: ${role || 'missing'})`];
        for (const key of [...Object.keys(inputs), ...Object.keys(asMap(caller?.with))].filter((k) =>
          /access-key|secret|session-token/.test(k),
        )) {
          problems.push(`${wf.file}: job ${job.id} passes ${key} to configure-aws-credentials`);
        }
        return problems;
      }),
  );
}

export function neverAppliesOnPullRequests(wf: Workflow): string[] {
  if (!isPullRequestWorkflow(wf)) return [];
  const problems = triggers(wf)
    .filter((t) => t === 'pull_request_target')
    .map(() => `${wf.file}: runs on pull_request_target (the pull request's code with the repository's secrets)`);
  for (const job of jobs(wf)) {
    for (const run of applyingRuns(job)) problems.push(`${wf.file}: job ${job.id} runs ${APPLYING.exec(run)![0]}`);
  }
  return problems;
}

/** Every job that applies does so behind a GitHub environment (the approval gate). */
export function appliesBehindEnvironment(wf: Workflow): string[] {
  return jobs(wf)
    .filter((job) => runs(job).some((r) => APPLYING.test(r)) && !job.body.environment)
    .map((job) => `${wf.file}: job ${job.id} applies outside a GitHub environment`);
}

/**
 * The deploy: one job synthesizes and computes the environments (matrix.js); one job calls the environment's
 * workflow over that list, one at a time (max-parallel 1), stopping at the first failure, never two deploys of
 * one environment at once, only from main; no environment is named.
 */
export function deployOrder(wf: Workflow): string[] {
  const problems: string[] = [];
  if (!asList(asMap(asMap(wf.doc.on).push).branches).includes('main'))
    problems.push(`${wf.file}: does not run on push to main`);
  if (isPullRequestWorkflow(wf)) problems.push(`${wf.file}: runs on pull requests`);
  const all = jobs(wf);
  const synth = all.find((job) => runs(job).some((r) => /workflows\/matrix\.js(\s|$)/.test(r)));
  if (!synth) return [...problems, `${wf.file}: no job computes the environments (workflows/matrix.js)`];
  for (const command of ['npm ci', 'npm run build', 'npm run synth'])
    if (!runs(synth).some((r) => r.includes(command)))
      problems.push(`${wf.file}: job ${synth.id} never runs ${command}`);
  const callers = all.filter((job) => calledJobs(job).length > 0);
  if (callers.length === 0) problems.push(`${wf.file}: no job calls the environment's workflow`);
  for (const job of callers) {
    const where = `${wf.file}: job ${job.id}`;
    const strategy = asMap(job.body.strategy);
    if (!asList(job.body.needs).map(asString).includes(synth.id)) problems.push(`${where} does not need ${synth.id}`);
    if (!asString(job.body.if).includes("github.ref == 'refs/heads/main'")) problems.push(`${where} is not main only`);
    if (asString(asMap(strategy.matrix).environment) !== expression(`fromJSON(needs.${synth.id}.outputs.environments)`))
      problems.push(`${where} does not run over the computed environments`);
    if (asString(strategy['max-parallel']) !== '1') problems.push(`${where} may deploy two environments at once`);
    if (asString(strategy['fail-fast']) !== 'true') problems.push(`${where} goes on after a failed environment`);
    if (asString(asMap(job.body.with).environment) !== expression('matrix.environment'))
      problems.push(`${where} does not pass the environment`);
    const concurrency = asMap(job.body.concurrency);
    if (asString(concurrency.group) !== `deploy-${expression('matrix.environment')}`)
      problems.push(`${where} has no concurrency group per environment`);
    if (asString(concurrency['cancel-in-progress']) !== 'false')
      problems.push(`${where} may cancel a deploy in progress`);
  }
  const named = /^(dev|staging|prod)$/;
  const values = (value: Yaml): string[] =>
    Array.isArray(value)
      ? value.flatMap(values)
      : value !== null && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => [k, ...values(v)])
        : [asString(value)];
  for (const name of new Set(values(asMap(wf.doc.jobs)).filter((v) => named.test(v))))
    problems.push(`${wf.file}: names the environment ${name}`);
  return problems;
}

/** One stack's plan files, an artifact of the run. */
export const PLAN_ARTIFACT = `plan-${expression('inputs.environment')}-${expression('matrix.stack')}`;

/**
 * The environment's workflow: plan jobs (no environment) save each stack's plan as a one-day artifact; apply jobs,
 * behind the environment `inputs.environment`, download that artifact from the same run and apply exactly it.
 */
export function planThenApply(wf: Workflow): string[] {
  const problems: string[] = [];
  const inputs = asMap(asMap(asMap(wf.doc.on).workflow_call).inputs);
  for (const input of ['environment', 'stacks'])
    if (!(input in inputs)) problems.push(`${wf.file}: takes no input ${input}`);
  const stepsUsing = (job: Job, action: string): YamlMap[] =>
    steps(job).filter((s) => asString(s.uses).startsWith(`actions/${action}@`));
  const plan = jobs(wf).find((job) => runs(job).some((r) => /saved-plan\.js plan\b/.test(r)));
  const apply = jobs(wf).find((job) => runs(job).some((r) => /saved-plan\.js apply\b/.test(r)));
  if (!plan || !apply) return [...problems, `${wf.file}: no saved-plan.js plan and apply jobs`];
  for (const job of [plan, apply])
    if (asString(asMap(job.body.strategy).matrix) !== expression('fromJSON(inputs.stacks)'))
      problems.push(`${wf.file}: job ${job.id} does not run over the environment's stacks`);
  if (plan.body.environment) problems.push(`${wf.file}: job ${plan.id} waits for an approval before it plans`);
  if (!runs(plan).some((r) => r.includes('stacks.js require-remote-state')))
    problems.push(`${wf.file}: job ${plan.id} does not require remote state`);
  if (!stepsUsing(plan, 'upload-artifact').some((s) => asString(asMap(s.with).name) === PLAN_ARTIFACT))
    problems.push(`${wf.file}: job ${plan.id} does not keep the plan as ${PLAN_ARTIFACT}`);
  if (asString(apply.body.environment) !== expression('inputs.environment'))
    problems.push(`${wf.file}: job ${apply.id} is not behind the environment's approval`);
  if (!asList(apply.body.needs).map(asString).includes(plan.id))
    problems.push(`${wf.file}: job ${apply.id} does not wait for the plans`);
  const download = stepsUsing(apply, 'download-artifact').find((s) => asString(asMap(s.with).name) === PLAN_ARTIFACT);
  if (!download) problems.push(`${wf.file}: job ${apply.id} does not apply the saved plan ${PLAN_ARTIFACT}`);
  else if ('run-id' in asMap(download.with)) problems.push(`${wf.file}: job ${apply.id} takes a plan of another run`);
  return problems;
}

export function pullRequestChecks(wf: Workflow): string[] {
  const problems: string[] = [];
  const all = jobs(wf);
  const commands = all.flatMap(runs).join('\n');
  for (const command of [
    'npm ci',
    'npm run synth',
    'npm test',
    'npm run toolchain',
    'npm run scan',
    'npm run validate',
    'toolkit/scripts/workflows/lint.sh',
    'npm run framework:cdktn',
    'npm run framework:diff',
    'npm run framework:test',
    'npm run review',
  ]) {
    if (!commands.split('\n').some((line) => line.trim().startsWith(command) || line.includes(` ${command}`))) {
      problems.push(`${wf.file}: never runs ${command}`);
    }
  }
  if (!asList(asMap(asMap(wf.doc.on).pull_request).branches).includes('main'))
    problems.push(`${wf.file}: does not run on pull requests to main`);
  const plan = all.find((j) => runs(j).some((r) => /\bcdktf\s+(plan|diff)\b/.test(r)));
  if (!plan) return [...problems, `${wf.file}: no job runs cdktf plan`];
  const changes = all.find((j) => runs(j).some((r) => /workflows\/matrix\.js --changed\b/.test(r)));
  if (!changes) problems.push(`${wf.file}: no job computes the changed stacks' matrix (matrix.js --changed)`);
  else if (asString(asMap(plan.body.strategy).matrix) !== expression(`fromJSON(needs.${changes.id}.outputs.matrix)`))
    problems.push(`${wf.file}: job ${plan.id} does not plan the changed stacks' matrix`);
  if (!asList(plan.body.needs).map(asString).includes('checks'))
    problems.push(`${wf.file}: job ${plan.id} does not wait for the checks`);
  // Only the jobs that post comments may write to the pull request, and those do not touch AWS.
  const commenting = all.filter((j) => uses(j).some((u) => u.startsWith('actions/github-script@')));
  for (const job of all) {
    const writes = permission(job, 'pull-requests') === 'write';
    if (writes !== commenting.includes(job))
      problems.push(`${wf.file}: job ${job.id} ${writes ? 'may write to the pull request' : 'cannot comment'}`);
    if (writes && touchesAws(job))
      problems.push(`${wf.file}: job ${job.id} writes to the pull request and touches AWS`);
  }
  if (!commenting.some((j) => asList(j.body.needs).map(asString).includes(plan.id)))
    problems.push(`${wf.file}: no job posts the plans`);
  if (!commenting.some((j) => runs(j).some((r) => r.includes('npm run review'))))
    problems.push(`${wf.file}: no job posts the review`);
  return problems;
}

/** Installs are `npm ci` from the committed lockfile, never `npm install`. */
export function npmCiOnly(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) =>
    runs(job).flatMap((run) => [
      ...(/\bnpm (install|i)\b/.test(run) ? [`${wf.file}: job ${job.id} runs npm install`] : []),
      ...(run.match(/\bnpm ci\b[^\n&|;]*/g) ?? [])
        .filter((line) => !/--no-audit --no-fund/.test(line))
        .map((line) => `${wf.file}: job ${job.id} runs ${line.trim()} without --no-audit --no-fund`),
    ]),
  );
}

/** Plan files can hold secrets: a plan artifact lives one day. */
export function shortLivedPlans(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) =>
    steps(job)
      .filter((s) => asString(s.uses).startsWith('actions/upload-artifact@'))
      .filter((s) => asString(asMap(s.with).name).startsWith('plan-'))
      .filter((s) => asString(asMap(s.with)['retention-days']) !== '1')
      .map((s) => `${wf.file}: job ${job.id} keeps ${asString(asMap(s.with).name)} longer than one day`),
  );
}

/**
 * Credentials by the stack's backend: configure-aws-credentials runs only for auth aws-oidc, and the Terraform
 * Cloud token (TF_TOKEN_<host>, from the secret TF_API_TOKEN) only for auth terraform-cloud, both through the
 * composite action that the jobs give the matrix entry's auth and host.
 */
export function credentialsByBackend(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) => {
    const problems: string[] = [];
    for (const { step, caller } of runSteps(job)) {
      const where = `${wf.file}: job ${job.id}`;
      const condition = squash(asString(step.if));
      const writesToken = /TF_TOKEN_/.test(asString(step.run)) && /GITHUB_ENV/.test(asString(step.run));
      if (asString(step.uses).startsWith(CONFIGURE_AWS) || writesToken) {
        const [auth, what] = writesToken
          ? ['terraform-cloud', 'the TF_TOKEN step']
          : ['aws-oidc', 'configure-aws-credentials'];
        if (condition !== `inputs.auth == '${auth}'` && condition !== `matrix.auth == '${auth}'`)
          problems.push(`${where} runs ${what} not only for auth ${auth} (if: ${condition || 'none'})`);
        if (!caller) continue;
        const given = asMap(caller.with);
        if (condition.startsWith('inputs.') && asString(given.auth) !== expression('matrix.auth'))
          problems.push(`${where} does not pass the matrix entry's auth`);
        if (writesToken && asString(given['terraform-cloud-token']) !== expression('secrets.TF_API_TOKEN'))
          problems.push(`${where} does not pass the secret TF_API_TOKEN`);
        if (writesToken && asString(given.hostname) !== expression('matrix.hostname'))
          problems.push(`${where} does not pass the matrix entry's host`);
      }
    }
    return problems;
  });
}

/**
 * The repository's commands are compiled (toolkit/commands/dist) and a runner starts from a bare checkout: a step that
 * runs one (or a script that requires one) must come after a step of its job that builds.
 */
export function toolsBuiltFirst(wf: Workflow): string[] {
  return jobs(wf).flatMap((job) => {
    const code = steps(job).map((s) => asString(s.run) || asString(asMap(s.with).script));
    const built = code.findIndex((run) => /\bnpm run (build|synth)\b|\bturbo run build\b/.test(run));
    return code.flatMap((run, index) =>
      /\btoolkit\/commands\/dist\//.test(run) && (built < 0 || built > index)
        ? [
            `${wf.file}: job ${job.id} runs ${/[^\s'"]*toolkit\/commands\/dist\/[^\s'"]+/.exec(run)![0]} before any step builds it`,
          ]
        : [],
    );
  });
}

/** Third-party actions run with the job's token and credentials: pinned to a commit, the version noted. */
export function pinnedActions(wf: Workflow): string[] {
  return wf.text
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .filter(
      (line) =>
        !/uses:\s*\.\//.test(line) && !/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$/.test(line),
    )
    .map((line) => `${wf.file}: not pinned to a commit with its version noted: ${line.trim()}`);
}
