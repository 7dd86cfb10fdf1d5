import { LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { AwsEnvironment } from '@lambda-vpc/network';
import { AWS_PROVIDER_VERSION } from './blueprint-stack';
import { emulatorEndpointOf, emulatorProviderSettings, emulatorStateFile } from './emulator';

/** Options of {@link configureExampleStack}. */
export interface ExampleStackSettings {
  /** The one account and region the stack may touch. */
  readonly environment: AwsEnvironment;
  /**
   * Default tags beside `project` and `managed-by`, e.g. `{ example: 'private-only', variant: 'private-only' }`: a
   * `variant` tag holds the stack to that variant's intent at synth.
   */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * What every example stack starts with: state in a local file at the repository root (`terraform.<stack>.tfstate`,
 * gitignored) and an AWS provider limited to one account, tagging every resource with the project, the example's
 * own tags and `managed-by`, pinned to the environments' hashicorp/aws version (`AWS_PROVIDER_VERSION`) whichever
 * provider bindings built it. In emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT, as `npm run e2e:examples` synthesizes
 * it) the provider calls the local emulator and the state is a throwaway file of its own.
 */
export function configureExampleStack(stack: TerraformStack, settings: ExampleStackSettings): void {
  const id = stack.node.id;
  const stateFile = emulatorEndpointOf(stack) === undefined ? `terraform.${id}.tfstate` : emulatorStateFile(id);
  new LocalBackend(stack, { path: `../../../${stateFile}` });
  new AwsProvider(stack, 'aws', {
    region: settings.environment.region,
    allowedAccountIds: [settings.environment.accountId],
    defaultTags: [{ tags: { project: 'lambda-vpc-blueprints', ...settings.tags, 'managed-by': 'cdktf' } }],
    ...emulatorProviderSettings(stack),
  });
  stack.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION });
}
