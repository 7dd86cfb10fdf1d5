// The bootstrap's API is a deliberate list (src/index.ts, grouped by purpose), as the stacks package's is: what the
// app and the repository's validate check use, nothing more.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as bootstrap from '@lambda-vpc/bootstrap-terraform-cloud';

describe('the @lambda-vpc/bootstrap-terraform-cloud API', () => {
  it('exports exactly the runtime names listed in src/index.ts', () => {
    expect(Object.keys(bootstrap).sort()).toEqual(
      [
        'NOTHING_TO_BOOTSTRAP',
        'NoCloudBackendError',
        'TERRAFORM_CLOUD_WORKSPACES_STACK',
        'TFC_AWS_AUDIENCE',
        'TFE_PROVIDER_VERSION',
        'TerraformCloudTrust',
        'addBootstrapStacks',
        'environmentWorkspaceNames',
        'isCloudEnvironment',
        'runBootstrapSynth',
        'synthBootstrap',
        'synthesizedStackFolder',
        'tfcOidcProviderArn',
        'tfcRunRoleArn',
        'tfcRunRoleName',
      ].sort(),
    );
  });

  it('is one explicit export list, not a re-export of every module', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'src', 'index.ts'), 'utf8')).not.toMatch(/^export \*/m);
  });

  it('resolves to the library (dist/index.js), not to the app (dist/main.js, which synthesizes when loaded)', () => {
    expect(require.resolve('@lambda-vpc/bootstrap-terraform-cloud')).toBe(
      path.join(__dirname, '..', 'dist', 'index.js'),
    );
  });
});
