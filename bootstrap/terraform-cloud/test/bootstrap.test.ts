import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BootstrapSynthOptions,
  NoCloudBackendError,
  NOTHING_TO_BOOTSTRAP,
  runBootstrapSynth,
  synthBootstrap,
  synthesizedStackFolder,
} from '@lambda-vpc/bootstrap-terraform-cloud';
import { ConfigError, EnvironmentValues } from '@lambda-vpc/stacks';
import { captureConsole } from '../../../test-support/console-capture';
import { environmentValues, variantsAt } from '../../../test-support/environment-values';
import { TerraformBody, TerraformJson } from '../../../test-support/terraform-json';

const VARIANT_NAMES = ['private-only', 'nat-egress', 'privatelink'];
const CLOUD = { type: 'cloud', organization: 'acme', project: 'networking' } as const;
const STATIC_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

function tempOutdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-bootstrap-')), 'cdktf.out');
}

/** Synthesizes the bootstrap stacks into a fresh temporary directory and reads every stack back. */
function bootstrapToTemp(values: EnvironmentValues[], options: BootstrapSynthOptions = {}) {
  const outdir = tempOutdir();
  const result = synthBootstrap(values, { ...options, outdir });
  const stacks: Record<string, TerraformJson> = Object.fromEntries(
    result.stacks.map((stack) => [stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson]),
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { dependencies: string[] }>;
  };
  return { outdir, result, stacks, manifest };
}

/** A resource's arguments without cdktf's `//` metadata. */
function argumentsOf(body: TerraformBody | undefined): TerraformBody {
  if (body === undefined) throw new Error('no such resource');
  const { '//': _metadata, ...rest } = body;
  return rest;
}

function resources(json: TerraformJson, type: string): Record<string, TerraformBody> {
  return json.resource?.[type] ?? {};
}

/** The one statement of a role's trust policy, parsed. */
function trustStatements(role: TerraformBody): TerraformBody[] {
  const policy = JSON.parse(role.assume_role_policy) as { Version: string; Statement: TerraformBody[] };
  expect(policy.Version).toBe('2012-10-17');
  return policy.Statement;
}

// Two cloud environments in two accounts, and one that keeps the default local backend.
const { stacks, result, manifest } = bootstrapToTemp([
  environmentValues({ name: 'one', accountId: '111122223333', variants: variantsAt(150), backend: CLOUD }),
  environmentValues({ name: 'loc', accountId: '999988887777', variants: variantsAt(160) }),
  environmentValues({
    name: 'two',
    accountId: '444455556666',
    region: 'eu-central-1',
    availabilityZones: ['eu-central-1a', 'eu-central-1b'],
    variants: variantsAt(170),
    backend: CLOUD,
  }),
]);
const workspacesStack = stacks['terraform-cloud-workspaces'];
const cloudEnvs = [
  { name: 'one', account: '111122223333', region: 'eu-west-1' },
  { name: 'two', account: '444455556666', region: 'eu-central-1' },
];
const stackCases = cloudEnvs.flatMap((env) =>
  VARIANT_NAMES.map((variant) => ({ ...env, variant, stack: `${env.name}-${variant}` })),
);

describe('bootstrap stacks', () => {
  it('are the workspaces stack and one trust stack per cloud environment, nothing for the local one', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([
      'terraform-cloud-workspaces',
      'one-tfc-trust',
      'two-tfc-trust',
    ]);
  });

  it('pass the guardrails with nothing to warn about or suppress', () => {
    expect(result.guardrails).toEqual({ warnings: [], suppressed: [] });
  });
});

