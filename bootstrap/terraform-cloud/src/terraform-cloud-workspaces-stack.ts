import { Construct } from 'constructs';
import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
import { cloudWorkspaceName, EnvironmentConfig, variantsOf } from '@lambda-vpc/stacks';
import { BootstrapStack } from './bootstrap-stack';
import { CloudEnvironmentConfig, isCloudEnvironment, tfcRunRoleArn } from './cloud-environments';

/** The tfe provider version the `@cdktf/provider-tfe` 12.5.1 bindings were generated from; pinned exactly. */
export const TFE_PROVIDER_VERSION = '0.71.0';

/** The name of the stack that creates every cloud environment's workspaces. */
export const TERRAFORM_CLOUD_WORKSPACES_STACK = 'terraform-cloud-workspaces';

/** Thrown when a Terraform Cloud bootstrap is asked for and no environment uses the `cloud` backend. */
export class NoCloudBackendError extends Error {
  constructor() {
    super(
      'no environment uses the cloud backend (backend.type = "cloud"); the Terraform Cloud bootstrap has nothing to ' +
        'create',
    );
    this.name = 'NoCloudBackendError';
  }
}

/** Options of {@link TerraformCloudWorkspacesStack}. */
export interface TerraformCloudWorkspacesStackProps {
  /** Every environment's validated config; those whose backend is not `cloud` are left out. */
  readonly configs: readonly EnvironmentConfig[];
  /**
   * Each workspace's working directory: the path, relative to the root of the configuration Terraform Cloud
   * receives, where the run starts.
   *
   * The workspaces run remotely and are CLI-driven: `cdktf deploy <stack>` runs Terraform in the synthesized
   * folder `apps/<env>/cdktf.out/stacks/<stack>`, which uploads that folder (cdk.tf.json and its assets, which
   * the folder holds) and streams the remote run back. The folder is the whole configuration, so the working
   * directory is its root: empty. Setting `apps/<env>/cdktf.out/stacks/<stack>` ({@link synthesizedStackFolder})
   * instead makes Terraform upload the entire repository from its root (node_modules included, unless a
   * `.terraformignore` at the root excludes it), which only a VCS-driven workspace needs; and a VCS-driven run
   * would find cdk.tf.json there only if the synthesized output were committed (cdktf.out is gitignored) or
   * produced by a pre-plan step.
   * @default '' (the root of the uploaded stack folder)
   */
  readonly workingDirectory?: (config: EnvironmentConfig, stackName: string) => string;
}

/**
 * `terraform-cloud-workspaces`: for every environment whose backend is `cloud`, one workspace per stack
 * (`<prefix>-<env>-<variant>`, as the stacks' `cloud` block names it) in the organization and, when config names
 * one, the project; remote execution; flat tags `environment:<env>` and `variant:<variant>`; and AWS dynamic
 * provider credentials: the env variables `TFC_AWS_PROVIDER_AUTH = true` and `TFC_AWS_RUN_ROLE_ARN` naming the
 * environment's `<prefix>-<env>-tfc-run` role, which its `<env>-tfc-trust` stack creates. No AWS access key is
 * stored anywhere: each run phase gets short-lived credentials from STS.
 *
 * The tfe provider reads its token from `TFE_TOKEN` or from `terraform login`; the token is never in config.
 */
export class TerraformCloudWorkspacesStack extends BootstrapStack {
  /** The cloud environments this stack creates workspaces for, in config order. */
  public readonly environments: readonly CloudEnvironmentConfig[];
  /** Each environment stack's workspace, by stack name (`dev-nat-egress`). */
  public readonly workspaces: ReadonlyMap<string, Workspace>;

  /** The provider each resource names, by host: none (the default provider) when there is one host. */
  private readonly providers = new Map<string, TfeProvider | undefined>();
  private readonly projects = new Map<string, DataTfeProject>();

