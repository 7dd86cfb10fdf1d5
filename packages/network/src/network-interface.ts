import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AwsEnvironment } from './aws-environment';
import { SubnetType } from './subnet-type';

/** A subnet by ID, with its tier and AZ: all that nat, endpoints and lambda need to place something in it. */
export interface SubnetRef {
  /** The subnet's tier. */
  readonly type: SubnetType;
  /** The subnet's availability zone. */
  readonly availabilityZone: string;
  /** The subnet's CIDR block (a NAT instance admits the private tier's blocks). */
  readonly cidrBlock: string;
  /** The subnet's ID. */
  readonly subnetId: string;
  /** The ID of the route table governing the subnet (where NAT routes and gateway endpoints go). */
  readonly routeTableId: string;
  /**
   * The subnet's IPv6 block, when it is dual-stack (a function placed only in dual-stack subnets may use IPv6).
   * @default none: an IPv4-only subnet
   */
  readonly ipv6CidrBlock?: string;
}

/** Which subnets of a network something is placed in (a function's ENIs, an endpoint's network interfaces). */
export interface SubnetSelection {
  /**
   * The tier, one subnet per AZ.
   * @default the private tier with egress when the network has one, else the isolated tier; never the public tier
   */
  readonly subnetType?: SubnetType;
}

/** The subnets a {@link SubnetSelection} chose, with the tier it resolved to. */
export interface SelectedSubnets {
  /** The tier chosen: the one asked for, or the default. */
  readonly subnetType: SubnetType;
  /**
   * Its subnets in AZ order; empty when the network has no such tier, and for a network read from parameters, whose
   * subnets are known only at plan time (see `subnetIds`).
   */
  readonly subnets: SubnetRef[];
  /**
   * The chosen subnets' IDs, what a function's or an endpoint's `subnet_ids` takes: the subnets' own IDs, or for a
   * network read from parameters the list its parameter holds (its length known at plan time); empty when the
   * network has no such tier.
   */
  readonly subnetIds: string[];
}

/**
 * A VPC as the other constructs use it: a {@link Network} built in this stack, the network of another stack of the
 * app (its IDs become cross-stack references), a VPC someone else owns, by IDs ({@link ImportedNetwork}), or one a
 * platform stack published to SSM Parameter Store (`Network.fromParameters`).
 */
export interface INetwork {
  /** Resource name prefix of what is placed in it, e.g. `<env>-<variant>`. */
  readonly name: string;
  /** Account and region of the VPC. */
  readonly environment: AwsEnvironment;
  /** The VPC's ID. */
  readonly vpcId: string;
  /** The VPC's primary CIDR block. */
  readonly cidrBlock: string;
  /** The AZs the subnets span, in order. */
  readonly availabilityZones: readonly string[];
  /**
   * Every subnet, tier by tier, AZ by AZ; empty for a network read from parameters, whose subnets are known only at
   * plan time (`selectSubnets(...).subnetIds` has their IDs).
   */
  readonly subnets: readonly SubnetRef[];
  /** What a NAT gateway must wait for: the internet gateway, when this stack creates it. */
  readonly internetGateway?: ITerraformDependable;
  /** Whether the VPC's DNS support attribute is on (interface endpoints with private DNS need it). */
  readonly dnsSupportEnabled: boolean;
  /** Whether the VPC's DNS hostnames attribute is on (the same). */
  readonly dnsHostnamesEnabled: boolean;
  /** Whether the network has a tier of this type. */
  hasTier(type: SubnetType): boolean;
  /** The subnets of one tier, in AZ order; empty when the tier does not exist. */
  subnetsOf(type: SubnetType): SubnetRef[];
  /** The subnets a selection chooses: the one place the default tier is decided (see {@link SubnetSelection}). */
  selectSubnets(selection?: SubnetSelection): SelectedSubnets;
  /** Public subnets (default route to the internet gateway). */
  readonly publicSubnets: SubnetRef[];
  /** Private subnets whose default route a NAT strategy provides. */
  readonly privateSubnets: SubnetRef[];
  /** Isolated subnets, with no route beyond the VPC. */
  readonly isolatedSubnets: SubnetRef[];
  /** Route table IDs of the private and isolated tiers: where gateway endpoints (S3, DynamoDB) attach. */
  readonly privateRouteTableIds: string[];
}

