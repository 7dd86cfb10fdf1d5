// The Terraform Cloud bootstrap's API, by purpose. What is not listed here is internal to the workspace.

// The app: the bootstrap stacks for every environment on the cloud backend, synthesized and reported.
export {
  addBootstrapStacks,
  BootstrapStacksOptions,
  BootstrapSynthOptions,
  NOTHING_TO_BOOTSTRAP,
  runBootstrapSynth,
  synthBootstrap,
} from './synth-bootstrap';

// What the stacks derive from an environment's config: its workspaces, the run role and the OIDC provider.
export {
  CloudEnvironmentConfig,
  environmentWorkspaceNames,
  isCloudEnvironment,
  synthesizedStackFolder,
  TFC_AWS_AUDIENCE,
  tfcOidcProviderArn,
  tfcRunRoleArn,
  tfcRunRoleName,
} from './cloud-environments';

// The two stacks' building blocks.
export {
  NoCloudBackendError,
  TERRAFORM_CLOUD_WORKSPACES_STACK,
  TFE_PROVIDER_VERSION,
} from './terraform-cloud-workspaces-stack';
export { TerraformCloudTrust, TerraformCloudTrustProps } from './terraform-cloud-trust';
