// The bootstrap stacks in emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT), as the variant stacks: state in files of
// their own, and the trust stack's AWS provider pointed at the emulator for every service it calls.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthBootstrap } from '@lambda-vpc/bootstrap-terraform-cloud';
import { EMULATED_SERVICES } from '@lambda-vpc/stacks';
import { withEmulatorVariable } from '../../../test-support/emulator-variable';
import { environmentValues, variantsAt } from '../../../test-support/environment-values';
import { TerraformBody, TerraformJson } from '../../../test-support/terraform-json';

const ENDPOINT = 'http://127.0.0.1:4566';

// One cloud environment; a policy attachment too, so the trust stack has every resource type it can make.
const bootstrap = withEmulatorVariable(ENDPOINT, () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-bootstrap-emu-')), 'cdktf.out');
  const result = synthBootstrap(
    [
      environmentValues({
        name: 'one',
        accountId: '111122223333',
        variants: variantsAt(150),
        backend: { type: 'cloud', organization: 'acme' },
      }),
    ],
    { outdir, runRolePolicyArns: () => ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
  );
  return Object.fromEntries(
    result.stacks.map((stack) => [stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson]),
  );
});
const trustProvider = () => (bootstrap['one-tfc-trust'].provider?.aws ?? [])[0] as TerraformBody;

describe('bootstrap stacks in emulator mode', () => {
  it('keep their state in files of their own', () => {
    expect(
      Object.fromEntries(Object.entries(bootstrap).map(([name, json]) => [name, json.terraform?.backend])),
    ).toEqual({
      'terraform-cloud-workspaces': {
        local: { path: '../../../terraform.terraform-cloud-workspaces.emulator.tfstate' },
      },
      'one-tfc-trust': { local: { path: '../../../terraform.one-tfc-trust.emulator.tfstate' } },
    });
  });

  it("point the trust stack's AWS provider at the emulator, in the environment's account", () => {
    expect(bootstrap['one-tfc-trust'].provider?.aws).toHaveLength(1);
    expect(trustProvider()).toMatchObject({
      access_key: 'emulator',
      secret_key: 'emulator',
      skip_credentials_validation: true,
      allowed_account_ids: ['111122223333'],
    });
    expect(Object.values(trustProvider().endpoints[0])).toEqual(EMULATED_SERVICES.map(() => ENDPOINT));
  });
});

describe('EMULATED_SERVICES for the trust stack', () => {
  const types = [
    ...new Set(
      Object.values(bootstrap)
        .filter((json) => json.provider?.aws !== undefined)
        .flatMap((json) => [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})]),
    ),
  ].sort();

  it(
    'the trust stack has every kind of resource it makes: the OIDC provider, the role and its policy ' + 'attachments',
    () => {
      expect(types).toEqual(['aws_iam_openid_connect_provider', 'aws_iam_role', 'aws_iam_role_policy_attachment']);
    },
  );

  it('cover IAM, the service of every one of them', () => {
    expect(types.filter((type) => !type.startsWith('aws_iam_'))).toEqual([]);
    expect(EMULATED_SERVICES).toContain('iam');
  });
});
