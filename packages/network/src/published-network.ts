import { Construct } from 'constructs';
import { AwsEnvironment } from './aws-environment';
import { NetworkHandle, NetworkParameterLocation } from './network-handle';
import { NetworkBase, SubnetRef } from './network-interface';
import { SubnetType } from './subnet-type';

/** Options of `Network.fromParameters`: which platform network, where it runs, and which of its tiers it has. */
export interface PublishedNetworkProps extends NetworkParameterLocation {
  /**
   * Account and region of the platform's stack: a function's ENIs live in the VPC's account, and the parameters are
   * read in the AWS provider's region, which must be this one.
   */
  readonly awsEnvironment: AwsEnvironment;
  /**
   * The tiers the platform's variant has, as its parameters `subnet-ids/<tier>` list them (`PRIVATE_ISOLATED` for
   * private-only and privatelink; `PUBLIC` and `PRIVATE_WITH_EGRESS` for nat-egress). The default placement follows
   * from them as in any network: the private tier with egress if listed, else the isolated tier. A tier's parameter is
   * read only when something is placed in it.
   */
  readonly subnetTypes: readonly SubnetType[];
  /**
   * Resource name prefix of what is placed in it (an interface endpoint's name, say), and how errors name it.
   * @default `<environment>-<variant>`, the platform's stack name
   */
  readonly name?: string;
}

/**
 * A VPC a platform stack published to SSM Parameter Store under `/lambda-vpc/<environment>/<variant>/`, read back by
 * `aws_ssm_parameter` data sources (`NetworkHandle`), so a stack in another repository places functions in it with no
 * IDs in its code and no access to the platform's state. Made by `Network.fromParameters`. Nothing of the VPC is
 * created or changed.
 *
 * Its IDs are known only at plan time: `vpcId` and `cidrBlock` read their parameters, and `selectSubnets` answers the
 * chosen tier's subnet IDs as the list its parameter holds. What needs each subnet at synth (its AZ, CIDR or route
 * table: a NAT, a gateway endpoint's routes) cannot be built in it, so `subnets`, `availabilityZones` and
 * `privateRouteTableIds` are empty. Its endpoints are read by `GatewayEndpoint.fromParameters` and
 * `InterfaceEndpoint.fromParameters` (`@lambda-vpc/endpoints`).
 */
export class PublishedNetwork extends NetworkBase {
  public readonly name: string;
  public readonly environment: AwsEnvironment;
  /** Which platform network's parameters it reads. */
  public readonly location: NetworkParameterLocation;
  /** Read from `vpc-id`. */
  public readonly vpcId: string;
  public readonly availabilityZones: readonly string[] = [];
  public readonly subnets: readonly SubnetRef[] = [];
  public readonly internetGateway = undefined;
  /** On: every platform network turns DNS support on. */
  public readonly dnsSupportEnabled = true;
  /** On: every platform network turns DNS hostnames on. */
  public readonly dnsHostnamesEnabled = true;

  private readonly subnetTypes: ReadonlySet<SubnetType>;

  constructor(scope: Construct, id: string, props: PublishedNetworkProps) {
    super(scope, id);
    this.location = { environment: props.environment, variant: props.variant };
    const vpcId = NetworkHandle.vpcId();
    // Reading the VPC's ID checks the environment and variant before anything else is read.
    this.vpcId = vpcId.read(this, this.location);
    this.name = props.name ?? `${props.environment}-${props.variant}`;
    if (props.subnetTypes.length === 0) {
      throw new Error(
        `Network.fromParameters(${this.name}): subnetTypes is empty; list the tiers the variant publishes as ` +
          `subnet-ids/<tier>, e.g. [SubnetType.PRIVATE_ISOLATED]`,
      );
    }
    this.environment = props.awsEnvironment;
    this.subnetTypes = new Set(props.subnetTypes);
  }

  /** Read from `vpc-cidr-block` when first asked for. */
  public get cidrBlock(): string {
    return NetworkHandle.vpcCidrBlock().read(this, this.location);
  }

  public override hasTier(type: SubnetType): boolean {
    return this.subnetTypes.has(type);
  }

  protected override subnetIdsOf(subnetType: SubnetType): string[] {
    return this.hasTier(subnetType) ? NetworkHandle.subnetIds(subnetType).readList(this, this.location) : [];
  }
}