  constructor(scope: Construct, props: TerraformCloudWorkspacesStackProps) {
    super(scope, TERRAFORM_CLOUD_WORKSPACES_STACK);
    this.environments = props.configs.filter(isCloudEnvironment);
    if (this.environments.length === 0) throw new NoCloudBackendError();
    this.addOverride('terraform.required_providers.tfe', { source: 'hashicorp/tfe', version: TFE_PROVIDER_VERSION });

    const hostnames = [...new Set(this.environments.map((config) => config.backend.hostname))];
    for (const hostname of hostnames) {
      // One provider per host; aliased (and named by each resource) only when environments live on several hosts.
      const provider = new TfeProvider(this, hostnames.length === 1 ? 'tfe' : `tfe_${hostname}`, {
        hostname,
        alias: hostnames.length === 1 ? undefined : hostname.replace(/[^A-Za-z0-9_-]/g, '_'),
      });
      this.providers.set(hostname, hostnames.length === 1 ? undefined : provider);
    }

    const workingDirectory = props.workingDirectory ?? (() => '');
    const workspaces = new Map<string, Workspace>();
    for (const config of this.environments) {
      const backend = config.backend;
      const provider = this.providers.get(backend.hostname);
      const project = backend.project === undefined ? undefined : this.projectOf(config);
      for (const variant of variantsOf(config)) {
        const stackName = `${config.name}-${variant.name}`;
        const scope = new Construct(this, stackName);
        const workspace = new Workspace(scope, 'Default', {
          provider,
          name: cloudWorkspaceName(backend.workspacePrefix, stackName),
          organization: backend.organization,
          projectId: project?.id,
          description:
            `${stackName} of lambda-vpc-blueprints: CLI-driven remote runs; cdktf deploy uploads the ` +
            `synthesized stack`,
          workingDirectory: workingDirectory(config, stackName),
          tagNames: [`environment:${config.name}`, `variant:${variant.name}`],
        });
        // Execution mode lives in tfe_workspace_settings (tfe_workspace.execution_mode is deprecated). Remote: plan
        // and apply run in Terraform Cloud, which is where dynamic credentials are issued. In `local` mode the
        // workspace only stores state and the machine running cdktf needs AWS credentials of its own; `agent`
        // needs a self-hosted agent pool.
        new WorkspaceSettings(scope, 'settings', { provider, workspaceId: workspace.id, executionMode: 'remote' });
        new Variable(scope, 'provider-auth', {
          provider,
          workspaceId: workspace.id,
          category: 'env',
          key: 'TFC_AWS_PROVIDER_AUTH',
          value: 'true',
          description: 'AWS credentials come from dynamic provider credentials (OIDC), never from static keys',
        });
        new Variable(scope, 'run-role-arn', {
          provider,
          workspaceId: workspace.id,
          category: 'env',
          key: 'TFC_AWS_RUN_ROLE_ARN',
          value: tfcRunRoleArn(config),
          description: `The role plan and apply assume; created by the ${config.name}-tfc-trust stack`,
        });
        workspaces.set(stackName, workspace);
      }
    }
    this.workspaces = workspaces;
  }

  /**
   * The project named in config, looked up by name (`data "tfe_project"`): the project must exist, and this
   * stack never creates or deletes it, so projects keep the teams, permissions and variable sets the
   * organization gives them outside the blueprints. One lookup per host, organization and name.
   */
  private projectOf(config: CloudEnvironmentConfig): DataTfeProject {
    const { hostname, organization, project } = config.backend;
    const key = `${hostname}/${organization}/${project}`;
    let found = this.projects.get(key);
    if (!found) {
      const id = `project_${this.providers.size === 1 ? '' : `${hostname}_`}${organization}_${project}`;
      found = new DataTfeProject(this, id.replace(/[^A-Za-z0-9_-]/g, '_'), {
        provider: this.providers.get(hostname),
        organization,
        name: project!,
      });
      this.projects.set(key, found);
    }
    return found;
  }
}
