// What `npm run synth` prints (toolkit/commands/src/synth-output.ts): the guardrail notices, one line per stack and a
// summary, the same for a run turbo executes and one it replays from its cache; and the README's example is that output
// for the shipped environments, with each stack's resource count as synthesized.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatSynthFailure, formatSynthOutput, TurboEvent, turboEvents } from '@lambda-vpc/tools/dist/synth-output';
import { variantsOf } from '@lambda-vpc/stacks';
import { environmentApps, repositoryRoot, synthAllEnvironments } from './environments';

const NOTICE = 'guardrails: suppressed LVB-FN-3 at dev-privatelink/invoke-target/Default: by design';

/** One app's synth as turbo streams it: its cache status, npm's header, the app's lines. */
function appEvents(pkg: string, status: string, lines: readonly string[]): TurboEvent[] {
  return [status, '', `> ${pkg}@0.1.0 synth`, '> node dist/main.js', '', ...lines].map((text) => ({
    source: `${pkg}#synth`,
    level: 'stdout',
    text,
  }));
}

function run(status: (pkg: string) => string): TurboEvent[] {
  const turbo = (text: string): TurboEvent => ({ source: 'turbo', level: 'info', text });
  return [
    turbo('   • turbo 2.11.11'),
    turbo('   • Running synth in 21 packages'),
    { source: '@lambda-vpc/network#build', level: 'stdout', text: '> tsc -p tsconfig.build.json' },
    ...appEvents('@lambda-vpc/app-prod', status('prod'), [
      'synth: prod-private-only: 35 resources -> cdktf.out/stacks/prod-private-only/cdk.tf.json',
      'synth: 1 stack(s) in 151 ms (config 14, constructs 45, cdktf 87, guardrails 3, output 0)',
    ]),
    ...appEvents('@lambda-vpc/app-dev', status('dev'), [
      NOTICE,
      'synth: dev-private-only: 32 resources -> cdktf.out/stacks/dev-private-only/cdk.tf.json',
      'synth: dev-nat-egress: 49 resources -> cdktf.out/stacks/dev-nat-egress/cdk.tf.json',
      'synth: 2 stack(s) in 127 ms (config 11, constructs 22, cdktf 87, guardrails 3, output 0)',
    ]),
    turbo(' Tasks:    23 successful, 23 total'),
    turbo('Cached:    0 cached, 23 total'),
  ];
}

const folderOf = (pkg: string): string | undefined => {
  const app = /^@lambda-vpc\/app-(\w+)$/.exec(pkg)?.[1];
  return app === undefined ? undefined : `apps/${app}`;
};

describe('formatSynthOutput', () => {
  const expected = [
    NOTICE,
    'synth: dev-private-only: 32 resources -> apps/dev/cdktf.out/stacks/dev-private-only/cdk.tf.json',
    'synth: dev-nat-egress: 49 resources -> apps/dev/cdktf.out/stacks/dev-nat-egress/cdk.tf.json',
    'synth: prod-private-only: 35 resources -> apps/prod/cdktf.out/stacks/prod-private-only/cdk.tf.json',
    'synth: 3 stack(s) of 2 environment(s), 116 resources',
  ];

  it('prints the notices, one line per stack (from the repository root) and a summary: nothing of turbo or npm', () => {
    expect(
      formatSynthOutput(
        run(() => 'cache miss, executing 8ccd46418c8f0ccc'),
        folderOf,
      ),
    ).toEqual(expected);
  });

  it('prints the same lines when turbo replays every app, or some, from its cache', () => {
    expect(
      formatSynthOutput(
        run(() => 'cache hit, replaying logs f8f4668c5abe30d5'),
        folderOf,
      ),
    ).toEqual(expected);
    const some = (env: string): string => (env === 'dev' ? 'cache hit, replaying logs 1' : 'cache bypass, executing 2');
    expect(formatSynthOutput(run(some), folderOf)).toEqual(expected);
  });

  it('keeps a line an app prints that it does not know, and reads the NDJSON turbo writes', () => {
    const events = [
      ...run(() => 'cache miss, executing 1'),
      ...appEvents('@lambda-vpc/app-qa', 'cache miss, executing 2', [
        "a team's own line",
        'synth: qa-private-only: 1 resources -> cdktf.out/stacks/qa-private-only/cdk.tf.json',
      ]),
    ];
    const ndjson = ['not an event', ...events.map((event) => JSON.stringify({ timestamp: 1, ...event }))].join('\n');
    expect(formatSynthOutput(turboEvents(ndjson), folderOf)).toEqual([
      NOTICE,
      "a team's own line",
      ...expected.slice(1, 4),
      'synth: qa-private-only: 1 resources -> apps/qa/cdktf.out/stacks/qa-private-only/cdk.tf.json',
      'synth: 4 stack(s) of 3 environment(s), 117 resources',
    ]);
  });
});

