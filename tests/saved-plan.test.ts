// The saved-plan CLI (toolkit/commands/dist/workflows/saved-plan.js) run against a fake engine, a shell script that
// records its arguments, so no Terraform is needed: what plan writes, what apply runs or refuses, the argument errors.
// npm run e2e:saved-plan runs the same commands with the real engine against the emulator.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configSha256 } from '@lambda-vpc/tools/dist/workflows/saved-plan-stamp';
import { COMMIT, stackFolder } from './saved-plan-stack-folder';

// A fake engine: records `<command> <args>` per call in $FAKE_ENGINE_LOG; plan exits $FAKE_PLAN_EXIT (2, changes,
// by default); apply says the plan is stale when $FAKE_APPLY_STALE is set. init writes a lock file when there is none.
const FAKE_ENGINE = `#!/bin/sh
echo "$*" >> "$FAKE_ENGINE_LOG"
case "$1" in
  version) echo '{"terraform_version":"1.11.4"}' ;;
  init)
    [ -f .terraform.lock.hcl ] || echo '# lock from init' > .terraform.lock.hcl
    echo 'Terraform has been successfully initialized!' ;;
  plan)
    for arg in "$@"; do case "$arg" in -out=*) echo 'binary plan' > "\${arg#-out=}" ;; esac; done
    [ "\${FAKE_PLAN_EXIT:-2}" = 1 ] && printf 'Error: No valid credential sources found\\n\\nPlease see the docs.\\n'
    exit "\${FAKE_PLAN_EXIT:-2}" ;;
  show)
    if [ "\${FAKE_PLAN_EXIT:-2}" = 0 ]; then echo 'No changes. Your infrastructure matches the configuration.'
    else printf '  # aws_vpc.network_vpc will be created\\n\\nPlan: 1 to add, 0 to change, 0 to destroy.\\n'; fi ;;
  apply)
    if [ -n "$FAKE_APPLY_STALE" ]; then
      echo 'Error: Saved plan is stale'
      echo
      echo 'The given plan file can no longer be applied because the state was changed by another operation after'
      echo 'the plan was created.'
      exit 1
    fi
    echo 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.' ;;
esac
`;

const cli = require.resolve('@lambda-vpc/tools/dist/workflows/saved-plan.js');

