// Emulator mode: LAMBDA_VPC_EMULATOR_ENDPOINT points every stack's AWS provider at a local emulator, with fake
// credentials and a state file of its own, for apply/plan/destroy tests that need no AWS account.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EMULATED_SERVICES,
  EMULATOR_VARIABLE,
  EmulatorEndpointError,
  emulatorEndpointFromEnvironment,
  emulatorStateFile,
  EnvironmentValues,
  runSynth,
  synthEnvironments,
} from '@lambda-vpc/stacks';
import { withEmulatorVariable } from '../../test-support/emulator-variable';
import { TerraformBody, TerraformJson } from '../../test-support/terraform-json';
import { captureConsole, environmentValues, synthToTemp, variantsAt, variantsWith } from './fixtures';

const ENDPOINT = 'http://127.0.0.1:4566';
const ALLOWED =
  'emulator mode sends every AWS call of the stacks to a local emulator; ' +
  'allowed: http://127.0.0.1:<port> or http://localhost:<port> (port 1-65535), or unset for AWS itself';

function tempOutdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-emu-')), 'cdktf.out');
}

describe('emulatorEndpointFromEnvironment', () => {
  it.each(['http://127.0.0.1:4566', 'http://localhost:5000', 'http://127.0.0.1:1', 'http://localhost:65535'])(
    'accepts %s',
    (value) => {
      expect(emulatorEndpointFromEnvironment({ [EMULATOR_VARIABLE]: value })).toBe(value);
    },
  );

  it('is undefined (AWS itself) when the variable is unset or empty', () => {
    expect(emulatorEndpointFromEnvironment({})).toBeUndefined();
    expect(emulatorEndpointFromEnvironment({ [EMULATOR_VARIABLE]: '' })).toBeUndefined();
  });

  it('reads the process environment by default', () => {
    expect(withEmulatorVariable('http://localhost:5000', () => emulatorEndpointFromEnvironment())).toBe(
      'http://localhost:5000',
    );
    expect(withEmulatorVariable(undefined, () => emulatorEndpointFromEnvironment())).toBeUndefined();
  });

  it.each([
    ['https, which no local emulator serves', 'https://127.0.0.1:4566'],
    ['an address that is not loopback: the fake credentials would leave the machine', 'http://10.0.0.1:4566'],
    ['a host name other than localhost', 'http://example.com:80'],
    ['no port', 'http://127.0.0.1'],
    ['port 0', 'http://127.0.0.1:0'],
    ['a port above 65535', 'http://127.0.0.1:70000'],
    ['a path after the port', 'http://127.0.0.1:4566/'],
  ])('refuses %s (%s), naming the variable, the value and what is allowed', (_case, value) => {
    const read = () => emulatorEndpointFromEnvironment({ [EMULATOR_VARIABLE]: value });
    expect(read).toThrow(EmulatorEndpointError);
    expect(read).toThrow(new Error(`LAMBDA_VPC_EMULATOR_ENDPOINT = ${JSON.stringify(value)}: ${ALLOWED}`));
  });

  it('names its error EmulatorEndpointError', () => {
    expect(new EmulatorEndpointError('x').name).toBe('EmulatorEndpointError');
  });
});

describe('emulatorStateFile', () => {
  it("is a file of its own per stack, never the stack's real state file", () => {
    expect(emulatorStateFile('dev-nat-egress')).toBe('terraform.dev-nat-egress.emulator.tfstate');
  });
});

// Every variant, every NAT kind (instance, gateway, self-healing instance), the inbound resolver and a remote caller;
// one environment on the S3 backend.
const environments: EnvironmentValues[] = [
  environmentValues({ name: 'emu', accountId: '123456789012', variants: variantsAt(60, 'instance') }),
  environmentValues({
    name: 'gw',
    accountId: '210987654321',
    variants: variantsWith(
      {
        natEgress: { nat: { strategy: 'gateway-per-az' } },
        privatelink: {
          onPremisesCidrs: ['172.16.0.0/16'],
          resolverInboundEndpoint: true,
          // Route 53 for the remote callers' private hosted zone.
          remoteCallers: [
            {
              name: 'orders',
              cidr: '10.200.0.0/16',
              vpcId: 'vpc-0a1b2c3d4e5f67890',
              principals: ['210987654321'],
              join: { type: 'peering' },
            },
          ],
        },
      },
      63,
    ),
    backend: { type: 's3', bucket: 'acme-terraform-state', region: 'eu-west-1' },
  }),
  environmentValues({ name: 'heal', accountId: '123456789012', variants: variantsAt(66, 'self-healing-instance') }),
];
const ACCOUNTS: Record<string, string> = { emu: '123456789012', gw: '210987654321', heal: '123456789012' };
const STACKS = ['emu', 'gw', 'heal'].flatMap((env) =>
  ['private-only', 'nat-egress', 'privatelink'].map((variant) => ({ env, stack: `${env}-${variant}` })),
);