describe('terraform-cloud-workspaces', () => {
  it('uses the tfe provider for the host, pinned exactly, and keeps its own state local', () => {
    expect(workspacesStack.provider).toEqual({ tfe: [{ hostname: 'app.terraform.io' }] });
    expect(workspacesStack.terraform?.required_providers).toEqual({
      tfe: { source: 'hashicorp/tfe', version: '0.71.0' },
    });
    expect(workspacesStack.terraform?.backend).toEqual({
      local: { path: '../../../terraform.terraform-cloud-workspaces.tfstate' },
    });
  });

  it('looks the project up by name, once', () => {
    expect(Object.keys(workspacesStack.data?.tfe_project ?? {})).toEqual(['project_acme_networking']);
    expect(argumentsOf(workspacesStack.data?.tfe_project?.project_acme_networking)).toEqual({
      name: 'networking',
      organization: 'acme',
    });
  });

  it('creates exactly one workspace per environment stack', () => {
    expect(Object.keys(resources(workspacesStack, 'tfe_workspace')).sort()).toEqual(
      stackCases.map((c) => c.stack).sort(),
    );
  });

  it.each(stackCases)(
    '$stack: workspace lambda-vpc-$stack in acme, in the project, rooted at the uploaded stack folder, tagged',
    ({ name, variant, stack }) => {
      expect(argumentsOf(resources(workspacesStack, 'tfe_workspace')[stack])).toEqual({
        name: `lambda-vpc-${stack}`,
        organization: 'acme',
        project_id: '${data.tfe_project.project_acme_networking.id}',
        working_directory: '',
        tag_names: [`environment:${name}`, `variant:${variant}`],
        description:
          `${stack} of lambda-vpc-blueprints: CLI-driven remote runs; cdktf deploy uploads the ` + `synthesized stack`,
      });
    },
  );

  it.each(stackCases)('$stack: remote execution, set through tfe_workspace_settings', ({ stack }) => {
    const settings = Object.values(resources(workspacesStack, 'tfe_workspace_settings')).filter(
      (body) => body.workspace_id === `\${tfe_workspace.${stack}.id}`,
    );
    expect(settings.map(argumentsOf)).toEqual([
      { workspace_id: `\${tfe_workspace.${stack}.id}`, execution_mode: 'remote' },
    ]);
    expect(resources(workspacesStack, 'tfe_workspace')[stack].execution_mode).toBeUndefined();
  });

  it.each(stackCases)(
    '$stack: exactly two env variables, dynamic AWS credentials through <prefix>-$name-tfc-run',
    ({ name, account, stack }) => {
      const variables = Object.values(resources(workspacesStack, 'tfe_variable'))
        .filter((body) => body.workspace_id === `\${tfe_workspace.${stack}.id}`)
        .map(argumentsOf)
        .map(({ description: _description, ...rest }) => rest)
        .sort((a, b) => a.key.localeCompare(b.key));
      expect(variables).toEqual([
        { workspace_id: `\${tfe_workspace.${stack}.id}`, category: 'env', key: 'TFC_AWS_PROVIDER_AUTH', value: 'true' },
        {
          workspace_id: `\${tfe_workspace.${stack}.id}`,
          category: 'env',
          key: 'TFC_AWS_RUN_ROLE_ARN',
          value: `arn:aws:iam::${account}:role/lambda-vpc-${name}-tfc-run`,
        },
      ]);
    },
  );

  it('has no variable other than the two per workspace', () => {
    expect(Object.keys(resources(workspacesStack, 'tfe_variable'))).toHaveLength(2 * stackCases.length);
    expect(Object.keys(workspacesStack.resource ?? {}).sort()).toEqual([
      'tfe_variable',
      'tfe_workspace',
      'tfe_workspace_settings',
    ]);
  });

  it('stores no static AWS key anywhere: no such variable, and not even the names in any bootstrap stack', () => {
    for (const [name, json] of Object.entries(stacks)) {
      const keys = Object.values(resources(json, 'tfe_variable')).map((body) => body.key);
      expect({ name, keys: keys.filter((key) => STATIC_KEYS.includes(key)) }).toEqual({ name, keys: [] });
      const text = JSON.stringify(json);
      expect({ name, found: STATIC_KEYS.filter((key) => text.includes(key)) }).toEqual({ name, found: [] });
    }
  });

  it('gives the local-backend environment nothing', () => {
    const text = JSON.stringify(workspacesStack);
    expect(text).not.toContain('loc-');
    expect(text).not.toContain('999988887777');
    expect(stacks['loc-tfc-trust']).toBeUndefined();
  });
});

