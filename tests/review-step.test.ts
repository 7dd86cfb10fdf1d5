// npm run review's bad input and failed steps (toolkit/commands/src/review/review-step.ts, base-checkout.ts): one
// error line naming what was wrong and what is allowed, and for a failed step its last lines, never a stack trace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { baseFromRef, baseFromRoot } from '@lambda-vpc/tools/dist/review/base-checkout';
import { ReviewError, runStep } from '@lambda-vpc/tools/dist/review/review-step';
import { repositoryRoot, synthAllEnvironments } from './environments';

const thrown = (run: () => unknown): ReviewError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ReviewError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
};

describe('a step that fails', () => {
  const cwd = os.tmpdir();
  const script = 'for (let i = 1; i <= 20; i++) console.log(`line ${i}`); console.error("the cause"); process.exit(3)';

  it('is one line naming the step, its exit status and folder, then its last 15 lines of output', () => {
    const error = thrown(() => runStep('npm ci', process.execPath, ['-e', script], cwd));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`npm ci failed (exit 3) in ${cwd}; its last lines:`);
    expect(lines.slice(1)).toEqual([...Array.from({ length: 14 }, (_, i) => `line ${i + 7}`), 'the cause']);
  });

  it('does not pass on the npm variables of the repository the review started in', () => {
    process.env.npm_config_local_prefix = '/elsewhere';
    process.env.npm_package_name = 'lambda-vpc-blueprints';
    try {
      const printed = runStep('env', process.execPath, ['-e', 'console.log(JSON.stringify(process.env))'], cwd);
      const env = JSON.parse(printed) as Record<string, string>;
      expect(env.npm_config_local_prefix).toBeUndefined();
      expect(env.npm_package_name).toBeUndefined();
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      delete process.env.npm_config_local_prefix;
      delete process.env.npm_package_name;
    }
  });
});

describe('the base', () => {
  it('of an unknown ref is one line naming it and what is allowed', () => {
    expect(thrown(() => baseFromRef(repositoryRoot, 'no-such-branch', () => undefined)).message).toBe(
      `--base no-such-branch: no such commit in ${repositoryRoot}; allowed: a commit, branch or tag`,
    );
  });

  it('of a --base-root with no synth says where to run it', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-review-'));
    expect(thrown(() => baseFromRoot(empty)).message).toBe(
      `--base-root ${empty}: no synthesized stack (apps/<env>/cdktf.out/manifest.json); run npm run synth there first`,
    );
  });

  it('of a --base-root with a synth is read there, named by its folder outside git', () => {
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-review-'));
    fs.cpSync(synthAllEnvironments().outdir, path.join(checkout, 'apps', 'all', 'cdktf.out'), { recursive: true });
    expect(baseFromRoot(checkout)).toEqual({ root: checkout, label: `\`${checkout}\`` });
  });
});
