#!/usr/bin/env node
// `npm run new-env -- --name qa --region eu-west-1 --account 123456789012 --cidr 10.40.0.0/16 --azs 2 --nat
// single-gateway` Creates apps/<name>/, an environment app like apps/dev, validated together with every existing
// environment (so a CIDR that overlaps another environment is refused), links it into the workspace, and records its
// address ledgers, snapshots and the README cost table, so it synthesizes and passes `npm test` with no hand edits.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NAT_STRATEGY_KINDS } from '@lambda-vpc/nat';
import { DEFAULT_RESERVED_AZ_SLOTS, Ipv4Cidr } from '@lambda-vpc/network';
import type { EnvironmentInput } from '@lambda-vpc/stacks';
import { commandOptions, CommandSpec, wholeNumberFrom } from './command-options';
import { repositoryRoot as root } from './repository-root';
import { roleVariable } from './workflows/matrix';

function fail(message: string): never {
  console.error(`new-env: ${message}`);
  process.exit(1);
}

// Every variant new-env scaffolds places a demo function, which needs subnets in 2 or more AZs (guardrail LVB-FN-1);
// each subnet tier reserves DEFAULT_RESERVED_AZ_SLOTS AZ slots, which an environment cannot raise.
const MIN_AZS = 2;
const MAX_AZS = DEFAULT_RESERVED_AZ_SLOTS;

/** What `npm run new-env` accepts: every option, each once. */
const NEW_ENV_OPTIONS = {
  options: {
    name: {
      type: 'string',
      value: '<env>',
      required: true,
      allowed: '2-12 lower-case letters and digits, starting with a letter',
      valid: (value: string) => /^[a-z][a-z0-9]{1,11}$/.test(value),
    },
    region: { type: 'string', value: '<region>', required: true, allowed: 'an AWS region' },
    account: { type: 'string', value: '<12 digits>', required: true, allowed: 'a 12-digit AWS account ID' },
    cidr: { type: 'string', value: '<a.b.c.d/12-16>', required: true, allowed: 'an IPv4 block, /12 to /16' },
    azs: {
      type: 'string',
      value: `<${MIN_AZS}-${MAX_AZS}>`,
      required: true,
      allowed:
        `a whole number from ${MIN_AZS} to ${MAX_AZS} (a function in a VPC needs ${MIN_AZS} or more; ` +
        `the subnet plan holds ${MAX_AZS})`,
      valid: (value: string) => wholeNumberFrom(MIN_AZS)(value) && Number(value) <= MAX_AZS,
    },
    nat: {
      type: 'string',
      value: `<${NAT_STRATEGY_KINDS.join('|')}>`,
      required: true,
      allowed: NAT_STRATEGY_KINDS.join(', '),
      valid: (value: string) => (NAT_STRATEGY_KINDS as readonly string[]).includes(value),
    },
  },
} as const satisfies CommandSpec;

const args = commandOptions('new-env', process.argv.slice(2), NEW_ENV_OPTIONS).values as Record<
  keyof typeof NEW_ENV_OPTIONS.options,
  string
>;
let stacks: typeof import('@lambda-vpc/stacks');
try {
  stacks = require('@lambda-vpc/stacks');
} catch (error) {
  fail(`cannot load the compiled @lambda-vpc/stacks (${(error as Error).message.split('\n')[0]}); run npm run build`);
}
const { ConfigError, loadEnvironments } = stacks;

const appDir = path.join(root, 'apps', args.name);
if (fs.existsSync(appDir)) fail(`apps/${args.name} already exists; an environment is never overwritten`);
const azCount = Number(args.azs);
// The region's real AZ names (not every region has a, b, c: ap-northeast-1 is a, c, d); a region outside the table
// is the schema's to refuse, below.
const regionZones = stacks.availabilityZoneNames(args.region);
if (regionZones.length > 0 && azCount > regionZones.length) {
  fail(
    `--azs ${args.azs}: ${args.region} has ${regionZones.length} AZs (${regionZones.join(', ')}); allowed: ` +
      `${MIN_AZS} to ${regionZones.length}`,
  );
}

// The environment's block splits into equal shares, one per registered variant (a power of two of them, so
// quarters for three or four variants); each variant module sizes its own subnets within its share.
let block: Ipv4Cidr;
try {
  block = Ipv4Cidr.parse(args.cidr);
} catch (error) {
  fail(`--cidr: ${(error as Error).message}`);
}
const shareBits = Math.max(1, Math.ceil(Math.log2(stacks.VARIANTS.length)));
if (block.prefixLength < 12 || block.prefixLength > 16) {
  fail(
    `--cidr "${args.cidr}": the environment's block must be a /12 to /16 (it is split into ${2 ** shareBits} parts, ` +
      `one per variant)`,
  );
}
const share = (index: number): string =>
  Ipv4Cidr.at(block.network + index * (block.size / 2 ** shareBits), block.prefixLength + shareBits).toString();
const environment = {
  name: args.name,
  region: args.region,
  accountId: args.account,
  availabilityZones: (regionZones.length > 0
    ? regionZones
    : [...'abcd'].map((letter) => `${args.region}${letter}`)
  ).slice(0, azCount),
  logRetentionInDays: 30,
  variants: Object.fromEntries(
    stacks.VARIANTS.map((variant, index) => [
      variant.configKey,
      variant.scaffold({ cidr: share(index), prefixLength: block.prefixLength + shareBits, nat: args.nat }),
    ]),
  ) as Record<string, { readonly cidr: string }>,
};

