// The package's API is a deliberate list (src/index.ts, grouped by purpose): adding or removing a name is a reviewed
// change to this test, not a side effect of a new file.
import * as stacks from '@lambda-vpc/stacks';

describe('the @lambda-vpc/stacks API', () => {
  it('exports exactly the runtime names listed in src/index.ts', () => {
    expect(Object.keys(stacks).sort()).toEqual([
      'AVAILABILITY_ZONES_AS_OF', 'AWS_PROVIDER_VERSION', 'BLAME_LATER', 'BlueprintStack', 'CREATION_STACK_HINT', 'ConfigError',
      'DEBUG_VARIABLE', 'EMULATED_SERVICES', 'EMULATOR_VARIABLE', 'EmulatorEndpointError', 'KNOWN_REGIONS', 'LAMBDA_MEMORY_MB',
      'LAMBDA_TIMEOUT_SECONDS', 'LOG_RETENTION_DAYS', 'NAT_EGRESS', 'NOTHING_TO_BOOTSTRAP', 'NatEgressStack', 'NoCloudBackendError',
      'PRIVATELINK', 'PRIVATE_ONLY', 'PrivateLinkStack', 'PrivateOnlyStack', 'REGION_AVAILABILITY_ZONES', 'SUPPORTED_RUNTIMES',
      'TERRAFORM_CLOUD_WORKSPACES_STACK', 'TFC_AWS_AUDIENCE', 'TFE_PROVIDER_VERSION', 'TerraformCloudTrust', 'VARIANTS',
      'addBootstrapStacks', 'addEnvironmentStacks', 'availabilityZoneNames', 'availabilityZoneProblem', 'blameChanged',
      'emulatorEndpointFromEnvironment', 'emulatorStateFile', 'environmentSchema', 'environmentStackNames', 'environmentWorkspaceNames',
      'formatProblem', 'isCloudEnvironment', 'loadAppEnvironment', 'loadEnvironmentApps', 'loadEnvironments', 'loadRepositoryEnvironments',
      'reportSynth', 'reportSynthFailure', 'runBootstrapSynth', 'runEnvironmentApp', 'runSynth', 'synthBootstrap', 'synthEnvironmentApp', 'synthEnvironments',
      'synthStacks', 'synthesizedStackFolder', 'tfcOidcProviderArn', 'tfcRunRoleArn', 'tfcRunRoleName', 'variantSettings', 'variantsOf',
    ].sort());
  });

  it('is one explicit export list, not a re-export of every module', () => {
    const index = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'src', 'index.ts'), 'utf8') as string;
    expect(index).not.toMatch(/^export \*/m);
  });
});
