import { LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { AwsEnvironment } from '@lambda-vpc/network';

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
 * own tags and `managed-by`.
 */
export function configureExampleStack(stack: TerraformStack, settings: ExampleStackSettings): void {
  new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
  new AwsProvider(stack, 'aws', {
    region: settings.environment.region,
    allowedAccountIds: [settings.environment.accountId],
    defaultTags: [{ tags: { project: 'lambda-vpc-blueprints', ...settings.tags, 'managed-by': 'cdktf' } }],
  });
}
