import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PolicyDocument, PolicyStatement } from '@lambda-vpc/network';
import { AWS_PROVIDER_VERSION, emulatorProviderSettings } from '@lambda-vpc/stacks';
import { BootstrapStack } from './bootstrap-stack';
import {
  CloudEnvironmentConfig,
  environmentWorkspaceNames,
  TFC_AWS_AUDIENCE,
  tfcRunRoleName,
} from './cloud-environments';

/** Options of {@link TerraformCloudTrust}. */
export interface TerraformCloudTrustProps {
  /** Host name of Terraform Cloud / HCP Terraform or of a Terraform Enterprise instance, e.g. `app.terraform.io`. */
  readonly hostname: string;
  /** The Terraform Cloud organization whose runs may assume the role. */
  readonly organization: string;
  /**
   * The project the workspaces are in (the `project:` part of the token's subject).
   * @default any project (`*`)
   */
  readonly project?: string;
  /** The workspaces whose runs (plan and apply) may assume the role, each named exactly. */
  readonly workspaceNames: readonly string[];
  /** Name of the role the runs assume. */
  readonly roleName: string;
  /**
   * An IAM OIDC provider for `https://<hostname>` that already exists in the account. IAM allows one provider
   * per URL per account, so environments sharing an account share one.
   * @default this construct creates the provider
   */
  readonly oidcProviderArn?: string;
  /**
   * Thumbprints of the host's certificate chain, for a Terraform Enterprise host whose certificate a private CA
   * signed. For a host with a publicly trusted certificate (app.terraform.io) IAM validates the chain against its
   * own library of trusted root CAs and does not use thumbprints; with none given, IAM reads the thumbprint of
   * the top intermediate CA itself when it creates the provider (AWS provider 5.81 and later make the
   * argument optional).
   * @default none
   */
  readonly thumbprints?: readonly string[];
  /**
   * Managed policies attached to the role: what the workspaces' runs may do in the account. The platform team
   * attaches what its stacks need; the role grants nothing until it does.
   * @default none
   */
  readonly runRolePolicyArns?: readonly string[];
}

/**
 * The AWS side of Terraform Cloud's dynamic provider credentials: an IAM OIDC provider for the Terraform Cloud
 * host and a role that only the named workspaces' runs can assume, with `sts:AssumeRoleWithWebIdentity` and a
 * token whose audience is `aws.workload.identity`. The workspaces name the role in `TFC_AWS_RUN_ROLE_ARN` and
 * get short-lived credentials for each run phase: no access key exists anywhere.
 */
export class TerraformCloudTrust extends Construct {
  /** ARN of the IAM OIDC provider (created here or given). */
  public readonly oidcProviderArn: string;
  /** The role Terraform Cloud runs assume. */
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TerraformCloudTrustProps) {
    super(scope, id);
    if (props.workspaceNames.length === 0)
      throw new Error(`${this.node.path}: name at least one workspace that may assume ${props.roleName}`);
    const issuer = props.hostname;

    if (props.oidcProviderArn !== undefined) {
      this.oidcProviderArn = props.oidcProviderArn;
    } else {
      const provider = new IamOpenidConnectProvider(this, 'oidc-provider', {
        url: `https://${issuer}`,
        clientIdList: [TFC_AWS_AUDIENCE],
        thumbprintList: props.thumbprints && props.thumbprints.length > 0 ? [...props.thumbprints] : undefined,
        tags: { Name: issuer },
      });
      this.oidcProviderArn = provider.arn;
    }

    // One subject per workspace, each named exactly: a workspace someone else creates in the organization
    // with a similar name cannot assume the role. `run_phase:*` covers plan and apply.
    const project = props.project ?? '*';
    const subjects = props.workspaceNames.map(
      (workspace) => `organization:${props.organization}:project:${project}:workspace:${workspace}:run_phase:*`,
    );
    this.role = new IamRole(this, 'run-role', {
      name: props.roleName,
      description:
        `Assumed by Terraform Cloud runs of ${props.organization}/${props.workspaceNames.join(', ')} ` +
        `(dynamic provider credentials)`,
      assumeRolePolicy: new PolicyDocument({
        owner: props.roleName,
        statements: [
          new PolicyStatement({
            sid: 'TerraformCloudRuns',
            federatedPrincipal: this.oidcProviderArn,
            actions: 'sts:AssumeRoleWithWebIdentity',
            condition: {
              StringEquals: { [`${issuer}:aud`]: TFC_AWS_AUDIENCE },
              StringLike: { [`${issuer}:sub`]: subjects.length === 1 ? subjects[0] : subjects },
            },
          }),
        ],
      }).toJson(),
      tags: { Name: props.roleName },
    });

    (props.runRolePolicyArns ?? []).forEach((policyArn, index) => {
      new IamRolePolicyAttachment(this, `run-role-policy-${index}`, { role: this.role.name, policyArn });
    });
  }
}

/** Options of {@link TerraformCloudTrustStack}: the environment, and the trust options it passes through. */
export interface TerraformCloudTrustStackProps extends Pick<
  TerraformCloudTrustProps,
  'oidcProviderArn' | 'thumbprints' | 'runRolePolicyArns'
> {
  /** An environment whose backend is `cloud`. */
  readonly config: CloudEnvironmentConfig;
}

/**
 * `<env>-tfc-trust`: {@link TerraformCloudTrust} in the environment's account, allowing the runs of its three
 * workspaces to assume `<prefix>-<env>-tfc-run`. Deployed once per environment by someone with IAM rights in
 * the account (this is the step that cannot itself use dynamic credentials).
 */
export class TerraformCloudTrustStack extends BootstrapStack {
  /** The trust construct. */
  public readonly trust: TerraformCloudTrust;

  constructor(scope: Construct, props: TerraformCloudTrustStackProps) {
    const { config } = props;
    super(scope, `${config.name}-tfc-trust`);
    new AwsProvider(this, 'aws', {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [
        {
          tags: {
            ...config.tags,
            project: 'lambda-vpc-blueprints',
            environment: config.name,
            variant: 'tfc-trust',
            'managed-by': 'cdktf',
          },
        },
      ],
      ...emulatorProviderSettings(this),
    });
    this.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION });
    this.trust = new TerraformCloudTrust(this, 'tfc-trust', {
      hostname: config.backend.hostname,
      organization: config.backend.organization,
      project: config.backend.project,
      workspaceNames: environmentWorkspaceNames(config),
      roleName: tfcRunRoleName(config),
      oidcProviderArn: props.oidcProviderArn,
      thumbprints: props.thumbprints,
      runRolePolicyArns: props.runRolePolicyArns,
    });
  }
}
