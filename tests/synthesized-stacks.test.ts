// The one way the repository's commands and tests find synthesized stacks: what each synth's manifest lists.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizedStackFiles, synthesizedStacksIn } from '@lambda-vpc/tools/dist/synthesized-stacks';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-manifest-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A cdktf.out folder with a stack folder (and its JSON) for each of `folders`, and a manifest listing `listed`. */
function synthOutput(outdir: string, folders: readonly string[], listed: readonly string[]): string {
  for (const stack of folders) {
    fs.mkdirSync(path.join(outdir, 'stacks', stack), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), '{}');
  }
  fs.writeFileSync(
    path.join(outdir, 'manifest.json'),
    JSON.stringify({ stacks: Object.fromEntries(listed.map((stack) => [stack, {}])) }),
  );
  return outdir;
}

describe('synthesizedStacksIn', () => {
  it("lists the stacks one synth's manifest names, sorted, each with its cdk.tf.json", () => {
    const outdir = synthOutput(path.join(work, 'one', 'cdktf.out'), ['b-stack', 'a-stack'], ['b-stack', 'a-stack']);
    expect(synthesizedStacksIn(outdir)).toEqual([
      { stack: 'a-stack', file: path.join(outdir, 'stacks', 'a-stack', 'cdk.tf.json') },
      { stack: 'b-stack', file: path.join(outdir, 'stacks', 'b-stack', 'cdk.tf.json') },
    ]);
  });

  it('leaves out a folder the manifest does not list, and a listed stack whose JSON is missing', () => {
    const outdir = synthOutput(path.join(work, 'two', 'cdktf.out'), ['kept', 'left-behind'], ['kept', 'never-written']);
    expect(synthesizedStacksIn(outdir).map(({ stack }) => stack)).toEqual(['kept']);
  });

  it('is empty for a folder with no manifest (never synthesized)', () => {
    expect(synthesizedStacksIn(path.join(work, 'none', 'cdktf.out'))).toEqual([]);
  });
});

describe('synthesizedStackFiles', () => {
  it("lists the stacks of each environment's manifest, not a folder a cached cdktf.out left behind", () => {
    const root = path.join(work, 'repository');
    // dev-privatelink was left out of the environment; turbo restored the newer output over the older folder.
    const out = synthOutput(
      path.join(root, 'apps', 'dev', 'cdktf.out'),
      ['dev-nat-egress', 'dev-private-only', 'dev-privatelink'],
      ['dev-private-only', 'dev-nat-egress'],
    );
    fs.mkdirSync(path.join(root, 'apps', 'staging'));
    expect(synthesizedStackFiles(root)).toEqual([
      { env: 'dev', stack: 'dev-nat-egress', file: path.join(out, 'stacks', 'dev-nat-egress', 'cdk.tf.json') },
      { env: 'dev', stack: 'dev-private-only', file: path.join(out, 'stacks', 'dev-private-only', 'cdk.tf.json') },
    ]);
  });

  it('reads only the environments named, in the order given', () => {
    const root = path.join(work, 'named');
    synthOutput(path.join(root, 'apps', 'dev', 'cdktf.out'), ['dev-a'], ['dev-a']);
    synthOutput(path.join(root, 'apps', 'prod', 'cdktf.out'), ['prod-a'], ['prod-a']);
    synthOutput(path.join(root, 'apps', 'qa', 'cdktf.out'), ['qa-a'], ['qa-a']);
    expect(synthesizedStackFiles(root, ['prod', 'dev']).map(({ env, stack }) => [env, stack])).toEqual([
      ['prod', 'prod-a'],
      ['dev', 'dev-a'],
    ]);
  });

  it('is empty for a repository with no apps folder', () => {
    expect(synthesizedStackFiles(path.join(work, 'no-apps'))).toEqual([]);
  });
});
