import { ConfigError, loadEnvironments } from '@lambda-vpc/stacks';
import { environmentValues, synthToTemp, variantsAt } from './fixtures';

// No AWS credentials, Terraform Cloud token or engine exist in the test environment: synthesis needs none.
const { stacks } = synthToTemp([
  environmentValues({ name: 'loc', variants: variantsAt(100) }),
  environmentValues({
    name: 'objs',
    variants: variantsAt(103),
    backend: {
      type: 's3',
      bucket: 'acme-terraform-state',
      region: 'eu-central-1',
      kmsKeyId: 'arn:aws:kms:eu-central-1:123456789012:alias/state',
    },
  }),
  environmentValues({
    name: 'tfc',
    variants: variantsAt(106),
    backend: { type: 'cloud', organization: 'acme', project: 'networking' },
  }),
  environmentValues({
    name: 'tfe',
    variants: variantsAt(109),
    backend: { type: 'cloud', organization: 'acme', workspacePrefix: 'platform', hostname: 'tfe.acme.example' },
  }),
]);

describe('local backend (the default)', () => {
  it.each(['loc-private-only', 'loc-nat-egress', 'loc-privatelink'])(
    '%s keeps state beside the app, outside cdktf.out',
    (name) => {
      expect(stacks[name].terraform?.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
    },
  );
});

describe('S3 backend', () => {
  it.each(['objs-private-only', 'objs-nat-egress', 'objs-privatelink'])(
    '%s: a key per stack, encrypted, S3-native lock file',
    (name) => {
      expect(stacks[name].terraform?.backend).toEqual({
        s3: {
          bucket: 'acme-terraform-state',
          key: `lambda-vpc-blueprints/${name}/terraform.tfstate`,
          region: 'eu-central-1',
          encrypt: true,
          kms_key_id: 'arn:aws:kms:eu-central-1:123456789012:alias/state',
          use_lockfile: true,
        },
      });
    },
  );
});

describe('Terraform Cloud / HCP Terraform backend', () => {
  it.each(['private-only', 'nat-egress', 'privatelink'])(
    'tfc-%s: one named workspace per stack, in the project',
    (variant) => {
      expect(stacks[`tfc-${variant}`].terraform?.cloud).toEqual({
        organization: 'acme',
        hostname: 'app.terraform.io',
        workspaces: { name: `lambda-vpc-tfc-${variant}`, project: 'networking' },
      });
      expect(stacks[`tfc-${variant}`].terraform?.backend).toBeUndefined();
    },
  );

  it('Terraform Enterprise: the hostname and workspace prefix from config, no project', () => {
    expect(stacks['tfe-nat-egress'].terraform?.cloud).toEqual({
      organization: 'acme',
      hostname: 'tfe.acme.example',
      workspaces: { name: 'platform-tfe-nat-egress' },
    });
  });
});

describe('backend config errors', () => {
  const problem = (backend: unknown): string => {
    try {
      loadEnvironments([environmentValues({ backend: backend as never })]);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
    }
    throw new Error('expected a ConfigError');
  };

  it.each<[unknown, string]>([
    [{ type: 'consul' }, 'field backend.type = "consul": unknown backend type; allowed: local, s3, cloud'],
    [
      { type: 's3', bucket: 'Bad_Bucket', region: 'eu-west-1' },
      'field backend.bucket = "Bad_Bucket": must be an S3 bucket name',
    ],
    [
      { type: 's3', bucket: 'state', region: 'eu-west-1', dynamodbTable: 'locks' },
      'field backend.dynamodbTable = "locks": unknown field',
    ],
    [
      { type: 'cloud', organization: 'acme corp' },
      'field backend.organization = "acme corp": must be a Terraform Cloud organization name',
    ],
  ])('%j', (backend, expected) => {
    expect(problem(backend)).toContain(expected);
  });
});
