// The examples the engine checks apply (toolkit/commands/src/engine/engine-examples.ts): found by their package.json's
// `"lambdaVpc": { "engineChecks": true }`, selected by folder, synthesized by their own dist/main.js.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  dependencyOrder,
  engineExamples,
  selectEngineExamples,
  stackAccount,
  synthEngineExample,
} from '@lambda-vpc/tools/dist/engine/engine-examples';

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-engine-examples-'));

/** An examples folder with one package.json per entry: `lambdaVpc` as given, or none. */
function examplesFolder(manifests: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [folder, lambdaVpc] of Object.entries(manifests)) {
    fs.mkdirSync(path.join(dir, folder));
    fs.writeFileSync(
      path.join(dir, folder, 'package.json'),
      JSON.stringify({ name: folder, ...(lambdaVpc === undefined ? {} : { lambdaVpc }) }),
    );
  }
  return dir;
}

describe('engineExamples', () => {
  it('finds exactly the examples whose package.json has lambdaVpc.engineChecks true, in folder order', () => {
    const dir = examplesFolder({
      zeta: { engineChecks: true },
      alpha: { engineChecks: true },
      plain: undefined,
      off: { engineChecks: false },
      text: { engineChecks: 'true' },
    });
    fs.mkdirSync(path.join(dir, 'no-package'));
    expect(engineExamples(dir).map((example) => example.folder)).toEqual(['alpha', 'zeta']);
  });

  it("includes the repository's self-healing-nat example", () => {
    expect(engineExamples().map((example) => example.folder)).toContain('self-healing-nat');
  });
});

describe('selectEngineExamples', () => {
  const all = engineExamples(examplesFolder({ a: { engineChecks: true }, b: { engineChecks: true } }));

  it('selects every example when none is named, else the ones named', () => {
    expect(selectEngineExamples([], all).map((example) => example.folder)).toEqual(['a', 'b']);
    expect(selectEngineExamples(['b'], all).map((example) => example.folder)).toEqual(['b']);
  });

  it('refuses an unknown folder in one line that lists the allowed ones', () => {
    expect(() => selectEngineExamples(['c', 'a'], all)).toThrow(
      new Error(
        'unknown example folder c; allowed: a, b (examples whose package.json has "lambdaVpc": ' +
          '{ "engineChecks": true })',
      ),
    );
  });
});

describe('synthEngineExample', () => {
  const example = engineExamples().find((candidate) => candidate.folder === 'self-healing-nat')!;

  it("synthesizes by the example's dist/main.js into CDKTF_OUTDIR, its stacks in the app's order", () => {
    const outdir = path.join(tempDir(), 'cdktf.out');
    const stacks = synthEngineExample(example, outdir);
    expect(stacks).toEqual([
      { name: 'example-self-healing-nat', dir: path.join(outdir, 'stacks', 'example-self-healing-nat') },
    ]);
    const json = JSON.parse(fs.readFileSync(path.join(stacks[0].dir, 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.example-self-healing-nat.tfstate' } });
    expect(stackAccount(stacks[0])).toBe('123456789012');
  });

  it('passes LAMBDA_VPC_EMULATOR_ENDPOINT: the provider calls the emulator and the state is a file of its own', () => {
    const outdir = path.join(tempDir(), 'cdktf.out');
    const [stack] = synthEngineExample(example, outdir, { emulator: 'http://127.0.0.1:4566' });
    const json = JSON.parse(fs.readFileSync(path.join(stack.dir, 'cdk.tf.json'), 'utf8'));
    expect(json.provider.aws[0]).toMatchObject({ access_key: 'emulator', skip_credentials_validation: true });
    expect(json.provider.aws[0].endpoints[0].autoscaling).toBe('http://127.0.0.1:4566');
    expect(json.terraform.backend).toEqual({
      local: { path: '../../../terraform.example-self-healing-nat.emulator.tfstate' },
    });
  });

  it('puts a stack after the stacks whose outputs it reads: cross-vpc-invoke applies its target first', () => {
    const crossVpc = engineExamples().find((candidate) => candidate.folder === 'cross-vpc-invoke')!;
    const stacks = synthEngineExample(crossVpc, path.join(tempDir(), 'cdktf.out'));
    expect(stacks.map((stack) => stack.name)).toEqual(['example-cross-vpc-target', 'example-cross-vpc-caller']);
  });

  it('names the example when it has not been built', () => {
    const broken = { folder: 'broken', dir: path.join(examplesFolder({ broken: { engineChecks: true } }), 'broken') };
    expect(() => synthEngineExample(broken, path.join(tempDir(), 'out'))).toThrow(
      'examples/broken/dist/main.js is missing; run npm run build',
    );
  });
});

describe('dependencyOrder', () => {
  it("orders each stack after its manifest's dependencies, else keeps the manifest's order", () => {
    expect(
      dependencyOrder({ app: { dependencies: ['network', 'data'] }, data: { dependencies: ['network'] }, network: {} }),
    ).toEqual(['network', 'data', 'app']);
    expect(dependencyOrder({ b: {}, a: { dependencies: [] } })).toEqual(['b', 'a']);
  });

  it('refuses a cycle, naming it', () => {
    expect(() => dependencyOrder({ a: { dependencies: ['b'] }, b: { dependencies: ['a'] } })).toThrow(
      'stacks depend on each other in a cycle: a -> b -> a',
    );
  });
});
