import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, CREATION_STACK_HINT, DEBUG_VARIABLE, runSynth, synthEnvironments } from '@lambda-vpc/stacks';
import { App, Lazy, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EndpointPolicy, InterfaceEndpoint, InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { awsEnvironment, Network, PolicyStatement, SubnetType } from '@lambda-vpc/network';
import { environmentValues, variantsAt, variantsWith } from './fixtures';

/** A team's own stack: a network of its own in `cidr`, with /20 isolated subnets in two AZs and flow logs. */
function teamStack(app: App, cidr: string): Network {
  const stack = new TerraformStack(app, 'team');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return new Network(stack, 'network', {
    name: 'team',
    environment: awsEnvironment('123456789012', 'eu-west-1'),
    cidrBlock: cidr,
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
  });
}

/** A team stack with a Lambda interface endpoint nobody is admitted to. */
function closedEndpointStack(app: App): void {
  const network = teamStack(app, '10.90.0.0/16');
  new InterfaceEndpoint(network.node.scope!, 'lambda-endpoint', {
    network,
    service: InterfaceEndpointService.LAMBDA,
    policy: EndpointPolicy.of([
      new PolicyStatement({
        sid: 'Nobody',
        principals: ['123456789012'],
        actions: ['lambda:InvokeFunction'],
        resources: ['*'],
      }),
    ]),
  });
}

function tempOutdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-synth-')), 'cdktf.out');
}

describe('synthEnvironments', () => {
  it('writes every stack and its manifest, and reports resource counts', () => {
    const outdir = tempOutdir();
    const result = synthEnvironments([environmentValues()], { outdir });
    expect(result.stacks.map((s) => s.name)).toEqual(['test-private-only', 'test-nat-egress', 'test-privatelink']);
    expect(result.stacks[1].file).toBe(path.join(outdir, 'stacks', 'test-nat-egress', 'cdk.tf.json'));
    for (const stack of result.stacks) {
      const json = JSON.parse(fs.readFileSync(stack.file, 'utf8')) as { resource: Record<string, object> };
      const counted = Object.values(json.resource).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
      expect(stack.resources).toBe(counted);
      expect(counted).toBeGreaterThan(0);
    }
    expect(
      JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks['test-nat-egress'],
    ).toBeDefined();
  });

  it('times each phase in whole milliseconds, and the phases fit inside the whole call', () => {
    const started = performance.now();
    const { phases } = synthEnvironments([environmentValues()], { outdir: tempOutdir() });
    const elapsed = performance.now() - started;
    expect(Object.keys(phases)).toEqual(['config', 'constructs', 'cdktf', 'guardrails', 'output']);
    for (const ms of Object.values(phases)) expect(Number.isInteger(ms) && ms >= 0).toBe(true);
    expect(phases.cdktf).toBeGreaterThan(0);
    const total = Object.values(phases).reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeLessThanOrEqual(Math.ceil(elapsed) + Object.keys(phases).length);
  });

  it('replaces the previous output whole: a stack that is gone leaves no folder behind', () => {
    const outdir = tempOutdir();
    synthEnvironments([environmentValues({ name: 'old' })], { outdir });
    synthEnvironments([environmentValues({ name: 'new' })], { outdir });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([
      'new-nat-egress',
      'new-private-only',
      'new-privatelink',
    ]);
  });

  it("creates the output folder's missing parents", () => {
    const outdir = path.join(path.dirname(tempOutdir()), 'builds', 'pr-42', 'cdktf.out');
    synthEnvironments([environmentValues()], { outdir });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([
      'test-nat-egress',
      'test-private-only',
      'test-privatelink',
    ]);
  });

  it('writes nothing for bad config, and keeps the previous output intact', () => {
    const outdir = tempOutdir();
    synthEnvironments([environmentValues()], { outdir });
    const before = fs.readFileSync(path.join(outdir, 'stacks', 'test-nat-egress', 'cdk.tf.json'), 'utf8');
    expect(() => synthEnvironments([environmentValues({ accountId: 'nope' })], { outdir })).toThrow(ConfigError);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'test-nat-egress', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out']);
  });

  it('writes nothing when a construct refuses its input, even after other stacks were built', () => {
    const outdir = tempOutdir();
    expect(() =>
      synthEnvironments([environmentValues()], { outdir, addStacks: (app) => teamStack(app, '10.90.0.0/24') }),
    ).toThrow('VPC 10.90.0.0/24 is too small');
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  it('writes nothing when a synth-time validation fails (an interface endpoint that admits nobody)', () => {
    const outdir = tempOutdir();
    synthEnvironments([environmentValues()], { outdir });
    const before = fs.readFileSync(path.join(outdir, 'stacks', 'test-nat-egress', 'cdk.tf.json'), 'utf8');
    expect(() =>
      synthEnvironments([environmentValues()], { outdir, addStacks: (app) => closedEndpointStack(app) }),
    ).toThrow('team-lambda-endpoint admits nobody');
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'test-nat-egress', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'team'))).toBe(false);
  });

  it("adds a team's own stacks beside the variant stacks", () => {
    const result = synthEnvironments([environmentValues()], {
      outdir: tempOutdir(),
      addStacks: (app) => teamStack(app, '10.90.0.0/16'),
    });
    expect(result.stacks.map((stack) => stack.name)).toEqual([
      'test-private-only',
      'test-nat-egress',
      'test-privatelink',
      'team',
    ]);
  });
});