describe.each(cloudEnvs)('$name-tfc-trust', ({ name, account, region }) => {
  const trust = () => stacks[`${name}-tfc-trust`];
  const role = () => resources(trust(), 'aws_iam_role')['tfc-trust_run-role'];

  it("uses the AWS provider for the environment's account and region only, pinned exactly", () => {
    expect(trust().provider?.aws).toEqual([
      {
        region,
        allowed_account_ids: [account],
        default_tags: [
          {
            tags: { project: 'lambda-vpc-blueprints', environment: name, variant: 'tfc-trust', 'managed-by': 'cdktf' },
          },
        ],
      },
    ]);
    expect(trust().terraform?.required_providers).toEqual({ aws: { source: 'hashicorp/aws', version: '6.25.0' } });
  });

  it('creates the OIDC provider for https://app.terraform.io with the Terraform Cloud audience, no thumbprints', () => {
    expect(Object.values(resources(trust(), 'aws_iam_openid_connect_provider')).map(argumentsOf)).toEqual([
      {
        url: 'https://app.terraform.io',
        client_id_list: ['aws.workload.identity'],
        tags: { Name: 'app.terraform.io' },
      },
    ]);
  });

  it('creates the role <prefix>-<env>-tfc-run that the workspace variables name', () => {
    expect(Object.keys(resources(trust(), 'aws_iam_role'))).toEqual(['tfc-trust_run-role']);
    expect(role().name).toBe(`lambda-vpc-${name}-tfc-run`);
    const named = Object.values(resources(workspacesStack, 'tfe_variable'))
      .filter(
        (body) => body.key === 'TFC_AWS_RUN_ROLE_ARN' && body.workspace_id.startsWith(`\${tfe_workspace.${name}-`),
      )
      .map((body) => body.value);
    expect(named).toEqual(Array(3).fill(`arn:aws:iam::${account}:role/${role().name}`));
  });

  it('trusts only web identities from that provider, with the audience and the three workspaces as subjects', () => {
    expect(trustStatements(role())).toEqual([
      {
        Sid: 'TerraformCloudRuns',
        Effect: 'Allow',
        Principal: { Federated: '${aws_iam_openid_connect_provider.tfc-trust_oidc-provider.arn}' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
          StringLike: {
            'app.terraform.io:sub': VARIANT_NAMES.map(
              (variant) => `organization:acme:project:networking:workspace:lambda-vpc-${name}-${variant}:run_phase:*`,
            ),
          },
        },
      },
    ]);
  });

  it('grants nothing by default: no attached or inline policy', () => {
    expect(Object.keys(trust().resource ?? {}).sort()).toEqual(['aws_iam_openid_connect_provider', 'aws_iam_role']);
    expect(role().managed_policy_arns).toBeUndefined();
    expect(role().inline_policy).toBeUndefined();
  });
});