describe('formatSynthFailure', () => {
  const GUARDRAIL_ERROR = 'synth failed: 1 guardrail error(s); nothing was written';
  const GUARDRAIL_VIOLATION = '  - LVB-NET-1 at dev-nat-egress/network: no flow logs';

  it("names the failed app and prints its output in full, without npm's lines about the script", () => {
    const events: TurboEvent[] = [
      ...appEvents('@lambda-vpc/app-dev', 'cache miss, executing 1', [GUARDRAIL_ERROR, GUARDRAIL_VIOLATION]),
      { source: '@lambda-vpc/app-dev#synth', level: 'stdout', text: 'npm error Lifecycle script `synth` failed:' },
      ...appEvents('@lambda-vpc/app-prod', 'cache hit, replaying logs 2', ['synth: 0 stack(s) in 1 ms ()']),
      { source: 'turbo', level: 'error', text: 'command (/repo/apps/dev) /usr/bin/npm run synth exited (1)' },
      { source: 'turbo', level: 'info', text: 'Failed:    @lambda-vpc/app-dev#synth' },
    ];
    expect(formatSynthFailure(events)).toEqual([
      'synth: @lambda-vpc/app-dev#synth failed:',
      GUARDRAIL_ERROR,
      GUARDRAIL_VIOLATION,
    ]);
    expect(formatSynthFailure([], "  x No package found with name 'x' in workspace\n")).toEqual([
      "  x No package found with name 'x' in workspace",
    ]);
  });
});

describe("the README's example of npm run synth", () => {
  const readme = fs.readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
  const block =
    /<!-- synth-output:start[^\n]*-->\n```\n([\s\S]*?)\n```\n<!-- synth-output:end -->/.exec(readme)?.[1].split('\n') ??
    [];
  const { stacks } = synthAllEnvironments();

  it('is the output of the environments under apps/: each suppression, every stack once with its resources', () => {
    // Apps in folder order, each app's stacks in variant order: the order npm run synth prints them in.
    const order = environmentApps().flatMap((app) =>
      variantsOf(app.config).map((variant) => ({ stack: `${app.config.name}-${variant.name}`, folder: app.folder })),
    );
    const resourcesOf = (stack: string) =>
      Object.values(stacks[stack].resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    const notices = order.flatMap(({ stack }) =>
      Object.values(stacks[stack].resource ?? {}).flatMap((byName) =>
        Object.values(byName).flatMap((body) =>
          Object.entries(body['//']?.guardrails?.suppress ?? {}).map(
            ([rule, reason]) => `guardrails: suppressed ${rule} at ${body['//'].metadata.path}: ${reason}`,
          ),
        ),
      ),
    );
    const lines = order.map(
      ({ stack, folder }) =>
        `synth: ${stack}: ${resourcesOf(stack)} resources -> apps/${folder}/cdktf.out/stacks/${stack}/cdk.tf.json`,
    );
    const total = order.reduce((sum, { stack }) => sum + resourcesOf(stack), 0);
    const environments = new Set(order.map(({ folder }) => folder)).size;
    expect(block).toEqual([
      ...notices,
      ...lines,
      `synth: ${order.length} stack(s) of ${environments} environment(s), ${total} resources`,
    ]);
  });
});