describe('token creation stacks', () => {
  /** The creation stack of a token made while the stacks are built. */
  function creationStackDuringSynth(): string[] {
    let creationStack: string[] = [];
    synthEnvironments([environmentValues()], {
      outdir: tempOutdir(),
      addStacks: () => {
        creationStack = Lazy.anyValue({ produce: () => 'x' }).creationStack;
      },
    });
    return creationStack;
  }

  afterEach(() => {
    delete process.env[DEBUG_VARIABLE];
  });

  it('are not recorded during a synth: the token says how to get them', () => {
    expect(creationStackDuringSynth()).toEqual([CREATION_STACK_HINT]);
  });

  it('are recorded during a synth with LAMBDA_VPC_DEBUG=1', () => {
    process.env[DEBUG_VARIABLE] = '1';
    const creationStack = creationStackDuringSynth();
    expect(creationStack).not.toEqual([CREATION_STACK_HINT]);
    expect(creationStack.join('\n')).toContain('synth.test');
  });

  it('are recorded again once a synth has returned', () => {
    creationStackDuringSynth();
    expect(Lazy.anyValue({ produce: () => 'x' }).creationStack.join('\n')).toContain('synth.test');
  });
});

describe("runSynth (the apps' main)", () => {
  let errors: string[];
  let logs: string[];
  let warnings: string[];
  beforeEach(() => {
    errors = [];
    logs = [];
    warnings = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => {
      errors.push(line);
    });
    jest.spyOn(console, 'log').mockImplementation((line: string) => {
      logs.push(line);
    });
    jest.spyOn(console, 'warn').mockImplementation((line: string) => {
      warnings.push(line);
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints one progress line per stack and a total with the time of each phase', () => {
    runSynth([environmentValues()], { outdir: tempOutdir() });
    expect(logs).toEqual([
      // On stdout, not stderr: the cdktf CLI would show it as [ERROR].
      expect.stringMatching(/^guardrails: suppressed LVB-FN-3 at test-privatelink\/invoke-target\/Default: /),
      expect.stringMatching(/^synth: test-private-only: \d+ resources -> .*stacks\/test-private-only\/cdk\.tf\.json$/),
      expect.stringMatching(/^synth: test-nat-egress: \d+ resources -> .*stacks\/test-nat-egress\/cdk\.tf\.json$/),
      expect.stringMatching(/^synth: test-privatelink: \d+ resources -> /),
      expect.stringMatching(
        /^synth: 3 stack\(s\) in \d+ ms \(config \d+, constructs \d+, cdktf \d+, guardrails \d+, output \d+\)$/,
      ),
    ]);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  it('lists every config problem, without a stack trace, and exits 1', () => {
    runSynth(
      [
        environmentValues({ name: 'broken', accountId: 'x', region: 'nowhere-1' as never, variants: variantsAt(40) }),
        environmentValues(),
        environmentValues({ name: 'clash', variants: variantsWith({ natEgress: { cidr: '10.51.0.0/16' } }, 70) }),
      ],
      { outdir: tempOutdir() },
    );
    expect(process.exitCode).toBe(1);
    expect(errors[0]).toBe('synth failed: 3 problem(s) in the environment config; nothing was written');
    expect(errors.slice(1).join('\n')).toContain('field accountId = "x"');
    expect(errors.slice(1).join('\n')).toContain('overlaps test-nat-egress (10.51.0.0/16)');
    expect(errors.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('reports a construct error in one line, without a stack trace', () => {
    runSynth([environmentValues()], { outdir: tempOutdir(), addStacks: (app) => teamStack(app, '10.90.0.0/24') });
    expect(process.exitCode).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^synth failed; nothing was written: VPC 10\.90\.0\.0\/24 is too small/);
  });
});