/** What every network answers from its subnets, built here or imported. */
export abstract class NetworkBase extends Construct implements INetwork {
  public abstract readonly name: string;
  public abstract readonly environment: AwsEnvironment;
  public abstract readonly vpcId: string;
  public abstract readonly cidrBlock: string;
  public abstract readonly availabilityZones: readonly string[];
  public abstract readonly subnets: readonly SubnetRef[];
  public abstract readonly internetGateway?: ITerraformDependable;
  public abstract readonly dnsSupportEnabled: boolean;
  public abstract readonly dnsHostnamesEnabled: boolean;

  public hasTier(type: SubnetType): boolean {
    return this.subnets.some((subnet) => subnet.type === type);
  }

  public subnetsOf(type: SubnetType): SubnetRef[] {
    return this.subnets.filter((subnet) => subnet.type === type);
  }

  public selectSubnets(selection: SubnetSelection = {}): SelectedSubnets {
    const subnetType =
      selection.subnetType ??
      (this.hasTier(SubnetType.PRIVATE_WITH_EGRESS) ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED);
    const subnets = this.subnetsOf(subnetType);
    return { subnetType, subnets, subnetIds: this.subnetIdsOf(subnetType, subnets) };
  }

  /** The IDs of a tier's subnets, `subnets` being its subnets as {@link subnetsOf} gives them. */
  protected subnetIdsOf(_subnetType: SubnetType, subnets: readonly SubnetRef[]): string[] {
    return subnets.map((subnet) => subnet.subnetId);
  }

  public get publicSubnets(): SubnetRef[] {
    return this.subnetsOf(SubnetType.PUBLIC);
  }

  public get privateSubnets(): SubnetRef[] {
    return this.subnetsOf(SubnetType.PRIVATE_WITH_EGRESS);
  }

  public get isolatedSubnets(): SubnetRef[] {
    return this.subnetsOf(SubnetType.PRIVATE_ISOLATED);
  }

  public get privateRouteTableIds(): string[] {
    return this.subnets.filter((subnet) => subnet.type !== SubnetType.PUBLIC).map((subnet) => subnet.routeTableId);
  }
}

/** The IDs of a VPC this stack does not create, for {@link ImportedNetwork}. */
export interface ImportedNetworkAttributes {
  /** Resource name prefix of what is placed in it, e.g. `payments-dev`. */
  readonly name: string;
  /** Account and region of the VPC. */
  readonly environment: AwsEnvironment;
  /** The VPC's ID (a literal, a variable, or another stack's output). */
  readonly vpcId: string;
  /** The VPC's primary CIDR block. */
  readonly cidrBlock: string;
  /** Its subnets by ID, with tier, AZ, CIDR and route table. */
  readonly subnets: readonly SubnetRef[];
  /**
   * Whether the VPC's DNS support attribute is on.
   * @default true (AWS's default for a VPC)
   */
  readonly dnsSupportEnabled?: boolean;
  /**
   * Whether the VPC's DNS hostnames attribute is on.
   * @default true (as every Network here sets it)
   */
  readonly dnsHostnamesEnabled?: boolean;
}

/**
 * A VPC another stack or team owns, by IDs: functions and endpoints can be placed in it; nothing of the VPC itself
 * is created or changed. Made by `Network.fromExisting`.
 */
export class ImportedNetwork extends NetworkBase {
  public readonly name: string;
  public readonly environment: AwsEnvironment;
  public readonly vpcId: string;
  public readonly cidrBlock: string;
  public readonly availabilityZones: readonly string[];
  public readonly subnets: readonly SubnetRef[];
  public readonly internetGateway = undefined;
  public readonly dnsSupportEnabled: boolean;
  public readonly dnsHostnamesEnabled: boolean;

  constructor(scope: Construct, id: string, attributes: ImportedNetworkAttributes) {
    super(scope, id);
    if (attributes.subnets.length === 0) {
      throw new Error(
        `${attributes.name}: an imported network needs its subnets (IDs, tiers, AZs, route tables) to place anything ` +
          `in it`,
      );
    }
    this.name = attributes.name;
    this.environment = attributes.environment;
    this.vpcId = attributes.vpcId;
    this.cidrBlock = attributes.cidrBlock;
    this.subnets = [...attributes.subnets];
    this.availabilityZones = [...new Set(attributes.subnets.map((subnet) => subnet.availabilityZone))];
    this.dnsSupportEnabled = attributes.dnsSupportEnabled ?? true;
    this.dnsHostnamesEnabled = attributes.dnsHostnamesEnabled ?? true;
  }
}