const emulated = withEmulatorVariable(ENDPOINT, () => synthToTemp(environments));
const normal = withEmulatorVariable(undefined, () => synthToTemp(environments));
const EMULATOR_PROVIDER_KEYS = [
  'access_key',
  'secret_key',
  'skip_credentials_validation',
  'skip_metadata_api_check',
  's3_use_path_style',
  'endpoints',
];

function awsProvider(json: TerraformJson): TerraformBody {
  const providers = json.provider?.aws ?? [];
  if (providers.length !== 1) throw new Error(`expected one aws provider, found ${providers.length}`);
  return providers[0];
}

describe('a stack in emulator mode', () => {
  it('synthesizes every stack of every environment', () => {
    expect(Object.keys(emulated.stacks).sort()).toEqual(STACKS.map(({ stack }) => stack).sort());
  });

  it.each(STACKS)('$stack: fake credentials, no credential or metadata checks, path-style S3', ({ stack }) => {
    const provider = awsProvider(emulated.stacks[stack]);
    expect(provider).toMatchObject({
      access_key: 'emulator',
      secret_key: 'emulator',
      skip_credentials_validation: true,
      skip_metadata_api_check: 'true',
      s3_use_path_style: true,
    });
  });

  it.each(STACKS)('$stack: every service endpoint is the emulator', ({ stack }) => {
    const provider = awsProvider(emulated.stacks[stack]);
    expect(provider.endpoints).toHaveLength(1);
    const endpoints = provider.endpoints[0] as Record<string, string>;
    // The JSON keys are the provider's (route53resolver), the TS keys camelCase (route53Resolver).
    expect(Object.keys(endpoints).sort()).toEqual(EMULATED_SERVICES.map((service) => service.toLowerCase()).sort());
    for (const [service, url] of Object.entries(endpoints))
      expect({ service, url }).toEqual({ service, url: ENDPOINT });
  });

  it.each(STACKS)("$stack: still only the environment's account, region and tags", ({ env, stack }) => {
    const provider = awsProvider(emulated.stacks[stack]);
    const {
      access_key,
      secret_key,
      skip_credentials_validation,
      skip_metadata_api_check,
      s3_use_path_style,
      endpoints,
      ...rest
    } = provider;
    expect(rest).toEqual(awsProvider(normal.stacks[stack]));
    expect(provider.allowed_account_ids).toEqual([ACCOUNTS[env]]);
  });

  it.each(STACKS)("$stack: local state in a file of its own, whatever the environment's backend", ({ stack }) => {
    expect(emulated.stacks[stack].terraform?.backend).toEqual({
      local: { path: `../../../terraform.${stack}.emulator.tfstate` },
    });
  });

  it.each(STACKS)(
    '$stack: the same resources, data sources, outputs and provider pin as outside emulator mode',
    ({ stack }) => {
      // cdktf's `//` metadata names the backend, which differs.
      const {
        provider: _emulatedProvider,
        terraform: emulatedTerraform,
        '//': _emulatedMetadata,
        ...emulatedRest
      } = emulated.stacks[stack] as TerraformJson & { '//'?: unknown };
      const {
        provider: _normalProvider,
        terraform: normalTerraform,
        '//': _normalMetadata,
        ...normalRest
      } = normal.stacks[stack] as TerraformJson & { '//'?: unknown };
      expect(Object.keys(emulatedRest)).toContain('resource');
      expect(emulatedRest).toEqual(normalRest);
      expect(emulatedTerraform?.required_providers).toEqual(normalTerraform?.required_providers);
    },
  );
});

describe('a stack outside emulator mode', () => {
  it.each(STACKS)('$stack: none of the emulator provider settings', ({ stack }) => {
    const provider = awsProvider(normal.stacks[stack]);
    for (const key of EMULATOR_PROVIDER_KEYS) expect({ key, set: key in provider }).toEqual({ key, set: false });
  });

  it.each(STACKS.filter(({ env }) => env !== 'gw'))('$stack: the normal local state file', ({ stack }) => {
    expect(normal.stacks[stack].terraform?.backend).toEqual({ local: { path: `../../../terraform.${stack}.tfstate` } });
  });

  it.each(STACKS.filter(({ env }) => env === 'gw'))("$stack: the environment's S3 backend", ({ stack }) => {
    expect(Object.keys(normal.stacks[stack].terraform?.backend ?? {})).toEqual(['s3']);
  });
});

// Each AWS resource and data source type of the stacks, by the provider `endpoints` key of the API it calls: a
// type of a service the emulator does not get would call real AWS with the fake credentials. The first match wins.
const SERVICE_OF_TYPE: [pattern: string, service: string][] = [
  ['aws_vpc*', 'ec2'],
  ['aws_subnet', 'ec2'],
  ['aws_route', 'ec2'],
  ['aws_route_*', 'ec2'],
  ['aws_eip*', 'ec2'],
  ['aws_instance', 'ec2'],
  ['aws_launch_template', 'ec2'],
  ['aws_network_interface', 'ec2'],
  ['aws_autoscaling_*', 'autoscaling'],
  ['aws_nat_gateway', 'ec2'],
  ['aws_internet_gateway', 'ec2'],
  ['aws_*security_group*', 'ec2'],
  ['aws_flow_log', 'ec2'],
  ['aws_iam_*', 'iam'],
  ['aws_kms_*', 'kms'],
  ['aws_lambda_*', 'lambda'],
  ['aws_cloudwatch_log_group', 'logs'],
  ['aws_dynamodb_*', 'dynamodb'],
  ['aws_s3_*', 's3'],
  ['aws_route53_resolver_*', 'route53resolver'],
  ['aws_route53_zone*', 'route53'],
  ['aws_route53_record', 'route53'],
  ['aws_route53_vpc_association_authorization', 'route53'],
  ['aws_ec2_transit_gateway*', 'ec2'],
  ['aws_ssm_*', 'ssm'],
];

