import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';
import { EnvironmentConfig } from '../config/environment-schema';
import { emulatorEndpointOf, emulatorStateFile } from './emulator';

/**
 * Configures the stack's state backend from the environment's config. Synthesis needs no credentials for
 * any of them; `terraform init` (or `cdktf deploy`) is the first step that contacts the backend.
 */
export function configureBackend(stack: TerraformStack, stackName: string, config: EnvironmentConfig): void {
  if (emulatorEndpointOf(stack) !== undefined) {
    // Emulator state is throwaway and must never mix with the stack's real state.
    new LocalBackend(stack, { path: `../../../${emulatorStateFile(stackName)}` });
    return;
  }
  const backend = config.backend;
  switch (backend.type) {
    case 'local':
      // Beside the app's cdktf.json, outside cdktf.out, which every synth replaces.
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}/terraform.tfstate`,
        region: backend.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyId,
      });
      // S3-native lock files (Terraform and OpenTofu 1.10+): no DynamoDB lock table to run.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(backend.workspacePrefix, stackName), backend.project),
      });
      return;
  }
}

/** `<prefix>-<env>-<variant>`: the Terraform Cloud workspace of a stack. */
export function cloudWorkspaceName(prefix: string, stackName: string): string {
  return `${prefix}-${stackName}`;
}
