import { App, TerraformStack } from 'cdktf';
import { EnvironmentConfig, EnvironmentInput, reportSynth, SynthResult, synthStacks } from '@lambda-vpc/stacks';
import { isCloudEnvironment, tfcOidcProviderArn } from './cloud-environments';
import { TerraformCloudTrustStack } from './terraform-cloud-trust';
import {
  NoCloudBackendError,
  TerraformCloudWorkspacesStack,
  TerraformCloudWorkspacesStackProps,
} from './terraform-cloud-workspaces-stack';

/** What {@link runBootstrapSynth} prints, and exits 0 after, when no environment uses the cloud backend. */
export const NOTHING_TO_BOOTSTRAP = 'bootstrap: no environment uses the cloud backend; nothing to create';

/** Options of {@link addBootstrapStacks}. */
export interface BootstrapStacksOptions {
  /** See {@link TerraformCloudWorkspacesStackProps.workingDirectory}. @default '' */
  readonly workingDirectory?: TerraformCloudWorkspacesStackProps['workingDirectory'];
  /**
   * Managed policy ARNs attached to each environment's `<prefix>-<env>-tfc-run` role: what its Terraform Cloud
   * runs may do. The platform team attaches what its stacks need.
   * @default none: the role can be assumed but grants nothing
   */
  readonly runRolePolicyArns?: (config: EnvironmentConfig) => readonly string[];
  /**
   * Accounts that already have an IAM OIDC provider for the Terraform Cloud host (made outside the blueprints);
   * their trust stacks refer to it by ARN instead of creating one.
   * @default none: the first environment of each account (and host) creates it
   */
  readonly existingOidcProviderAccounts?: readonly string[];
  /**
   * Thumbprints for an environment's OIDC provider: only for a Terraform Enterprise host whose certificate a
   * private CA signed (see `TerraformCloudTrustProps.thumbprints` in terraform-cloud-trust.ts).
   * @default none
   */
  readonly oidcThumbprints?: (config: EnvironmentConfig) => readonly string[] | undefined;
}

/** Options of {@link synthBootstrap}. */
export interface BootstrapSynthOptions extends BootstrapStacksOptions {
  /**
   * Where the stacks go (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else `cdktf.out`
   */
  readonly outdir?: string;
}

/**
 * Adds the bootstrap stacks for every environment whose backend is `cloud`: `terraform-cloud-workspaces` and
 * one `<env>-tfc-trust` per environment. IAM allows one OIDC provider per URL per account: the first environment
 * of an account (and host) creates it, later ones refer to it and depend on that stack, so
 * `cdktf deploy '*-tfc-trust'` deploys them in order. Throws {@link NoCloudBackendError} when no environment
 * uses the cloud backend.
 */
export function addBootstrapStacks(
  app: App,
  configs: readonly EnvironmentConfig[],
  options: BootstrapStacksOptions = {},
): TerraformStack[] {
  const workspaces = new TerraformCloudWorkspacesStack(app, { configs, workingDirectory: options.workingDirectory });
  const owners = new Map<string, TerraformCloudTrustStack>();
  const stacks: TerraformStack[] = [workspaces];
  for (const config of workspaces.environments) {
    const key = `${config.accountId}/${config.backend.hostname}`;
    const owner = owners.get(key);
    const existing = options.existingOidcProviderAccounts?.includes(config.accountId) ?? false;
    const trust = new TerraformCloudTrustStack(app, {
      config,
      oidcProviderArn: owner || existing ? tfcOidcProviderArn(config) : undefined,
      runRolePolicyArns: options.runRolePolicyArns?.(config),
      thumbprints: options.oidcThumbprints?.(config),
    });
    if (owner) trust.addDependency(owner);
    else if (!existing) owners.set(key, trust);
    stacks.push(trust);
  }
  return stacks;
}

/**
 * Builds only the bootstrap stacks, with the same validation, all-or-nothing output and guardrails as the
 * environment apps ({@link synthStacks}). Throws {@link NoCloudBackendError} when no environment uses the cloud
 * backend, before anything is written.
 */
export function synthBootstrap(values: readonly EnvironmentInput[], options: BootstrapSynthOptions = {}): SynthResult {
  return synthStacks(
    values,
    (app, configs) => {
      if (!configs.some(isCloudEnvironment)) throw new NoCloudBackendError();
      return addBootstrapStacks(app, configs, options);
    },
    options,
  );
}

/**
 * The main of the bootstrap app: reported like the environment apps. When no environment uses the cloud
 * backend it prints {@link NOTHING_TO_BOOTSTRAP} and exits 0.
 */
export function runBootstrapSynth(values: readonly EnvironmentInput[], options: BootstrapSynthOptions = {}): void {
  reportSynth(
    () => synthBootstrap(values, options),
    'bootstrap stack(s)',
    (error) => {
      if (!(error instanceof NoCloudBackendError)) return false;
      console.log(NOTHING_TO_BOOTSTRAP);
      return true;
    },
  );
}