function serviceOf(type: string): string | undefined {
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(type);
  return SERVICE_OF_TYPE.find(([pattern]) => matches(pattern))?.[1];
}

describe('EMULATED_SERVICES', () => {
  // Every variant stack of both environments (the bootstrap's trust stack is checked in its own workspace).
  const stacks: TerraformJson[] = Object.values(emulated.stacks).filter((json) => json.provider?.aws !== undefined);
  const types = [
    ...new Set(stacks.flatMap((json) => [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})])),
  ].sort();
  const endpointKeys = EMULATED_SERVICES.map((service) => service.toLowerCase());

  it(
    'the stacks checked have every kind of resource: NAT instance and gateways, the self-healing NAT instance, the ' +
      "inbound resolver, the remote callers' hosted zone, the SSM AMI lookup",
    () => {
      expect(types).toEqual(
        expect.arrayContaining([
          'aws_instance',
          'aws_autoscaling_group',
          'aws_launch_template',
          'aws_network_interface',
          'aws_nat_gateway',
          'aws_eip',
          'aws_route53_resolver_endpoint',
          'aws_route53_zone',
          'aws_ssm_parameter',
          'aws_vpc_endpoint',
          'aws_lambda_function',
          'aws_dynamodb_table',
          'aws_s3_bucket',
        ]),
      );
    },
  );

  it('cover the service of every resource and data source type the stacks use', () => {
    const unmapped = types.filter((type) => serviceOf(type) === undefined);
    expect({ typesWithoutAServiceInThisTest: unmapped }).toEqual({ typesWithoutAServiceInThisTest: [] });
    const notEmulated = types
      .filter((type) => !endpointKeys.includes(serviceOf(type)!))
      .map((type) => `${type} (${serviceOf(type)})`);
    expect({ typesOfServicesNotEmulated: notEmulated }).toEqual({ typesOfServicesNotEmulated: [] });
  });

  it('include STS, which the provider calls itself to check allowed_account_ids', () => {
    expect(endpointKeys).toContain('sts');
  });

  it('has no service that no type of the stacks uses, other than STS', () => {
    const used = new Set(types.map((type) => serviceOf(type)));
    expect(endpointKeys.filter((service) => service !== 'sts' && !used.has(service))).toEqual([]);
  });
});

describe('the synth report in emulator mode', () => {
  const { logs, errors } = captureConsole();

  it('says first that every AWS call goes to the endpoint, with fake credentials, and where the state goes', () => {
    withEmulatorVariable('http://localhost:5000', () => runSynth([environmentValues()], { outdir: tempOutdir() }));
    expect(logs[0]).toBe(
      'synth: emulator mode: every AWS call goes to http://localhost:5000 with fake credentials; ' +
        'local state terraform.<stack>.emulator.tfstate; not deployable to AWS',
    );
    expect(logs.slice(2, 5)).toEqual([
      expect.stringMatching(/^synth: test-private-only: \d+ resources -> /),
      expect.stringMatching(/^synth: test-nat-egress: \d+ resources -> /),
      expect.stringMatching(/^synth: test-privatelink: \d+ resources -> /),
    ]);
    expect(errors).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  it('says nothing about an emulator outside emulator mode', () => {
    withEmulatorVariable(undefined, () => runSynth([environmentValues()], { outdir: tempOutdir() }));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((line) => /emulator/i.test(line))).toEqual([]);
  });

  it('returns the endpoint in the synth result, and undefined outside emulator mode', () => {
    expect(
      withEmulatorVariable(ENDPOINT, () => synthEnvironments([environmentValues()], { outdir: tempOutdir() }))
        .emulatorEndpoint,
    ).toBe(ENDPOINT);
    expect(
      withEmulatorVariable(undefined, () => synthEnvironments([environmentValues()], { outdir: tempOutdir() }))
        .emulatorEndpoint,
    ).toBeUndefined();
  });

  it("fails with the variable's problem, exit code 1, and writes nothing, for an endpoint that is not allowed", () => {
    const outdir = tempOutdir();
    withEmulatorVariable('http://10.0.0.1:4566', () => runSynth([environmentValues()], { outdir }));
    expect(errors).toEqual([
      `synth failed; nothing was written: LAMBDA_VPC_EMULATOR_ENDPOINT = "http://10.0.0.1:4566": ${ALLOWED}`,
    ]);
    expect(process.exitCode).toBe(1);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });
});
