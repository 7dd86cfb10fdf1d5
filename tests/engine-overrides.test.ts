// engine-drift.json and the override file the engine checks (npm run validate, e2e) write into their copy of a
// stack folder: the provider build of the mirror, and exactly the documented drift, never more.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AWS_PROVIDER_VERSION } from '@lambda-vpc/stacks';
import {
  copyStackWithOverrides,
  DriftEntry,
  EngineDrift,
  fixtureValue,
  OVERRIDE_FILE,
  readDrift,
  stackOverrides,
  writeStackOverrides,
} from '@lambda-vpc/tools/dist/engine/overrides';
import { engineExamples, synthEngineExample } from '@lambda-vpc/tools/dist/engine/engine-examples';
import { bootstrapStacksForValidate } from '@lambda-vpc/tools/dist/engine/stack-folders';
import { bodiesOf, TerraformBody, TerraformJson } from '../test-support/terraform-json';
import { configuredStacks, repositoryRoot, synthAllEnvironments } from './environments';

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-overrides-'));
const finding = 'a sentence that says what differs';

describe('engine-drift.json, as shipped', () => {
  const drift = readDrift();
  const { stacks } = synthAllEnvironments();
  // The stacks the engine checks run: the environments', and those of the examples that declare engineChecks.
  const examplesDir = tempDir();
  const exampleStacks: TerraformJson[] = engineExamples().flatMap((example) =>
    synthEngineExample(example, path.join(examplesDir, example.folder)).map(
      ({ dir }) => JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as TerraformJson,
    ),
  );
  const stackList = [...Object.values(stacks), ...exampleStacks];
  const resourcesOfType = (type: string): TerraformBody[] => stackList.flatMap((json) => bodiesOf(json, type));
  const overrideEntries = drift.entries.filter(
    (entry) => !(typeof entry.handling === 'object' && 'fixture' in entry.handling),
  );
  const fixtureEntries = drift.entries.filter(
    (entry) => typeof entry.handling === 'object' && 'fixture' in entry.handling,
  );

  it('passes readDrift, from its default path at the repository root', () => {
    expect(readDrift(path.join(repositoryRoot, 'engine-drift.json'))).toEqual(drift);
    expect(drift.entries.length).toBeGreaterThan(0);
  });

  it('names the moto version that toolkit/scripts/toolchain/requirements.txt installs', () => {
    const requirements = fs.readFileSync(
      path.join(repositoryRoot, 'toolkit', 'scripts', 'toolchain', 'requirements.txt'),
      'utf8',
    );
    const pins = [...requirements.matchAll(/^moto\[server\]==(\S+)$/gm)].map((match) => match[1]);
    expect(pins).toHaveLength(1);
    expect(drift.emulator).toEqual({ name: 'moto', version: pins[0] });
  });

  it('names as pinned the hashicorp/aws version every synthesized stack requires (AWS_PROVIDER_VERSION)', () => {
    expect(drift.provider.pinned).toBe(AWS_PROVIDER_VERSION);
    expect(Object.keys(stacks).sort()).toEqual(configuredStacks().sort());
    expect(stackList.length).toBeGreaterThan(0);
    // The engine-checked examples too: the pin is the environments', whichever provider bindings built them.
    for (const json of stackList) {
      expect(json.terraform?.required_providers?.aws).toEqual({
        source: 'hashicorp/aws',
        version: drift.provider.pinned,
      });
    }
  });

  it('documents a build other than the pinned one (the findings are about that build)', () => {
    expect(drift.provider.build).toMatch(/^\d+\.\d+\.\d+$/);
    expect(drift.provider.build).not.toBe(drift.provider.pinned);
  });

  it('has override entries only for resource types and attributes the synthesized stacks use', () => {
    expect(exampleStacks.length).toBeGreaterThan(0);
    expect(overrideEntries.length).toBeGreaterThan(0);
    for (const entry of overrideEntries) {
      const resources = resourcesOfType(entry.resourceType);
      expect({ entry: entry.resourceType, found: resources.length > 0 }).toEqual({
        entry: entry.resourceType,
        found: true,
      });
      // tags_all is never written: the provider computes it from tags and its default tags, so tags stands for it.
      const written = entry.attribute === 'tags_all' ? 'tags' : entry.attribute;
      const values = resources.map((body) => body[written]).filter((value) => value !== undefined);
      expect({ entry: `${entry.resourceType}.${entry.attribute}`, set: values.length > 0 }).toEqual({
        entry: `${entry.resourceType}.${entry.attribute}`,
        set: true,
      });
      if (typeof entry.handling === 'object' && 'replace' in entry.handling) {
        // A replacement whose `from` no stack uses would be stale (JSON keys are text: "true" matches true).
        for (const from of Object.keys(entry.handling.replace)) expect(values.map(String)).toContain(from);
      }
    }
  });

  it(
    'has its fixture entry (aws_iam_openid_connect_provider) on the bootstrap trust stacks, which validate ' +
      'synthesizes with the fixture',
    () => {
      expect(fixtureEntries.map((entry) => `${entry.resourceType}.${entry.attribute}`)).toEqual([
        'aws_iam_openid_connect_provider.thumbprint_list',
      ]);
      const outdir = path.join(tempDir(), 'cdktf.out');
      try {
        for (const entry of fixtureEntries) {
          const fixture = fixtureValue(drift, drift.provider.build, entry.resourceType, entry.attribute);
          expect(fixture).toEqual((entry.handling as { fixture: unknown }).fixture);
          const bootstrap = bootstrapStacksForValidate(outdir, { oidcThumbprints: fixture });
          const resources = bootstrap.flatMap((stack) => bodiesOf(stack.json, entry.resourceType));
          expect(resources.length).toBeGreaterThan(0);
          for (const body of resources) expect(body[entry.attribute]).toEqual(fixture);
        }
      } finally {
        fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
      }
    },
  );

  it('with the pinned build and no emulator, gives no stack an override', () => {
    for (const json of stackList) {
      expect(stackOverrides(json, { drift, providerBuild: drift.provider.pinned, emulator: false })).toEqual({
        override: undefined,
        notes: [],
      });
    }
  });

  it("with the documented build and the emulator, overrides every stack's pin and every function's runtime", () => {
    for (const [name, json] of Object.entries(stacks)) {
      const { override } = stackOverrides(json, { drift, providerBuild: drift.provider.build, emulator: true });
      expect({ name, aws: override?.terraform?.required_providers.aws }).toEqual({
        name,
        aws: { source: 'hashicorp/aws', version: drift.provider.build },
      });
      for (const [address, body] of Object.entries(json.resource?.aws_lambda_function ?? {})) {
        expect({ address, runtime: override?.resource?.aws_lambda_function[address].runtime }).toEqual({
          address,
          runtime: 'nodejs20.x',
        });
        expect(body.runtime).toBe('nodejs22.x');
      }
    }
  });
});

