import { awsEnvironment } from '@lambda-vpc/network';
import { cloudWorkspaceName, EnvironmentConfig, environmentStackNames } from '@lambda-vpc/stacks';

/** The `cloud` backend settings of an environment config. */
export type CloudBackendConfig = Extract<EnvironmentConfig['backend'], { type: 'cloud' }>;

/** An environment whose stacks keep their state in Terraform Cloud / HCP Terraform (or Terraform Enterprise). */
export type CloudEnvironmentConfig = EnvironmentConfig & { readonly backend: CloudBackendConfig };

/**
 * The audience Terraform Cloud puts in the workload identity token for AWS, and the client ID of the IAM OIDC
 * provider (the default of the workspace variable `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`).
 */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';

/** Whether the environment uses the `cloud` backend. */
export function isCloudEnvironment(config: EnvironmentConfig): config is CloudEnvironmentConfig {
  return config.backend.type === 'cloud';
}

/** The Terraform Cloud workspace of each of the environment's stacks, `<prefix>-<env>-<variant>`. */
export function environmentWorkspaceNames(config: CloudEnvironmentConfig): string[] {
  return environmentStackNames(config).map((stack) => cloudWorkspaceName(config.backend.workspacePrefix, stack));
}

/** `<prefix>-<env>-tfc-run`: the IAM role the environment's Terraform Cloud runs assume. */
export function tfcRunRoleName(config: CloudEnvironmentConfig): string {
  return `${config.backend.workspacePrefix}-${config.name}-tfc-run`;
}

/** `arn:aws:iam::<accountId>:role/<prefix>-<env>-tfc-run`, derived from config (the trust stack creates the role). */
export function tfcRunRoleArn(config: CloudEnvironmentConfig): string {
  const { partition } = awsEnvironment(config.accountId, config.region);
  return `arn:${partition}:iam::${config.accountId}:role/${tfcRunRoleName(config)}`;
}

/**
 * `arn:aws:iam::<accountId>:oidc-provider/<hostname>`: the ARN IAM gives the OIDC provider of a Terraform Cloud host.
 */
export function tfcOidcProviderArn(config: CloudEnvironmentConfig): string {
  const { partition } = awsEnvironment(config.accountId, config.region);
  return `arn:${partition}:iam::${config.accountId}:oidc-provider/${config.backend.hostname}`;
}

/**
 * `apps/<env>/cdktf.out/stacks/<stack>`: where the synthesized stack lands, relative to the repository root.
 * Only useful as a workspace's working directory if that folder reaches Terraform Cloud with the repository
 * (see {@link TerraformCloudWorkspacesStackProps.workingDirectory}).
 */
export function synthesizedStackFolder(config: EnvironmentConfig, stackName: string): string {
  return `apps/${config.name}/cdktf.out/stacks/${stackName}`;
}
