// The repository's commands read their options with util.parseArgs (toolkit/commands/src/command-options.ts): the same
// options and defaults as before, and a bad option is one line naming the command, the option, the bad value and what
// is allowed, with a non-zero exit status and no stack trace.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OptionError, readOptions, usage } from '@lambda-vpc/tools/dist/command-options';
import { parseBenchOptions } from '@lambda-vpc/tools/dist/bench/bench';
import { parseE2eOptions } from '@lambda-vpc/tools/dist/engine/e2e';
import { engineExamples } from '@lambda-vpc/tools/dist/engine/engine-examples';
import { parsePrepareOptions } from '@lambda-vpc/tools/dist/framework/prepare';
import { repositoryRoot } from './environments';

const SPEC = {
  positionals: '<stack>...',
  options: {
    jobs: { type: 'string', value: 'N', allowed: 'a whole number', valid: (value: string) => /^[0-9]+$/.test(value) },
    tag: { type: 'string', value: '<tag>', allowed: 'any text', multiple: true },
    fast: { type: 'boolean' },
  },
} as const;

const refusal = (argv: readonly string[], spec: Parameters<typeof readOptions>[1] = SPEC): string => {
  try {
    readOptions(argv, spec);
  } catch (error) {
    if (error instanceof OptionError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('readOptions', () => {
  it('reads values, repeated values, switches and positionals, in any order', () => {
    expect(readOptions(['a', '--jobs', '2', '--tag=x', 'b', '--tag', 'y', '--fast'], SPEC)).toEqual({
      values: { jobs: '2', tag: ['x', 'y'], fast: true },
      positionals: ['a', 'b'],
    });
    expect(readOptions([], SPEC)).toEqual({ values: { jobs: undefined, tag: [], fast: false }, positionals: [] });
  });

  it('names the option, the bad value and what is allowed', () => {
    expect(usage(SPEC)).toBe('<stack>..., --jobs N, --tag <tag>, --fast');
    expect(refusal(['--jobs', 'many'])).toBe('--jobs many: allowed: a whole number');
    expect(refusal(['--jobs'])).toBe('--jobs (missing): allowed: a whole number');
    expect(refusal(['--jobs', '--fast'])).toBe('--jobs --fast: allowed: a whole number');
    expect(refusal(['--fast=yes'])).toBe('--fast=yes: allowed: no value (a switch)');
    expect(refusal(['--jbos', '2'])).toBe('unknown option --jbos; allowed: <stack>..., --jobs N, --tag <tag>, --fast');
    expect(refusal(['-j'])).toBe('unknown option -j; allowed: <stack>..., --jobs N, --tag <tag>, --fast');
  });

  it('refuses positionals a command does not take, too many or too few, and a missing required option', () => {
    expect(refusal(['x'], { options: { fast: { type: 'boolean' } } })).toBe('unexpected argument x; allowed: --fast');
    expect(refusal(['x', 'y'], { positionals: '<stack>', maxPositionals: 1, options: {} })).toBe(
      'unexpected argument y; allowed: <stack>',
    );
    expect(refusal(['x'], { positionals: 'A B', minPositionals: 2, options: {} })).toBe(
      '1 argument(s), 2 needed; allowed: A B',
    );
    const required = {
      options: { name: { type: 'string', value: '<env>', allowed: 'a name', required: true } },
    } as const;
    expect(refusal([], required)).toBe('missing --name; allowed: --name <env>');
  });
});

describe("the commands' options", () => {
  it('npm run e2e: every stack, 3 at a time, unless told otherwise', () => {
    expect(parseE2eOptions([])).toEqual({ stacks: [], jobs: 3, engine: undefined });
    expect(parseE2eOptions(['dev-nat-egress', '--jobs', '1', 'prod-privatelink'])).toEqual({
      stacks: ['dev-nat-egress', 'prod-privatelink'],
      jobs: 1,
      engine: undefined,
    });
    expect(() => parseE2eOptions(['--jobs', '0'])).toThrow('--jobs 0: allowed: a whole number of 1 or more');
  });

  it('npm run framework:cdktn: synthesizes and keeps the lockfile unless told otherwise', () => {
    expect(parsePrepareOptions([])).toEqual({ updateLock: false, synth: true });
    expect(parsePrepareOptions(['--no-synth', '--update-lock'])).toEqual({ updateLock: true, synth: false });
    expect(() => parsePrepareOptions(['--synth'])).toThrow(
      'unknown option --synth; allowed: --update-lock, --no-synth',
    );
  });

  it('npm run bench: 7 runs, 3 cold, both frameworks, nothing written or excused unless told otherwise', () => {
    expect(parseBenchOptions([])).toEqual({
      runs: 7,
      coldRuns: 3,
      writeDocs: false,
      allowedMisses: new Set(),
      advisory: new Set(),
      frameworks: true,
    });
    expect(
      parseBenchOptions([
        '--runs',
        '2',
        '--cold-runs=1',
        '--write-docs',
        '--allow-miss',
        'cold-test',
        '--allow-miss',
        'synth-rss',
        '--advisory',
        'warm-synth-test',
        '--skip-frameworks',
      ]),
    ).toEqual({
      runs: 2,
      coldRuns: 1,
      writeDocs: true,
      allowedMisses: new Set(['cold-test', 'synth-rss']),
      advisory: new Set(['warm-synth-test']),
      frameworks: false,
    });
    expect(() => parseBenchOptions(['--runs', '0'])).toThrow('--runs 0: allowed: a whole number of runs, 1 or more');
    expect(() => parseBenchOptions(['--advisory', 'fast'])).toThrow(
      /^--advisory fast: allowed: synth-over-floor, synth-rss, /,
    );
  });

  // Each command as npm runs it: the line is all it prints, before it does anything else.
  const commands: [string, string[], number, string][] = [
    [
      'new-env.js',
      [
        '--name',
        'qa',
        '--region',
        'eu-west-1',
        '--account',
        '123456789012',
        '--cidr',
        '10.40.0.0/16',
        '--azs',
        '9',
        '--nat',
        'single-gateway',
      ],
      1,
      'new-env: --azs 9: allowed: a whole number from 2 to 4 (a function in a VPC needs 2 or more; the subnet plan ' +
        'holds 4)',
    ],
    [
      'new-env.js',
      ['--name', 'qa', '--nat', 'nat-box'],
      1,
      'new-env: missing --region, --account, --cidr, --azs; allowed: ' +
        '--name <env>, --region <region>, --account <12 digits>, --cidr <a.b.c.d/12-16>, --azs <2-4>, ' +
        '--nat <gateway-per-az|single-gateway|instance|self-healing-instance>',
    ],
    ['engine/e2e.js', ['--jobs', 'two'], 1, 'e2e: --jobs two: allowed: a whole number of 1 or more'],
    ['engine/e2e.js', ['--engine', 'pulumi'], 1, 'e2e: --engine pulumi: allowed: terraform, tofu'],
    ['engine/validate.js', ['--engine', 'opentofu'], 1, 'validate: --engine opentofu: allowed: terraform, tofu'],
    ['engine/e2e-cli.js', ['--framework', 'pulumi'], 1, 'e2e: FAILED: --framework pulumi: allowed: cdktf, cdktn'],
    [
      'engine/e2e-handles.js',
      ['dev-private-only'],
      1,
      'e2e:handles: takes no arguments (dev-private-only); it runs dev-private-only, dev-privatelink and ' +
        'examples/app-from-parameters',
    ],
    [
      'engine/e2e-examples.js',
      ['nat-egress'],
      1,
      // The examples that declare engineChecks, in folder order.
      `e2e:examples: unknown example folder nat-egress; allowed: ${engineExamples()
        .map((example) => example.folder)
        .join(', ')} (examples whose package.json has "lambdaVpc": { "engineChecks": true })`,
    ],
    ['engine/e2e-examples.js', ['--engine', 'pulumi'], 1, 'e2e:examples: --engine pulumi: allowed: terraform, tofu'],
    [
      'framework/prepare.js',
      ['--update-lock=yes'],
      1,
      'framework failed: --update-lock=yes: allowed: no value (a switch)',
    ],
    ['bench/bench.js', ['--runs'], 1, 'bench failed: --runs (missing): allowed: a whole number of runs, 1 or more'],
    ['report.js', ['--stack', 'dev-nat-egress'], 1, 'report: unknown option --stack; allowed: <stack>'],
    [
      'reachability-across.js',
      ['caller.json'],
      1,
      'reachability:across: 1 argument(s), 2 needed; allowed: <caller cdk.tf.json> <target cdk.tf.json>, ' +
        '--function <caller function>, --target-function <function>',
    ],
    [
      'reachability-across.js',
      ['no-such-caller.json', 'no-such-target.json'],
      1,
      'reachability:across: caller no-such-caller.json: no such file; allowed: a synthesized cdk.tf.json',
    ],
    [
      'workflows/stacks.js',
      ['changed', '.', 'base', '--base-faild'],
      2,
      'stacks.js changed: unknown option --base-faild; allowed: HEAD_ROOT BASE_ROOT, --base-failed',
    ],
  ];
  it.each(commands)('%s %j: one line and exit status %d', (command, argv, status, line) => {
    const result = spawnSync(
      process.execPath,
      [path.join(repositoryRoot, 'toolkit', 'commands', 'dist', command), ...argv],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout }).toEqual({
      status,
      stderr: `${line}\n`,
      stdout: '',
    });
  });
});

describe('new-env --azs', () => {
  // Every scaffolded variant places a demo function (2 AZs or more, guardrail LVB-FN-1), each subnet tier reserves 4
  // AZ slots, and the names come from the region's own list: the option is refused before anything is written. The
  // environment's name is one nobody creates (the new-env check of .ci/run runs this file with a `qa` app present).
  const NAME = 'azcheck';
  const newEnv = (region: string, azs: string) =>
    spawnSync(
      process.execPath,
      [
        path.join(repositoryRoot, 'toolkit', 'commands', 'dist', 'new-env.js'),
        ...['--name', NAME, '--region', region, '--account', '123456789012', '--cidr', '10.40.0.0/16'],
        ...['--azs', azs, '--nat', 'single-gateway'],
      ],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
  const RANGE = 'allowed: a whole number from 2 to 4 (a function in a VPC needs 2 or more; the subnet plan holds 4)';

  it.each([
    ['us-east-1', '1', `new-env: --azs 1: ${RANGE}`],
    ['us-east-1', '5', `new-env: --azs 5: ${RANGE}`],
    ['us-east-1', '6', `new-env: --azs 6: ${RANGE}`],
    ['eu-west-1', '4', 'new-env: --azs 4: eu-west-1 has 3 AZs (eu-west-1a, eu-west-1b, eu-west-1c); allowed: 2 to 3'],
  ])('%s --azs %s: one line, exit 1, nothing written', (region, azs, line) => {
    const testsManifest = fs.readFileSync(path.join(repositoryRoot, 'tests', 'package.json'), 'utf8');
    const result = newEnv(region, azs);
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout }).toEqual({
      status: 1,
      stderr: `${line}\n`,
      stdout: '',
    });
    expect(fs.existsSync(path.join(repositoryRoot, 'apps', NAME))).toBe(false);
    expect(fs.readFileSync(path.join(repositoryRoot, 'tests', 'package.json'), 'utf8')).toBe(testsManifest);
  });
});