/** A stack folder, a plan folder, the fake engine and its log, and a way to run the CLI on them. */
function fixture() {
  const stackDir = stackFolder();
  const planDir = path.join(path.dirname(stackDir), '..', '..', 'plans');
  const engine = path.join(path.dirname(stackDir), '..', '..', 'fake-terraform');
  fs.writeFileSync(engine, FAKE_ENGINE, { mode: 0o755 });
  const log = path.join(path.dirname(engine), 'engine.log');
  const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => {
    const base: NodeJS.ProcessEnv = { ...process.env, GITHUB_SHA: COMMIT, FAKE_ENGINE_LOG: log };
    delete base.GITHUB_STEP_SUMMARY;
    delete base.TERRAFORM_BINARY;
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...base, ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const calls = (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []);
  const forgetCalls = (): void => fs.rmSync(log, { force: true });
  return { stackDir, planDir, engine, run, calls, forgetCalls, withEngine: ['--engine', engine] };
}

describe('saved-plan.js plan', () => {
  it('inits, plans into <plan-dir>/<stack>.tfplan, and writes the text, the lock file and the stamp', () => {
    const { stackDir, planDir, run, calls, withEngine } = fixture();
    const result = run(['plan', stackDir, planDir, ...withEngine]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^plan: dev-private-only: Plan: 1 to add, 0 to change, 0 to destroy\. \(saved to /);
    const plan = path.join(planDir, 'dev-private-only.tfplan');
    expect(calls()).toEqual([
      'version -json',
      'init -input=false -no-color',
      `plan -input=false -no-color -detailed-exitcode -out=${plan}`,
      `show -no-color ${plan}`,
    ]);
    expect(fs.readdirSync(planDir).sort()).toEqual([
      'dev-private-only.lock.hcl',
      'dev-private-only.stamp.json',
      'dev-private-only.tfplan',
      'dev-private-only.txt',
    ]);
    expect(fs.readFileSync(path.join(planDir, 'dev-private-only.lock.hcl'), 'utf8')).toBe('# lock from init\n');
    expect(JSON.parse(fs.readFileSync(path.join(planDir, 'dev-private-only.stamp.json'), 'utf8'))).toEqual({
      stack: 'dev-private-only',
      commit: COMMIT,
      configSha256: configSha256(stackDir),
      changes: true,
      engineVersion: '1.11.4',
      plannedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('appends the plan to $GITHUB_STEP_SUMMARY when it is set', () => {
    const { stackDir, planDir, run, withEngine } = fixture();
    const summary = path.join(planDir, '..', 'step-summary.md');
    fs.writeFileSync(summary, '# Deploy dev\n');
    expect(run(['plan', stackDir, planDir, ...withEngine], { GITHUB_STEP_SUMMARY: summary }).code).toBe(0);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text).toMatch(/^# Deploy dev\n### Saved plan: `dev-private-only` at abc1234def56\n/);
    expect(text).toContain('**Plan: 1 to add, 0 to change, 0 to destroy.**');
    expect(text).toContain('- `# aws_vpc.network_vpc will be created`');
  });

  it('stamps changes: false for a plan without changes, and apply then has nothing to apply', () => {
    const { stackDir, planDir, run, calls, withEngine } = fixture();
    const planned = run(['plan', stackDir, planDir, ...withEngine], { FAKE_PLAN_EXIT: '0' });
    expect(planned.stdout).toMatch(/^plan: dev-private-only: No changes\. /);
    expect(JSON.parse(fs.readFileSync(path.join(planDir, 'dev-private-only.stamp.json'), 'utf8')).changes).toBe(false);
    const applied = run(['apply', stackDir, planDir, ...withEngine]);
    expect(applied).toEqual({
      code: 0,
      stdout: 'apply: dev-private-only: nothing to apply (the plan at commit abc1234 has no changes)\n',
      stderr: '',
    });
    expect(calls().filter((call) => call.startsWith('apply'))).toEqual([]);
  });

  it("fails with the engine's own error and leaves no stamp behind, not even an earlier one", () => {
    const { stackDir, planDir, run, withEngine } = fixture();
    expect(run(['plan', stackDir, planDir, ...withEngine]).code).toBe(0);
    const result = run(['plan', stackDir, planDir, ...withEngine], { FAKE_PLAN_EXIT: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'plan: dev-private-only: fake-terraform plan failed (exit code 1):\n' +
        '    Error: No valid credential sources found\n    \n    Please see the docs.\n',
    );
    expect(fs.existsSync(path.join(planDir, 'dev-private-only.stamp.json'))).toBe(false);
  });
});

describe('saved-plan.js apply', () => {
  it('puts the lock file back, inits and applies the plan file, nothing else', () => {
    const { stackDir, planDir, run, calls, forgetCalls, withEngine } = fixture();
    run(['plan', stackDir, planDir, ...withEngine]);
    fs.rmSync(path.join(stackDir, '.terraform.lock.hcl'));
    fs.writeFileSync(path.join(planDir, 'dev-private-only.lock.hcl'), '# lock of the plan\n');
    forgetCalls();
    const result = run(['apply', stackDir, planDir, ...withEngine]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /apply: dev-private-only: applied the saved plan: Apply complete! Resources: 1 added, 0 changed, 0 destroyed\.\n$/,
    );
    expect(calls()).toEqual([
      'version -json',
      'init -input=false -no-color',
      `apply -input=false -no-color ${path.join(planDir, 'dev-private-only.tfplan')}`,
    ]);
    expect(fs.readFileSync(path.join(stackDir, '.terraform.lock.hcl'), 'utf8')).toBe('# lock of the plan\n');
  });

  it('refuses a plan made at another commit, naming both, and runs nothing', () => {
    const { stackDir, planDir, run, calls, forgetCalls, withEngine } = fixture();
    run(['plan', stackDir, planDir, ...withEngine]);
    forgetCalls();
    const result = run(['apply', stackDir, planDir, ...withEngine], {
      GITHUB_SHA: 'def5678abc1234def5678abc1234def5678abc12',
    });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'apply: dev-private-only: the saved plan is stale: it was made at commit abc1234, this is def5678; ' +
        'plan again\n',
    });
    expect(calls()).toEqual(['version -json']);
  });

  it("refuses a plan when the stack's JSON or a function zip changed after it", () => {
    const { stackDir, planDir, run, calls, forgetCalls, withEngine } = fixture();
    run(['plan', stackDir, planDir, ...withEngine]);
    forgetCalls();
    const planned = configSha256(stackDir);
    fs.writeFileSync(path.join(stackDir, 'assets', 'orders', 'ABC123', 'archive.zip'), 'zip v2');
    const result = run(['apply', stackDir, planDir, ...withEngine]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "apply: dev-private-only: the saved plan is stale: the stack's synthesized JSON changed since the plan (sha " +
        `${planned.slice(0, 12)} -> ${configSha256(stackDir).slice(0, 12)}); plan again\n`,
    );
    expect(calls()).toEqual(['version -json']);
  });

  it('refuses when there is no saved plan', () => {
    const { stackDir, planDir, run, withEngine } = fixture();
    expect(run(['apply', stackDir, planDir, ...withEngine])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `apply: dev-private-only: no saved plan: ${path.resolve(planDir, 'dev-private-only.stamp.json')} is ` +
        'missing; plan first\n',
    });
  });

  it('reports Terraform\'s own "Saved plan is stale" (the state changed since the plan) as stale', () => {
    const { stackDir, planDir, run, withEngine } = fixture();
    run(['plan', stackDir, planDir, ...withEngine]);
    expect(run(['apply', stackDir, planDir, ...withEngine], { FAKE_APPLY_STALE: '1' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'apply: dev-private-only: the saved plan is stale: the state changed since the plan (Terraform: "Saved plan ' +
        'is stale"); plan again\n',
    });
  });
});

describe('saved-plan.js arguments and engine', () => {
  it('runs $TERRAFORM_BINARY without --engine, and --engine over it', () => {
    const { stackDir, planDir, engine, run, calls } = fixture();
    expect(run(['plan', stackDir, planDir], { TERRAFORM_BINARY: engine }).code).toBe(0);
    expect(calls()).toHaveLength(4);
    const missing = path.join(path.dirname(engine), 'no-such-terraform');
    expect(run(['plan', stackDir, planDir, '--engine', engine], { TERRAFORM_BINARY: missing }).code).toBe(0);
    expect(run(['plan', stackDir, planDir, '--engine', missing]).stderr).toBe(
      `plan: dev-private-only: the engine ${missing} cannot run (spawn ${missing} ENOENT); pass --engine or set ` +
        'TERRAFORM_BINARY\n',
    );
  });

  it.each([
    [
      [],
      'usage: saved-plan.js plan <stack-dir> <plan-dir> [--engine <binary>] | apply <stack-dir> <plan-dir> ' +
        '[--engine <binary>]',
    ],
    [['destroy', 'a', 'b'], 'saved-plan.js: unknown command destroy; usage: saved-plan.js plan'],
    [['plan', 'a'], 'saved-plan.js plan: 1 argument(s), 2 needed; allowed: <stack-dir> <plan-dir>, --engine <binary>'],
    [['apply', 'a', 'b', 'c'], 'saved-plan.js apply: unexpected argument c; allowed: <stack-dir> <plan-dir>'],
    [['plan', 'a', 'b', '--auto-approve'], 'saved-plan.js plan: unknown option --auto-approve; allowed:'],
    [['plan', 'a', 'b', '--engine'], 'saved-plan.js plan: --engine (missing): allowed: an engine binary'],
  ])('refuses %j with one line and exit status 2', (args, line) => {
    const result = fixture().run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(line)).toBe(true);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a missing stack folder, or one without cdk.tf.json, in one line with exit status 1', () => {
    const { stackDir, planDir, run, withEngine } = fixture();
    const allowed = 'allowed: a synthesized stack folder (apps/<env>/cdktf.out/stacks/<stack>, with cdk.tf.json)';
    const missing = path.join(stackDir, '..', 'dev-nat-egress');
    expect(run(['apply', missing, planDir, ...withEngine])).toEqual({
      code: 1,
      stdout: '',
      stderr: `apply: dev-nat-egress: ${missing} is not a folder; ${allowed}\n`,
    });
    fs.rmSync(path.join(stackDir, 'cdk.tf.json'));
    expect(run(['plan', stackDir, planDir, ...withEngine]).stderr).toBe(
      `plan: dev-private-only: ${stackDir} has no cdk.tf.json; ${allowed}\n`,
    );
  });
});
