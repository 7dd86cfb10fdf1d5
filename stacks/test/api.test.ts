// The package's API is a deliberate list (src/index.ts, grouped by purpose): adding or removing a name is a reviewed
// change to this test, not a side effect of a new file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as stacks from '@lambda-vpc/stacks';

describe('the @lambda-vpc/stacks API', () => {
  it('exports exactly the runtime names listed in src/index.ts', () => {
    expect(Object.keys(stacks).sort()).toEqual(
      [
        'AVAILABILITY_ZONES_AS_OF',
        'AWS_PROVIDER_VERSION',
        'BLAME_LATER',
        'BlueprintStack',
        'CREATION_STACK_HINT',
        'ConfigError',
        'DEBUG_VARIABLE',
        'EMULATED_SERVICES',
        'EMULATOR_VARIABLE',
        'EmulatorEndpointError',
        'ItemsTable',
        'KNOWN_REGIONS',
        'LAMBDA_MEMORY_MB',
        'LAMBDA_TIMEOUT_SECONDS',
        'LOG_RETENTION_DAYS',
        'NAT_EGRESS',
        'NatEgressStack',
        'PRIVATELINK',
        'PRIVATE_ONLY',
        'PrivateLinkStack',
        'PrivateOnlyStack',
        'REGION_AVAILABILITY_ZONES',
        'ReadableAddresses',
        'SUPPORTED_RUNTIMES',
        'VARIANTS',
        'addEnvironmentStacks',
        'availabilityZoneNames',
        'availabilityZoneProblem',
        'blameChanged',
        'cloudWorkspaceName',
        'configureExampleStack',
        'emulatorEndpointFromEnvironment',
        'emulatorEndpointOf',
        'emulatorProviderSettings',
        'emulatorStateFile',
        'environmentSchema',
        'environmentStackNames',
        'formatProblem',
        'loadAppEnvironment',
        'loadEnvironmentApps',
        'loadEnvironments',
        'loadRepositoryEnvironments',
        'reportSynth',
        'reportSynthFailure',
        'runEnvironmentApp',
        'runSynth',
        'synthEnvironmentApp',
        'synthEnvironments',
        'synthStacks',
        'variantSettings',
        'variantsOf',
        'defineVariant',
        'variantNamed',
        'variantsSchema',
        'PrivateOnlyPattern',
        'NatEgressPattern',
        'PrivateLinkPattern',
        'ResolverInboundEndpoint',
      ].sort(),
    );
  });

  it('exports nothing of the Terraform Cloud bootstrap, which lives in bootstrap/terraform-cloud', () => {
    expect(Object.keys(stacks).filter((name) => /bootstrap|tfc|tfe|terraform_?cloud/i.test(name))).toEqual([]);
  });

  it('is one explicit export list, not a re-export of every module', () => {
    const index = fs.readFileSync(path.join(__dirname, '..', 'src', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/^export \*/m);
  });
});