// Validate with every existing environment: names, CIDR overlaps, everything the schema checks.
let existing: EnvironmentInput[];
try {
  existing = stacks.loadEnvironmentApps(root).map((app) => app.values);
} catch (error) {
  fail((error as Error).message);
}
try {
  loadEnvironments([...existing, environment]);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(
    `the new environment is refused, nothing was created:\n${error.message
      .split('\n')
      .map((line) => `  - ${line}`)
      .join('\n')}`,
  );
}

const write = (file: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
  fs.writeFileSync(path.join(appDir, file), text);
};
const template = (file: string): string =>
  fs
    .readFileSync(path.join(root, 'apps', 'dev', file), 'utf8')
    .replaceAll('app-dev', `app-${args.name}`)
    .replaceAll('blueprints-dev', `blueprints-${args.name}`);
write('package.json', template('package.json'));
write('cdktf.json', template('cdktf.json'));
write('tsconfig.json', template('tsconfig.json'));
write('src/main.ts', template('src/main.ts'));
write(
  'src/environment.ts',
  `import { EnvironmentInput } from '@lambda-vpc/stacks';

/**
 * ${args.name}: created by npm run new-env (${args.nat}, ${azCount} AZ(s), block ${args.cidr}).
 * The block is split into a /${block.prefixLength + shareBits} per variant; every VPC CIDR stays distinct across the
 * repository.
 */
export const environment: EnvironmentInput = ${JSON.stringify(environment, null, 2)
    .replace(/"([A-Za-z]+)":/g, '$1:')
    .replaceAll('"', "'")};
`,
);
console.log(
  `new-env: created apps/${args.name} (${Object.entries(environment.variants)
    .map(([k, v]) => `${k} ${v.cidr}`)
    .join(', ')})`,
);

// The repository tests build after every app: make the new one a dependency, link it, build it.
const testsManifest = path.join(root, 'tests', 'package.json');
const manifest = JSON.parse(fs.readFileSync(testsManifest, 'utf8')) as { dependencies: Record<string, string> };
manifest.dependencies[`@lambda-vpc/app-${args.name}`] = '0.1.0';
manifest.dependencies = Object.fromEntries(
  Object.entries(manifest.dependencies).sort(([a], [b]) => a.localeCompare(b)),
);
fs.writeFileSync(testsManifest, `${JSON.stringify(manifest, null, 2)}\n`);
const run = (command: string, commandArgs: readonly string[], cwd = root): void => {
  execFileSync(command, commandArgs, { cwd, stdio: 'inherit' });
};
console.log('new-env: linking the workspace (npm install)');
run('npm', ['install', '--no-audit', '--no-fund']);
// The values are written from JSON; prettier gives them the repository's style, which npm run lint checks.
run('npx', ['--no-install', 'prettier', '--write', '--log-level', 'warn', path.join(appDir, 'src', 'environment.ts')]);
console.log('new-env: building');
run('npx', ['--no-install', 'turbo', 'run', 'build', '--output-logs=errors-only']);
console.log('new-env: recording the address ledgers and snapshots of its stacks');
run('node', [path.join(__dirname, 'record-addresses.js')]);
run(
  'npx',
  ['--no-install', 'jest', '--ci=false', '-u', 'environments.test.ts', '-t', `${args.name}-`],
  path.join(root, 'tests'),
);
console.log('new-env: synthesizing and regenerating the README cost table (npm run report)');
run('npx', ['--no-install', 'turbo', 'run', 'synth', '--output-logs=errors-only']);
run('node', [path.join(__dirname, 'report.js')]);
console.log(
  `new-env: done. Review apps/${args.name}, tests/addresses, the snapshots and the README cost table, then: npm test`,
);
// The new workspace changes the cdktn build's install too; CI's framework check refuses a stale lockfile.
console.log(
  'new-env: the cdktn build locks workspaces too: npm run framework:cdktn -- --update-lock, and commit ' +
    'toolkit/frameworks/cdktn/package-lock.json',
);
// The workflows take the environment from its synthesized manifest; what they cannot create is GitHub's and AWS's.
const env = args.name;
console.log(
  [
    `new-env: what remains for the team (docs/ci.md, "Set up once"); the workflows pick ${env} up from its`,
    '  synthesized manifest (toolkit/commands/dist/workflows/matrix.js), with no workflow edit:',
    `  - GitHub: Settings > Environments > New environment "${env}", deployment branches limited to main; required`,
    `    reviewers if ${env} is prod-like (its apply jobs wait for their approval).`,
    `  - State: a remote backend in apps/${env}/src/environment.ts (backend s3 or cloud): the deploy refuses local`,
    '    state.',
    `  - Backend local or s3: roles in account ${args.account} that trust GitHub's OIDC provider, named by the`,
    `    variables ${roleVariable('PLAN', env)} (repository variable; read-only role; trust sub`,
    `    repo:OWNER/REPO:pull_request and repo:OWNER/REPO:ref:refs/heads/main) and ${roleVariable('DEPLOY', env)}`,
    `    (variable of the environment ${env}; trust sub repo:OWNER/REPO:environment:${env}).`,
    '  - Backend cloud: the repository secret TF_API_TOKEN, and the workspaces and AWS trust of',
    '    bootstrap/terraform-cloud (docs/deploying.md); no AWS role in GitHub.',
  ].join('\n'),
);