describe('bootstrap options and edge cases', () => {
  it('attaches the policies runRolePolicyArns names, to the run role only', () => {
    const { stacks: out } = bootstrapToTemp(
      [environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD })],
      {
        runRolePolicyArns: (config) => [
          `arn:aws:iam::${config.accountId}:policy/deployer`,
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
        ],
      },
    );
    expect(Object.values(resources(out['one-tfc-trust'], 'aws_iam_role_policy_attachment')).map(argumentsOf)).toEqual([
      { role: '${aws_iam_role.tfc-trust_run-role.name}', policy_arn: 'arn:aws:iam::123456789012:policy/deployer' },
      { role: '${aws_iam_role.tfc-trust_run-role.name}', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
  });

  it(
    'shares one OIDC provider between environments of one account: the first creates it, the next refers to it and ' +
      'depends on it',
    () => {
      const { stacks: out, manifest: shared } = bootstrapToTemp([
        environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD }),
        environmentValues({ name: 'two', variants: variantsAt(170), backend: CLOUD }),
      ]);
      expect(Object.keys(resources(out['one-tfc-trust'], 'aws_iam_openid_connect_provider'))).toEqual([
        'tfc-trust_oidc-provider',
      ]);
      expect(resources(out['two-tfc-trust'], 'aws_iam_openid_connect_provider')).toEqual({});
      const [statement] = trustStatements(resources(out['two-tfc-trust'], 'aws_iam_role')['tfc-trust_run-role']);
      expect(statement.Principal).toEqual({ Federated: 'arn:aws:iam::123456789012:oidc-provider/app.terraform.io' });
      expect(shared.stacks['two-tfc-trust'].dependencies).toEqual(['one-tfc-trust']);
      expect(shared.stacks['one-tfc-trust'].dependencies).toEqual([]);
    },
  );

  it('separate accounts do not depend on each other', () => {
    expect(manifest.stacks['two-tfc-trust'].dependencies).toEqual([]);
  });

  it('refers to an existing OIDC provider in the accounts listed in existingOidcProviderAccounts', () => {
    const { stacks: out } = bootstrapToTemp(
      [environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD })],
      { existingOidcProviderAccounts: ['123456789012'] },
    );
    expect(resources(out['one-tfc-trust'], 'aws_iam_openid_connect_provider')).toEqual({});
    expect(trustStatements(resources(out['one-tfc-trust'], 'aws_iam_role')['tfc-trust_run-role'])[0].Principal).toEqual(
      { Federated: 'arn:aws:iam::123456789012:oidc-provider/app.terraform.io' },
    );
  });

  it('without a project: no project lookup, and any project in the subject', () => {
    const { stacks: out } = bootstrapToTemp([
      environmentValues({ name: 'one', variants: variantsAt(150), backend: { type: 'cloud', organization: 'acme' } }),
    ]);
    expect(out['terraform-cloud-workspaces'].data).toBeUndefined();
    expect(
      Object.values(resources(out['terraform-cloud-workspaces'], 'tfe_workspace')).map((body) => body.project_id),
    ).toEqual([undefined, undefined, undefined]);
    const [statement] = trustStatements(resources(out['one-tfc-trust'], 'aws_iam_role')['tfc-trust_run-role']);
    expect(statement.Condition.StringLike['app.terraform.io:sub'][0]).toBe(
      'organization:acme:project:*:workspace:lambda-vpc-one-private-only:run_phase:*',
    );
  });

  it(
    'Terraform Enterprise next to HCP Terraform: one aliased provider per host, the prefix and host from ' + 'config',
    () => {
      const { stacks: out } = bootstrapToTemp([
        environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD }),
        environmentValues({
          name: 'ent',
          accountId: '210987654321',
          variants: variantsAt(170),
          backend: { type: 'cloud', organization: 'corp', workspacePrefix: 'platform', hostname: 'tfe.acme.example' },
        }),
      ]);
      const ws = out['terraform-cloud-workspaces'];
      expect(ws.provider?.tfe).toEqual([
        { alias: 'app_terraform_io', hostname: 'app.terraform.io' },
        { alias: 'tfe_acme_example', hostname: 'tfe.acme.example' },
      ]);
      expect(argumentsOf(resources(ws, 'tfe_workspace')['ent-nat-egress'])).toMatchObject({
        name: 'platform-ent-nat-egress',
        organization: 'corp',
        provider: 'tfe.tfe_acme_example',
      });
      expect(resources(ws, 'tfe_workspace')['one-nat-egress'].provider).toBe('tfe.app_terraform_io');
      expect(
        Object.values(resources(ws, 'tfe_variable'))
          .filter((body) => body.workspace_id === '${tfe_workspace.ent-nat-egress.id}')
          .map((body) => body.provider),
      ).toEqual(['tfe.tfe_acme_example', 'tfe.tfe_acme_example']);
      expect(resources(ws, 'tfe_variable')['ent-nat-egress_run-role-arn'].value).toBe(
        'arn:aws:iam::210987654321:role/platform-ent-tfc-run',
      );
      const trust = out['ent-tfc-trust'];
      expect(resources(trust, 'aws_iam_openid_connect_provider')['tfc-trust_oidc-provider'].url).toBe(
        'https://tfe.acme.example',
      );
      const [statement] = trustStatements(resources(trust, 'aws_iam_role')['tfc-trust_run-role']);
      expect(statement.Condition).toEqual({
        StringEquals: { 'tfe.acme.example:aud': 'aws.workload.identity' },
        StringLike: {
          'tfe.acme.example:sub': VARIANT_NAMES.map(
            (v) => `organization:corp:project:*:workspace:platform-ent-${v}:run_phase:*`,
          ),
        },
      });
    },
  );

  it('sets the repository path of the synthesized folder as working directory when asked (VCS-driven layouts)', () => {
    const { stacks: out } = bootstrapToTemp(
      [environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD })],
      { workingDirectory: synthesizedStackFolder },
    );
    const workspaces = resources(out['terraform-cloud-workspaces'], 'tfe_workspace');
    expect(VARIANT_NAMES.map((variant) => workspaces[`one-${variant}`].working_directory)).toEqual(
      VARIANT_NAMES.map((variant) => `apps/one/cdktf.out/stacks/one-${variant}`),
    );
  });

  it('validates the values like every environment app: a bad value is a ConfigError and nothing is written', () => {
    const outdir = tempOutdir();
    expect(() => synthBootstrap([environmentValues({ accountId: 'nope', backend: CLOUD })], { outdir })).toThrow(
      ConfigError,
    );
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  it('replaces the previous output whole: a trust stack of an environment that left the cloud leaves no folder', () => {
    const outdir = tempOutdir();
    synthBootstrap(
      [
        environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD }),
        environmentValues({ name: 'two', variants: variantsAt(170), backend: CLOUD }),
      ],
      { outdir },
    );
    synthBootstrap(
      [
        environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD }),
        environmentValues({ name: 'two', variants: variantsAt(170) }),
      ],
      { outdir },
    );
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['one-tfc-trust', 'terraform-cloud-workspaces']);
  });
});