describe('readDrift', () => {
  const valid: DriftEntry = {
    source: 'emulator',
    resourceType: 'aws_lambda_function',
    attribute: 'logging_config',
    finding,
    handling: 'ignore_changes',
  };
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const driftFile = (entries: unknown[]): string => {
    const file = path.join(dir, `drift-${entries.length}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        emulator: { name: 'moto', version: '5.2.5' },
        provider: { pinned: '6.25.0', build: '5.46.0' },
        entries,
      }),
    );
    return file;
  };

  it('accepts each kind of handling', () => {
    const entries = [
      valid,
      { ...valid, source: 'provider', attribute: 'runtime', handling: { replace: { 'nodejs22.x': 'nodejs20.x' } } },
      { ...valid, resourceType: 'aws_subnet', attribute: 'ipv6_cidr_block', handling: 'unset' },
      {
        ...valid,
        source: 'provider',
        resourceType: 'aws_iam_openid_connect_provider',
        attribute: 'thumbprint_list',
        handling: { fixture: ['0'.repeat(40)] },
      },
    ];
    expect(readDrift(driftFile(entries)).entries).toEqual(entries);
  });

  // Each bad entry is the second one: the message names its index and the field.
  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown source', { source: 'aws' }, 'FILE entries[1]: source "aws"; allowed: provider, emulator'],
    ['no source', { source: undefined }, 'FILE entries[1]: source undefined; allowed: provider, emulator'],
    [
      'no resource type',
      { resourceType: undefined },
      'FILE entries[1]: resourceType undefined is not an aws resource type',
    ],
    [
      'a resource type of another provider',
      { resourceType: 'tfe_workspace' },
      'FILE entries[1]: resourceType "tfe_workspace" is not an aws resource type',
    ],
    [
      'an upper-case resource type',
      { resourceType: 'aws_Lambda_function' },
      'FILE entries[1]: resourceType "aws_Lambda_function" is not an aws resource type',
    ],
    [
      'a nested attribute',
      { attribute: 'logging_config.log_format' },
      'FILE entries[1]: attribute "logging_config.log_format" is not one top-level attribute',
    ],
    ['no attribute', { attribute: undefined }, 'FILE entries[1]: attribute undefined is not one top-level attribute'],
    [
      'a finding too short to say anything',
      { finding: 'moto differs' },
      'FILE entries[1]: finding must say what differs, in a sentence',
    ],
    [
      'a finding that is not text',
      { finding: ['moto returns no description at all'] },
      'FILE entries[1]: finding must say what differs, in a sentence',
    ],
    [
      'an unknown handling',
      { handling: 'ignore' },
      'FILE entries[1]: handling "ignore"; allowed: "ignore_changes", "unset", { "replace": { from: to } } or { ' +
        '"fixture": value }',
    ],
    [
      'an empty handling',
      { handling: {} },
      'FILE entries[1]: handling {}; allowed: "ignore_changes", "unset", { "replace": { from: to } } or { "fixture": ' +
        'value }',
    ],
    [
      'a replacement that is not a map',
      { handling: { replace: 'nodejs20.x' } },
      'FILE entries[1]: handling {"replace":"nodejs20.x"}; allowed: "ignore_changes", "unset", { "replace": { from: ' +
        'to } } or { "fixture": value }',
    ],
    [
      'a replacement that is null',
      { handling: { replace: null } },
      'FILE entries[1]: handling {"replace":null}; allowed: "ignore_changes", "unset", { "replace": { from: to } } ' +
        'or { "fixture": value }',
    ],
    [
      'a replacement that is a list',
      { handling: { replace: ['nodejs20.x'] } },
      'FILE entries[1]: handling {"replace":["nodejs20.x"]}; allowed: "ignore_changes", "unset", { "replace": { ' +
        'from: to } } or { "fixture": value }',
    ],
    [
      'a fixture for the emulator',
      { handling: { fixture: [] } },
      'FILE entries[1]: a fixture entry must have source "provider"',
    ],
    [
      'no handling',
      { handling: undefined },
      'FILE entries[1]: handling undefined; allowed: "ignore_changes", "unset", { "replace": { from: to } } or { ' +
        '"fixture": value }',
    ],
  ])('refuses %s, naming the file it read', (_case, change, message) => {
    const file = driftFile([valid, { ...valid, ...change }]);
    expect(() => readDrift(file)).toThrow(new Error(message.replace('FILE', path.basename(file))));
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no emulator', { emulator: undefined }, 'emulator must be { "name": ..., "version": ... }'],
    [
      'an emulator without a version',
      { emulator: { name: 'moto' } },
      'emulator must be { "name": ..., "version": ... }',
    ],
    ['no provider', { provider: undefined }, 'provider must be { "pinned": ..., "build": ... }'],
    [
      'a provider without its build',
      { provider: { pinned: '6.25.0' } },
      'provider must be { "pinned": ..., "build": ... }',
    ],
    ['entries that are not a list', { entries: { 0: valid } }, 'entries must be a list'],
  ])('refuses a file with %s', (_case, change, message) => {
    const file = driftFile([valid]);
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...change }));
    expect(() => readDrift(file)).toThrow(new Error(`${path.basename(file)}: ${message}`));
  });
});

// A drift file like the shipped one, fixed here so that these tests specify stackOverrides, whatever the shipped file
// lists.
const drift: EngineDrift = {
  emulator: { name: 'moto', version: '5.2.5' },
  provider: { pinned: '6.25.0', build: '5.46.0' },
  entries: [
    {
      source: 'provider',
      resourceType: 'aws_lambda_function',
      attribute: 'runtime',
      finding,
      handling: { replace: { 'nodejs22.x': 'nodejs20.x' } },
    },
    {
      source: 'provider',
      resourceType: 'aws_iam_openid_connect_provider',
      attribute: 'thumbprint_list',
      finding,
      handling: { fixture: ['0'.repeat(40)] },
    },
    {
      source: 'emulator',
      resourceType: 'aws_lambda_function',
      attribute: 'logging_config',
      finding,
      handling: 'ignore_changes',
    },
    {
      source: 'emulator',
      resourceType: 'aws_vpc_security_group_egress_rule',
      attribute: 'description',
      finding,
      handling: 'ignore_changes',
    },
  ],
};

/** A stack as synthesized: the pin, two functions on different runtimes, a rule, an OIDC provider. */
const stack: TerraformJson = {
  terraform: {
    backend: { local: { path: '../../../terraform.dev-privatelink.tfstate' } },
    required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } },
  },
  resource: {
    aws_lambda_function: {
      'invoke-caller': {
        function_name: 'dev-privatelink-invoke-caller',
        runtime: 'nodejs22.x',
        logging_config: { log_format: 'JSON' },
      },
      'python-probe': {
        function_name: 'dev-privatelink-python-probe',
        runtime: 'python3.12',
        logging_config: { log_format: 'JSON' },
      },
    },
    aws_vpc_security_group_egress_rule: {
      'invoke-caller_egress_tcp443': { description: 'HTTPS to the Lambda API', lifecycle: { prevent_destroy: true } },
    },
    aws_iam_openid_connect_provider: {
      'tfc-trust_oidc-provider': { url: 'https://app.terraform.io', client_id_list: ['aws.workload.identity'] },
    },
  },
};

describe('stackOverrides', () => {
  it('with the pinned build and no emulator: no override and no notes', () => {
    expect(stackOverrides(stack, { drift, providerBuild: '6.25.0', emulator: false })).toEqual({
      override: undefined,
      notes: [],
    });
  });

  it(
    'with another build: overrides the pin, and the runtime of only the functions whose runtime the entry ' + 'lists',
    () => {
      expect(stackOverrides(stack, { drift, providerBuild: '5.46.0', emulator: false })).toEqual({
        override: {
          terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.46.0' } } },
          resource: { aws_lambda_function: { 'invoke-caller': { runtime: 'nodejs20.x' } } },
        },
        notes: [
          'hashicorp/aws 5.46.0 instead of the pinned 6.25.0',
          'aws_lambda_function.runtime (provider): nodejs22.x -> nodejs20.x on 1',
        ],
      });
    },
  );

  it('gives a stack without the AWS provider (the tfe workspaces stack) no override, whatever the build', () => {
    const workspacesStack: TerraformJson = {
      terraform: { required_providers: { tfe: { source: 'hashicorp/tfe', version: '0.71.0' } } },
      resource: { tfe_workspace: { 'dev-private-only': { name: 'lambda-vpc-dev-private-only' } } },
    };
    expect(stackOverrides(workspacesStack, { drift, providerBuild: '5.46.0', emulator: true })).toEqual({
      override: undefined,
      notes: [],
    });
  });

  it("gives no override when an entry's resource type is there but no value matches", () => {
    const monitoringDrift: EngineDrift = {
      ...drift,
      entries: [
        {
          source: 'emulator',
          resourceType: 'aws_instance',
          attribute: 'monitoring',
          finding,
          handling: { replace: { true: false } },
        },
      ],
    };
    const unmonitored: TerraformJson = {
      terraform: stack.terraform,
      resource: { aws_instance: { nat: { monitoring: false } } },
    };
    expect(stackOverrides(unmonitored, { drift: monitoringDrift, providerBuild: '6.25.0', emulator: true })).toEqual({
      override: undefined,
      notes: [],
    });
  });

  it('replaces a value that is not text through its text as the key: { "true": false } turns monitoring off', () => {
    const monitoringDrift: EngineDrift = {
      ...drift,
      entries: [
        {
          source: 'emulator',
          resourceType: 'aws_instance',
          attribute: 'monitoring',
          finding,
          handling: { replace: { true: false } },
        },
      ],
    };
    const natStack: TerraformJson = {
      terraform: stack.terraform,
      resource: { aws_instance: { monitored: { monitoring: true }, unmonitored: { monitoring: false } } },
    };
    expect(stackOverrides(natStack, { drift: monitoringDrift, providerBuild: '6.25.0', emulator: true })).toEqual({
      override: { resource: { aws_instance: { monitored: { monitoring: false } } } },
      notes: ['aws_instance.monitoring (emulator): true -> false on 1'],
    });
  });

  it('unsets an argument the emulator cannot take (null in the override), only where the stack writes it', () => {
    const subnetDrift: EngineDrift = {
      ...drift,
      entries: [
        { source: 'emulator', resourceType: 'aws_subnet', attribute: 'ipv6_cidr_block', finding, handling: 'unset' },
      ],
    };
    const dualStack: TerraformJson = {
      terraform: stack.terraform,
      resource: {
        aws_subnet: {
          private: { cidr_block: '10.0.64.0/20', ipv6_cidr_block: '${cidrsubnet(aws_vpc.vpc.ipv6_cidr_block, 8, 4)}' },
          public: { cidr_block: '10.0.0.0/26' },
        },
      },
    };
    expect(stackOverrides(dualStack, { drift: subnetDrift, providerBuild: '6.25.0', emulator: true })).toEqual({
      override: { resource: { aws_subnet: { private: { ipv6_cidr_block: null } } } },
      notes: ['aws_subnet.ipv6_cidr_block (emulator): unset on 1'],
    });
    expect(stackOverrides(dualStack, { drift: subnetDrift, providerBuild: '6.25.0', emulator: false })).toEqual({
      override: undefined,
      notes: [],
    });
  });

  it('never edits the stack JSON it is given', () => {
    const before = JSON.stringify(stack);
    stackOverrides(stack, { drift, providerBuild: '5.46.0', emulator: true });
    expect(JSON.stringify(stack)).toBe(before);
  });

  it(
    'with the emulator and the pinned build: ignore_changes on the attribute of every resource of the type, no pin ' +
      'override',
    () => {
      expect(stackOverrides(stack, { drift, providerBuild: '6.25.0', emulator: true })).toEqual({
        override: {
          resource: {
            aws_lambda_function: {
              'invoke-caller': { lifecycle: { ignore_changes: ['logging_config'] } },
              'python-probe': { lifecycle: { ignore_changes: ['logging_config'] } },
            },
            aws_vpc_security_group_egress_rule: {
              'invoke-caller_egress_tcp443': { lifecycle: { ignore_changes: ['description'] } },
            },
          },
        },
        notes: [
          'aws_lambda_function.logging_config (emulator): changes ignored on 2',
          'aws_vpc_security_group_egress_rule.description (emulator): changes ignored on 1',
        ],
      });
    },
  );

  it('with the emulator and another build: both, merged into one body per resource', () => {
    const { override, notes } = stackOverrides(stack, { drift, providerBuild: '5.46.0', emulator: true });
    expect(override?.resource?.aws_lambda_function).toEqual({
      'invoke-caller': { runtime: 'nodejs20.x', lifecycle: { ignore_changes: ['logging_config'] } },
      'python-probe': { lifecycle: { ignore_changes: ['logging_config'] } },
    });
    expect(notes).toEqual([
      'hashicorp/aws 5.46.0 instead of the pinned 6.25.0',
      'aws_lambda_function.runtime (provider): nodejs22.x -> nodejs20.x on 1',
      'aws_lambda_function.logging_config (emulator): changes ignored on 2',
      'aws_vpc_security_group_egress_rule.description (emulator): changes ignored on 1',
    ]);
  });

  it('keeps the ignore_changes a resource already has (an override replaces the whole list): ["ami"] stays', () => {
    const instanceDrift: EngineDrift = {
      ...drift,
      entries: [
        {
          source: 'emulator',
          resourceType: 'aws_instance',
          attribute: 'user_data',
          finding,
          handling: 'ignore_changes',
        },
      ],
    };
    const natStack: TerraformJson = {
      terraform: stack.terraform,
      resource: {
        aws_instance: {
          nat_instance: {
            ami: '${data.aws_ssm_parameter.nat_ami.value}',
            lifecycle: { ignore_changes: ['ami'], prevent_destroy: true },
          },
        },
      },
    };
    expect(
      stackOverrides(natStack, { drift: instanceDrift, providerBuild: '6.25.0', emulator: true }).override,
    ).toEqual({
      resource: { aws_instance: { nat_instance: { lifecycle: { ignore_changes: ['ami', 'user_data'] } } } },
    });
  });

  it('collects every ignored attribute of one resource, each once', () => {
    const twoAttributes: EngineDrift = {
      ...drift,
      entries: [
        {
          source: 'emulator',
          resourceType: 'aws_instance',
          attribute: 'user_data',
          finding,
          handling: 'ignore_changes',
        },
        { source: 'emulator', resourceType: 'aws_instance', attribute: 'ami', finding, handling: 'ignore_changes' },
        { source: 'emulator', resourceType: 'aws_instance', attribute: 'tags', finding, handling: 'ignore_changes' },
      ],
    };
    const natStack: TerraformJson = {
      terraform: stack.terraform,
      resource: { aws_instance: { nat_instance: { lifecycle: { ignore_changes: ['ami'] } } } },
    };
    expect(
      stackOverrides(natStack, { drift: twoAttributes, providerBuild: '6.25.0', emulator: true }).override,
    ).toEqual({
      resource: { aws_instance: { nat_instance: { lifecycle: { ignore_changes: ['ami', 'user_data', 'tags'] } } } },
    });
  });

  it('applies no emulator entry outside the emulator, whatever the build', () => {
    for (const providerBuild of ['6.25.0', '5.46.0']) {
      const { override, notes } = stackOverrides(stack, { drift, providerBuild, emulator: false });
      expect(JSON.stringify(override ?? {})).not.toContain('ignore_changes');
      expect(notes.filter((note) => note.includes('(emulator)'))).toEqual([]);
    }
  });

  it('refuses a build that is neither the pinned nor the documented one, naming both', () => {
    for (const emulator of [false, true]) {
      expect(() => stackOverrides(stack, { drift, providerBuild: '5.80.0', emulator })).toThrow(
        new Error(
          'the provider in the mirror is hashicorp/aws 5.80.0, but engine-drift.json documents 5.46.0 (and the ' +
            'stacks pin 6.25.0): ' +
            "check the build's gaps and update engine-drift.json",
        ),
      );
    }
  });

  it('never turns a fixture entry into override content, even on a stack with its resource type', () => {
    const fixtureOnly: EngineDrift = {
      ...drift,
      entries: drift.entries.filter((entry) => entry.resourceType === 'aws_iam_openid_connect_provider'),
    };
    for (const emulator of [false, true]) {
      expect(stackOverrides(stack, { drift: fixtureOnly, providerBuild: '5.46.0', emulator })).toEqual({
        override: { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.46.0' } } } },
        notes: ['hashicorp/aws 5.46.0 instead of the pinned 6.25.0'],
      });
    }
  });
});

describe('fixtureValue', () => {
  it('gives the fixture of a provider entry when the build is not the pinned one', () => {
    expect(fixtureValue(drift, '5.46.0', 'aws_iam_openid_connect_provider', 'thumbprint_list')).toEqual([
      '0'.repeat(40),
    ]);
  });

  it('gives nothing with the pinned build, which needs no fixture', () => {
    expect(fixtureValue(drift, '6.25.0', 'aws_iam_openid_connect_provider', 'thumbprint_list')).toBeUndefined();
  });

  it('gives nothing for an attribute without a fixture entry, or an entry of another kind', () => {
    expect(fixtureValue(drift, '5.46.0', 'aws_iam_openid_connect_provider', 'client_id_list')).toBeUndefined();
    expect(fixtureValue(drift, '5.46.0', 'aws_lambda_function', 'runtime')).toBeUndefined();
  });

  it('gives nothing for an emulator entry: fixtures are for the provider build', () => {
    const emulatorFixture: EngineDrift = { ...drift, entries: [{ ...drift.entries[1], source: 'emulator' }] };
    expect(
      fixtureValue(emulatorFixture, '5.46.0', 'aws_iam_openid_connect_provider', 'thumbprint_list'),
    ).toBeUndefined();
  });
});

describe('copyStackWithOverrides and writeStackOverrides', () => {
  let work: string;
  let stackDir: string;
  let copyDir: string;
  const stackText = `${JSON.stringify(stack, null, 2)}\n`;
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3]);

  beforeEach(() => {
    work = tempDir();
    stackDir = path.join(work, 'cdktf.out', 'stacks', 'dev-privatelink');
    copyDir = path.join(work, '.engine', 'validate', 'dev-privatelink');
    fs.mkdirSync(path.join(stackDir, 'assets', 'invoke-caller_code', 'abc123'), { recursive: true });
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), stackText);
    fs.writeFileSync(path.join(stackDir, 'assets', 'invoke-caller_code', 'abc123', 'archive.zip'), zip);
    // What an engine run leaves in a stack folder: the plugins it installed, and local state.
    fs.mkdirSync(path.join(stackDir, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(stackDir, '.terraform', 'providers', 'plugin'), 'binary');
    fs.writeFileSync(path.join(stackDir, 'terraform.tfstate'), '{}');
    fs.writeFileSync(path.join(stackDir, 'terraform.tfstate.backup'), '{}');
    fs.writeFileSync(path.join(stackDir, 'terraform.dev-privatelink.emulator.tfstate'), '{}');
    // A deploy from the folder records the pinned version; copied beside a 5.46.0 override, init would refuse it.
    fs.writeFileSync(
      path.join(stackDir, '.terraform.lock.hcl'),
      'provider "registry.terraform.io/hashicorp/aws" {\n  version = "6.25.0"\n}\n',
    );
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  const listing = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[]).sort();

  it(
    'copies the JSON and the function zips, not .terraform, the lock file or state, and writes the override into ' +
      'the copy',
    () => {
      const notes = copyStackWithOverrides(stackDir, copyDir, { drift, providerBuild: '5.46.0', emulator: false });
      expect(notes).toEqual([
        'hashicorp/aws 5.46.0 instead of the pinned 6.25.0',
        'aws_lambda_function.runtime (provider): nodejs22.x -> nodejs20.x on 1',
      ]);
      expect(listing(copyDir)).toEqual([
        'assets',
        'assets/invoke-caller_code',
        'assets/invoke-caller_code/abc123',
        'assets/invoke-caller_code/abc123/archive.zip',
        'cdk.tf.json',
        OVERRIDE_FILE,
      ]);
      expect(OVERRIDE_FILE).toBe('engine_override.tf.json');
      expect(fs.readFileSync(path.join(copyDir, 'cdk.tf.json'), 'utf8')).toBe(stackText);
      expect(fs.readFileSync(path.join(copyDir, 'assets', 'invoke-caller_code', 'abc123', 'archive.zip'))).toEqual(zip);
      const expected = stackOverrides(stack, { drift, providerBuild: '5.46.0', emulator: false }).override;
      expect(fs.readFileSync(path.join(copyDir, OVERRIDE_FILE), 'utf8')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    },
  );

  it('leaves the synthesized folder as it was', () => {
    const before = listing(stackDir);
    copyStackWithOverrides(stackDir, copyDir, { drift, providerBuild: '5.46.0', emulator: true });
    expect(listing(stackDir)).toEqual(before);
    expect(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).toBe(stackText);
  });

  it('replaces what an earlier copy left, and writes no override when none is needed', () => {
    copyStackWithOverrides(stackDir, copyDir, { drift, providerBuild: '5.46.0', emulator: false });
    fs.writeFileSync(path.join(copyDir, 'terraform.tfstate'), '{}');
    expect(copyStackWithOverrides(stackDir, copyDir, { drift, providerBuild: '6.25.0', emulator: false })).toEqual([]);
    expect(listing(copyDir)).toEqual([
      'assets',
      'assets/invoke-caller_code',
      'assets/invoke-caller_code/abc123',
      'assets/invoke-caller_code/abc123/archive.zip',
      'cdk.tf.json',
    ]);
  });

  it('writeStackOverrides writes the override in place, and removes a stale one when none is needed', () => {
    expect(writeStackOverrides(stackDir, { drift, providerBuild: '6.25.0', emulator: true })).toEqual([
      'aws_lambda_function.logging_config (emulator): changes ignored on 2',
      'aws_vpc_security_group_egress_rule.description (emulator): changes ignored on 1',
    ]);
    const written = JSON.parse(fs.readFileSync(path.join(stackDir, OVERRIDE_FILE), 'utf8')) as TerraformBody;
    expect(written).toEqual(stackOverrides(stack, { drift, providerBuild: '6.25.0', emulator: true }).override);
    expect(writeStackOverrides(stackDir, { drift, providerBuild: '6.25.0', emulator: false })).toEqual([]);
    expect(fs.existsSync(path.join(stackDir, OVERRIDE_FILE))).toBe(false);
    expect(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).toBe(stackText);
  });
});
