// The engine checks run with Terraform and with OpenTofu: the engine list npm run toolchain records in
// .tools/toolchain.env, the --engine option of validate and e2e, the lines that name the engine, and the provider
// mirror folder each engine reads.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseE2eOptions } from '@lambda-vpc/tools/dist/engine/e2e';
import {
  defaultEngine,
  Engine,
  engineSkipped,
  engineSummary,
  toolchainEngine,
  toolchainEngines,
  withEngine,
} from '@lambda-vpc/tools/dist/engine/engines';
import { missingProviders } from '@lambda-vpc/tools/dist/engine/stack-folders';
import { readToolchain, Toolchain } from '@lambda-vpc/tools/dist/engine/toolchain';
import { parseValidateOptions } from '@lambda-vpc/tools/dist/engine/validate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-engines-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A toolchain.env as npm run toolchain writes it, read back by readToolchain. */
function toolchainFile(lines: readonly string[]): Toolchain {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.env`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return readToolchain(file);
}

const BOTH = [
  'TOOLCHAIN_ENGINE=/usr/local/bin/terraform',
  'TOOLCHAIN_TERRAFORM=/usr/local/bin/terraform',
  'TOOLCHAIN_TERRAFORM_VERSION=1.11.4',
  'TOOLCHAIN_TERRAFORM_STATUS="available"',
  'TOOLCHAIN_TOFU=/repo/.tools/bin/tofu',
  'TOOLCHAIN_TOFU_VERSION=1.12.6',
  'TOOLCHAIN_TOFU_STATUS="available"',
  'TOOLCHAIN_PROVIDER_BUILD=5.46.0',
  'TOOLCHAIN_PROVIDER_STATUS="available"',
  `TF_CLI_CONFIG_FILE=${path.join(dir, 'terraform.rc')}`,
];

const tofu: Engine = {
  name: 'tofu',
  binary: '/repo/.tools/bin/tofu',
  version: '1.12.6',
  status: 'available',
  registry: 'registry.opentofu.org',
};

describe('toolchainEngines: the engines in .tools/toolchain.env', () => {
  it('gives Terraform then OpenTofu with binary, version and the registry host each resolves hashicorp/* to', () => {
    expect(toolchainEngines(toolchainFile(BOTH))).toEqual([
      {
        name: 'terraform',
        binary: '/usr/local/bin/terraform',
        version: '1.11.4',
        status: 'available',
        registry: 'registry.terraform.io',
      },
      tofu,
    ]);
  });

  it('keeps the reason an engine is missing, with no binary', () => {
    const toolchain = toolchainFile([
      ...BOTH.filter((line) => !line.startsWith('TOOLCHAIN_TOFU')),
      'TOOLCHAIN_TOFU=',
      'TOOLCHAIN_TOFU_VERSION=',
      'TOOLCHAIN_TOFU_STATUS="unavailable: the OpenTofu build failed (exit status 1)"',
    ]);
    expect(toolchainEngine(toolchain, 'tofu')).toEqual({
      name: 'tofu',
      binary: '',
      version: '',
      status: 'unavailable: the OpenTofu build failed (exit status 1)',
      registry: 'registry.opentofu.org',
    });
  });

  it('never calls an engine available without a binary', () => {
    const toolchain = toolchainFile([...BOTH.filter((line) => !line.startsWith('TOOLCHAIN_TOFU=')), 'TOOLCHAIN_TOFU=']);
    expect(toolchainEngine(toolchain, 'tofu').status).toBe('TOOLCHAIN_TOFU is empty: run npm run toolchain');
  });

  it('reads a toolchain.env that names one engine only: that one, and the other as not recorded', () => {
    const toolchain = toolchainFile(['TOOLCHAIN_ENGINE=/usr/local/bin/terraform', 'TOOLCHAIN_PROVIDER_BUILD=5.46.0']);
    expect(toolchainEngines(toolchain).map(({ name, binary, status }) => [name, binary, status])).toEqual([
      ['terraform', '/usr/local/bin/terraform', 'available'],
      ['tofu', '', 'not in .tools/toolchain.env (the toolchain predates it): run npm run toolchain'],
    ]);
  });
});

describe('defaultEngine and withEngine: the engine a check runs when none is named', () => {
  it('is the engine of TOOLCHAIN_ENGINE', () => {
    expect(defaultEngine(toolchainFile(BOTH))).toBe('terraform');
    expect(defaultEngine(toolchainFile(['TOOLCHAIN_ENGINE=/repo/.tools/bin/tofu']))).toBe('tofu');
  });

  it('refuses a TOOLCHAIN_ENGINE that is neither, naming it', () => {
    expect(() => defaultEngine(toolchainFile(['TOOLCHAIN_ENGINE=/usr/bin/pulumi']))).toThrow(
      'TOOLCHAIN_ENGINE /usr/bin/pulumi: allowed: a terraform or tofu binary',
    );
  });

  it('withEngine makes the named engine the one the engine steps run', () => {
    const toolchain = withEngine(toolchainFile(BOTH), tofu);
    expect(toolchain.TOOLCHAIN_ENGINE).toBe('/repo/.tools/bin/tofu');
    expect(toolchain.TOOLCHAIN_PROVIDER_BUILD).toBe('5.46.0');
  });
});

describe('--engine terraform|tofu', () => {
  it('npm run validate: every available engine unless one is named', () => {
    expect(parseValidateOptions([])).toEqual({ engine: undefined });
    expect(parseValidateOptions(['--engine', 'tofu'])).toEqual({ engine: 'tofu' });
    expect(parseValidateOptions(['--engine=terraform'])).toEqual({ engine: 'terraform' });
    expect(() => parseValidateOptions(['--engine', 'opentofu'])).toThrow('--engine opentofu: allowed: terraform, tofu');
    expect(() => parseValidateOptions(['dev-nat-egress'])).toThrow(/dev-nat-egress/);
  });

  it('npm run e2e: the toolchain default unless one is named, beside the stacks and --jobs', () => {
    expect(parseE2eOptions(['dev-private-only']).engine).toBeUndefined();
    expect(parseE2eOptions(['--engine', 'tofu', 'dev-private-only', 'dev-nat-egress'])).toEqual({
      stacks: ['dev-private-only', 'dev-nat-egress'],
      jobs: 3,
      engine: 'tofu',
    });
    expect(() => parseE2eOptions(['--engine', 'terraform1.11'])).toThrow(
      '--engine terraform1.11: allowed: terraform, tofu',
    );
  });
});

describe('the lines that name the engine', () => {
  it('closes a check with the engine, its version and the counts', () => {
    expect(engineSummary('validate', tofu, { passed: 13, failed: 0, ms: 41_200 })).toBe(
      'validate: tofu 1.12.6: 13 passed, 0 failed in 41 s',
    );
  });

  it('adds skipped stacks and the failed ones when there are any', () => {
    expect(
      engineSummary('e2e', tofu, { passed: 1, failed: 2, skipped: 1, ms: 300_000, failedStacks: ['a', 'b'] }),
    ).toBe('e2e: tofu 1.12.6: 1 passed, 2 failed, 1 skipped in 300 s (failed: a, b)');
  });

  it('reports an engine that is not available as skipped, with why, never as passed', () => {
    const missing: Engine = { ...tofu, binary: '', version: '', status: 'unavailable: no terraform on PATH' };
    expect(engineSkipped('validate', { ...missing, name: 'terraform' })).toBe(
      'validate: terraform: skipped (unavailable: no terraform on PATH)',
    );
  });
});

describe('missingProviders: the mirror folder of the engine that reads it', () => {
  const tfeStack = {
    terraform: {
      required_providers: {
        aws: { source: 'hashicorp/aws', version: '6.25.0' },
        tfe: { source: 'hashicorp/tfe', version: '0.71.0' },
      },
    },
  };
  const toolchain = toolchainFile(BOTH);
  const mirror = path.join(dir, 'providers');

  it('names a provider other than aws that the engine registry host folder lacks', () => {
    fs.mkdirSync(path.join(mirror, 'registry.terraform.io', 'hashicorp', 'tfe'), { recursive: true });
    expect(missingProviders(tfeStack, toolchain, 'registry.terraform.io')).toEqual([]);
    expect(missingProviders(tfeStack, toolchain, 'registry.opentofu.org')).toEqual(['hashicorp/tfe 0.71.0']);
  });

  it('reads a source that names its host from that host folder, whichever engine', () => {
    const explicit = { terraform: { required_providers: { tfe: { source: 'registry.terraform.io/hashicorp/tfe' } } } };
    expect(missingProviders(explicit, toolchain, 'registry.opentofu.org')).toEqual([]);
  });
});