describe('no environment uses the cloud backend', () => {
  const localOnly = [
    environmentValues({ name: 'one', variants: variantsAt(150) }),
    environmentValues({ name: 'two', variants: variantsAt(170) }),
  ];

  it('synthBootstrap throws NoCloudBackendError, a clear message, and writes nothing', () => {
    const outdir = tempOutdir();
    expect(() => synthBootstrap(localOnly, { outdir })).toThrow(NoCloudBackendError);
    expect(() => synthBootstrap(localOnly, { outdir })).toThrow(
      'no environment uses the cloud backend (backend.type = "cloud"); the Terraform Cloud bootstrap has nothing to ' +
        'create',
    );
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  describe('runBootstrapSynth', () => {
    const { logs, errors } = captureConsole();

    it('prints that there is nothing to create and exits 0', () => {
      runBootstrapSynth(localOnly, { outdir: tempOutdir() });
      expect(logs).toEqual([NOTHING_TO_BOOTSTRAP]);
      expect(NOTHING_TO_BOOTSTRAP).toBe('bootstrap: no environment uses the cloud backend; nothing to create');
      expect(errors).toEqual([]);
      expect(process.exitCode).toBeUndefined();
    });

    it('prints one line per stack when there is something to create', () => {
      runBootstrapSynth([environmentValues({ name: 'one', variants: variantsAt(150), backend: CLOUD })], {
        outdir: tempOutdir(),
      });
      expect(logs.slice(0, 2)).toEqual([
        expect.stringMatching(
          /^synth: terraform-cloud-workspaces: 12 resources -> .*stacks\/terraform-cloud-workspaces\/cdk\.tf\.json$/,
        ),
        expect.stringMatching(/^synth: one-tfc-trust: 2 resources -> .*stacks\/one-tfc-trust\/cdk\.tf\.json$/),
      ]);
      expect(logs[2]).toMatch(
        /^synth: 2 bootstrap stack\(s\) in \d+ ms \(config \d+, constructs \d+, cdktf \d+, guardrails \d+, output \d+\)$/,
      );
      expect(process.exitCode).toBeUndefined();
    });

    it('still fails, with exit code 1, on bad values', () => {
      runBootstrapSynth([environmentValues({ accountId: 'nope', backend: CLOUD })], { outdir: tempOutdir() });
      expect(errors[0]).toBe('synth failed: 1 problem(s) in the environment config; nothing was written');
      expect(process.exitCode).toBe(1);
    });
  });
});
