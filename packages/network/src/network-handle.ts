// The one home of the network handles' parameter scheme: where a platform stack publishes each handle in SSM
// Parameter Store, of which type, and how a stack in another repository reads it back. The writer (the variant
// stacks) and the readers (Network.fromParameters, the endpoints' fromParameters) both go through this file.
import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { SubnetType } from './subnet-type';

/** The folder every platform network's handles live under: `/lambda-vpc/<environment>/<variant>/`. */
export const NETWORK_PARAMETER_ROOT = '/lambda-vpc';

/** Which platform network: the environment and variant of the stack that publishes its handles. */
export interface NetworkParameterLocation {
  /** The environment's name, the first part of the platform's stack name (`dev` in `dev-private-only`). */
  readonly environment: string;
  /** The variant's name as in the stack name: `private-only`, `nat-egress` or `privatelink`. */
  readonly variant: string;
}

/** What the subnets of each tier are for, in the descriptions of their parameters. */
const TIER_PURPOSES: Readonly<Record<SubnetType, string>> = {
  [SubnetType.PUBLIC]: 'IDs of the public subnets, one per AZ: NAT only, never a function',
  [SubnetType.PRIVATE_WITH_EGRESS]:
    "IDs of the private subnets (default route through NAT), one per AZ: where a function's ENIs go",
  [SubnetType.PRIVATE_ISOLATED]:
    "IDs of the isolated subnets (no route beyond the VPC), one per AZ: where a function's ENIs go",
};

// One path segment: what the stack names are made of, and the endpoint services' names (`ecr.api`).
const SEGMENT = /^[a-z0-9][a-z0-9.-]*$/;

/**
 * One handle of a platform network, published as one `aws_ssm_parameter` at
 * `/lambda-vpc/<environment>/<variant>/<path>`: the VPC, a tier's subnets, or an endpoint's ID, security group
 * (interface endpoints) or prefix list (gateway endpoints). Made by the static factories; `publish` writes it and
 * `read` reads it back through an `aws_ssm_parameter` data source, so both sides name it the same way.
 */
export class NetworkHandle {
  /** `vpc-id`: the VPC's ID. */
  public static vpcId(): NetworkHandle {
    return new NetworkHandle('vpc-id', 'String', "the VPC's ID");
  }

  /** `vpc-cidr-block`: the VPC's primary CIDR block. */
  public static vpcCidrBlock(): NetworkHandle {
    return new NetworkHandle('vpc-cidr-block', 'String', "the VPC's primary CIDR block");
  }

  /** `subnet-ids/<tier>`: the IDs of one tier's subnets, one per AZ (a StringList). */
  public static subnetIds(subnetType: SubnetType): NetworkHandle {
    return new NetworkHandle(`subnet-ids/${subnetType}`, 'StringList', TIER_PURPOSES[subnetType]);
  }

  /** `endpoints/<service>/id`: a VPC endpoint's ID. */
  public static endpointId(service: string): NetworkHandle {
    return new NetworkHandle(`endpoints/${segment('service', service)}/id`, 'String', `the ${service} endpoint's ID`);
  }

  /**
   * `endpoints/<service>/security-group-id`: an interface endpoint's security group, which a workload's stack
   * admits its function on (ingress on TCP 443 from the function's group).
   */
  public static endpointSecurityGroupId(service: string): NetworkHandle {
    return new NetworkHandle(
      `endpoints/${segment('service', service)}/security-group-id`,
      'String',
      `the ${service} interface endpoint's security group: a workload's stack admits its function on it ` +
        "(ingress on TCP 443 from the function's group)",
    );
  }

  /**
   * `endpoints/<service>/prefix-list-id`: the prefix list a gateway endpoint routes, which a workload's egress
   * rule names.
   */
  public static endpointPrefixListId(service: string): NetworkHandle {
    return new NetworkHandle(
      `endpoints/${segment('service', service)}/prefix-list-id`,
      'String',
      `the ${service} prefix list its gateway endpoint routes: a workload's egress rule on TCP 443 names it`,
    );
  }

  private constructor(
    /** The handle's path below its network's folder, e.g. `subnet-ids/isolated`. */
    public readonly path: string,
    /** The parameter's type: one ID (`String`) or a comma-separated list of them (`StringList`). */
    public readonly type: 'String' | 'StringList',
    /** What it holds and what it is for, the parameter's description after the network's name. */
    public readonly purpose: string,
  ) {}

  /** The parameter's name, `/lambda-vpc/<environment>/<variant>/<path>`; a bad environment or variant is refused. */
  public parameterName(location: NetworkParameterLocation): string {
    return [
      NETWORK_PARAMETER_ROOT,
      segment('environment', location.environment),
      segment('variant', location.variant),
      this.path,
    ].join('/');
  }

  /**
   * The construct ID of its parameter or data source: the path with `_` for `/` and `-` for `.`, so a readable
   * Terraform address reads as the path (`aws_ssm_parameter.handles_endpoints_ecr-api_id`).
   */
  public get constructId(): string {
    return this.path.replace(/\//g, '_').replace(/\./g, '-');
  }

  /**
   * Writes the handle under `scope`: one ID for a `String` handle, the list for a `StringList`, described as
   * `<publisher>: <purpose>`. Standard tier, which is free; the value is no secret, so it is stored as plain text and
   * plans show it.
   */
  public publish(
    scope: Construct,
    location: NetworkParameterLocation,
    value: string | readonly string[],
    publisher: string,
  ): SsmParameter {
    if ((typeof value === 'string') !== (this.type === 'String')) {
      const wanted = this.type === 'String' ? 'one value' : 'a list';
      throw new Error(`${publisher}: handle ${this.path} is a ${this.type}; give it ${wanted}`);
    }
    return new SsmParameter(scope, this.constructId, {
      name: this.parameterName(location),
      description: `${publisher}: ${this.purpose}`,
      type: this.type,
      tier: 'Standard',
      insecureValue: typeof value === 'string' ? value : Fn.join(',', [...value]),
      tags: { Name: `${publisher}-handle-${this.path.replace(/[/.]/g, '-')}` },
    });
  }

  /**
   * The handle's value, read under `scope` by an `aws_ssm_parameter` data source at plan time (one per handle and
   * scope, however often it is read). A `StringList` handle's value is its comma-separated text: use {@link readList}.
   */
  public read(scope: Construct, location: NetworkParameterLocation): string {
    const existing = scope.node.tryFindChild(this.constructId);
    const parameter =
      existing instanceof DataAwsSsmParameter
        ? existing
        : new DataAwsSsmParameter(scope, this.constructId, { name: this.parameterName(location) });
    // Not `value`, which the provider marks sensitive: a handle is an ID, and plans should show it.
    return parameter.insecureValue;
  }

  /** A `StringList` handle's values, a list whose length is known at plan time. */
  public readList(scope: Construct, location: NetworkParameterLocation): string[] {
    return Fn.split(',', this.read(scope, location));
  }
}

/** A path segment, or a one-line error naming what it is, the value and what is allowed. */
function segment(what: string, value: string): string {
  if (!SEGMENT.test(value)) {
    throw new Error(
      `network parameters: ${what} "${value}" is not one path segment; allowed: lower-case letters, digits, dots ` +
        'and dashes, starting with a letter or digit, as in dev, private-only or ecr.api',
    );
  }
  return value;
}
