import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AwsEnvironment } from './aws-environment';
import { vpcCidrProblems } from './aws-limits';
import { BoundDualStack, DualStack } from './dual-stack';
import { BoundFlowLogs, FlowLogs } from './flow-logs';
import { EncryptionKey } from './encryption-key';
import { ImportedNetwork, ImportedNetworkAttributes, INetwork, NetworkBase, SubnetRef } from './network-interface';
import { PublishedNetwork, PublishedNetworkProps } from './published-network';
import { DEFAULT_RESERVED_AZ_SLOTS, planSubnets, SubnetTierSpec } from './subnet-plan';
import { SubnetType } from './subnet-type';

/** Options of {@link Network}. */
export interface NetworkProps {
  /** Resource name prefix, `<env>-<variant>`; the VPC is named `<prefix>-vpc`. */
  readonly name: string;
  /** Account and region, for ARNs in policies. */
  readonly environment: AwsEnvironment;
  /** The VPC's IPv4 CIDR block, e.g. `10.10.0.0/16`: a private range, /16 to /28 (AWS's limits). */
  readonly cidrBlock: string;
  /** Availability zones to spread every tier over, one subnet per tier per AZ. */
  readonly availabilityZones: readonly string[];
  /** Subnet tiers in allocation order, each with its subnet size. */
  readonly subnetTiers: readonly SubnetTierSpec[];
  /**
   * AZ slots each tier reserves in the CIDR plan, so adding an AZ later moves no subnet.
   * @default DEFAULT_RESERVED_AZ_SLOTS (4)
   */
  readonly reservedAzSlots?: number;
  /**
   * Whether the Amazon-provided DNS resolver answers in the VPC. Interface endpoints with private DNS
   * need it.
   * @default true
   */
  readonly enableDnsSupport?: boolean;
  /**
   * Whether instances get public DNS hostnames. Interface endpoints with private DNS need it.
   * @default true
   */
  readonly enableDnsHostnames?: boolean;
  /**
   * Where VPC flow logs go.
   * @default FlowLogs.toCloudWatchLogs with 365 days' retention and a KMS key created for them
   */
  readonly flowLogs?: FlowLogs;
  /**
   * Sets Terraform's `lifecycle.prevent_destroy` on the VPC, so any plan that would destroy it (a
   * `cdktf destroy`, a renamed construct without a `moved` block, a change that forces replacement such as
   * a new CIDR) fails instead of taking down every subnet, ENI and function attached to it. For production
   * networks; turn it off, and deploy, before an intended teardown.
   * @default false
   */
  readonly protectFromDestroy?: boolean;
  /**
   * IPv6 on the VPC, e.g. `DualStack.egressOnlyGateway()`: an Amazon-provided /56, dual-stack private subnets (a /64
   * each) and an egress-only internet gateway their `::/0` routes point at. The public and isolated tiers stay
   * IPv4-only.
   * @default none: IPv4 only
   */
  readonly ipv6?: DualStack;
}

/** A subnet this network created, with its resources. */
export interface NetworkSubnet extends SubnetRef {
  /** The subnet resource. */
  readonly subnet: Subnet;
  /** The route table of this tier in this AZ. */
  readonly routeTable: RouteTable;
}

/**
 * A VPC with tiered subnets over the given AZs. Every subnet has a route table of its own (one per tier per
 * AZ) so a NAT strategy can point each AZ at its own NAT. An internet gateway exists only when a public tier
 * does. No subnet assigns public IPs on launch, the default security group is adopted with no rules, and
 * flow logs are on unless disabled.
 */
export class Network extends NetworkBase {
  /** Resource name prefix, `<env>-<variant>`. */
  public readonly name: string;
  /** Account and region of the network. */
  public readonly environment: AwsEnvironment;
  /** The VPC resource. */
  public readonly vpc: Vpc;
  /** The VPC's CIDR block, a literal. */
  public readonly cidrBlock: string;
  /** The AZs the tiers span, in plan order. */
  public readonly availabilityZones: readonly string[];
  /** Every subnet, tier by tier, AZ by AZ. */
  public readonly subnets: readonly NetworkSubnet[];
  /** The internet gateway; present only when the network has a public tier. */
  public readonly internetGateway?: InternetGateway;
  /** Whether the VPC's DNS support attribute is on. */
  public readonly dnsSupportEnabled: boolean;
  /** Whether the VPC's DNS hostnames attribute is on. */
  public readonly dnsHostnamesEnabled: boolean;
  /** The flow log resources, empty when flow logs are disabled. */
  public readonly flowLogs: BoundFlowLogs;
  /** The egress-only internet gateway and the private tier's `::/0` routes; present only with `ipv6`. */
  public readonly dualStack?: BoundDualStack;

  /**
   * A VPC this stack does not create, by IDs: another team's, or one a platform stack in another repository
   * owns. Functions and endpoints can be placed in it; nothing of it is created or changed.
   */
  public static fromExisting(scope: Construct, id: string, attributes: ImportedNetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attributes);
  }

  /**
   * A VPC a platform stack published to SSM Parameter Store (`/lambda-vpc/<environment>/<variant>/`), read back by
   * `aws_ssm_parameter` data sources: a stack in another repository places functions in it by the platform's
   * environment and variant alone. Nothing of it is created or changed. Its endpoints are read by
   * `GatewayEndpoint.fromParameters` and `InterfaceEndpoint.fromParameters`.
   */
  public static fromParameters(scope: Construct, id: string, props: PublishedNetworkProps): PublishedNetwork {
    return new PublishedNetwork(scope, id, props);
  }

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.name = props.name;
    this.environment = props.environment;
    this.availabilityZones = [...props.availabilityZones];
    this.dnsSupportEnabled = props.enableDnsSupport ?? true;
    this.dnsHostnamesEnabled = props.enableDnsHostnames ?? true;
    const cidrProblems = vpcCidrProblems(props.cidrBlock);
    if (cidrProblems.length > 0) {
      throw new Error(`${props.name}: cidrBlock = "${props.cidrBlock}": ${cidrProblems.join('; ')}`);
    }

    const plan = planSubnets({
      vpcCidr: props.cidrBlock,
      availabilityZones: props.availabilityZones,
      tiers: props.subnetTiers,
      reservedAzSlots: props.reservedAzSlots,
    });

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: this.dnsSupportEnabled,
      enableDnsHostnames: this.dnsHostnamesEnabled,
      ...(props.ipv6 ? { assignGeneratedIpv6CidrBlock: true } : {}),
      tags: { Name: `${props.name}-vpc` },
      ...(props.protectFromDestroy ? { lifecycle: { preventDestroy: true } } : {}),
    });
    this.cidrBlock = props.cidrBlock;

    // Adopting the default security group with no rule blocks removes AWS's allow-all rules (CKV2_AWS_12),
    // so nothing that lands in it by accident can talk.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-default-closed` },
    });

    if (plan.some((subnet) => subnet.type === SubnetType.PUBLIC)) {
      this.internetGateway = new InternetGateway(this, 'internet-gateway', {
        vpcId: this.vpc.id,
        tags: { Name: `${props.name}-igw` },
      });
    }

    const slots = props.reservedAzSlots ?? DEFAULT_RESERVED_AZ_SLOTS;
    const tierOrder = props.subnetTiers.map((tier) => tier.type);
    this.subnets = plan.map((planned) => {
      const id = `${planned.type}_${planned.availabilityZone}`;
      const resourceName = `${props.name}-${planned.type}-${planned.availabilityZone}`;
      // The IPv6 /64 takes the subnet's slot in the IPv4 plan: tier by tier, AZ by AZ, reserved slots included.
      const ipv6 = props.ipv6?.appliesTo(planned.type)
        ? props.ipv6.subnetArguments(
            this.vpc.ipv6CidrBlock,
            tierOrder.indexOf(planned.type) * slots + this.availabilityZones.indexOf(planned.availabilityZone),
          )
        : undefined;
      const subnet = new Subnet(this, `subnet_${id}`, {
        vpcId: this.vpc.id,
        availabilityZone: planned.availabilityZone,
        cidrBlock: planned.cidrBlock,
        ...ipv6,
        // Public IPs come only from EIPs on NAT; Lambda ENIs never get one in any case (CKV_AWS_130).
        mapPublicIpOnLaunch: false,
        tags: { Name: resourceName, Tier: planned.type },
        // Lambda releases its Hyperplane ENIs up to 45 minutes after a function leaves the subnet.
        timeouts: { delete: '45m' },
      });
      const routeTable = new RouteTable(this, `route-table_${id}`, {
        vpcId: this.vpc.id,
        tags: { Name: resourceName, Tier: planned.type },
      });
      new RouteTableAssociation(this, `route-table-association_${id}`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      if (planned.type === SubnetType.PUBLIC && this.internetGateway) {
        new Route(this, `default-route_${id}`, {
          routeTableId: routeTable.id,
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: this.internetGateway.id,
        });
      }
      return {
        ...planned,
        ...(ipv6 && { ipv6CidrBlock: ipv6.ipv6CidrBlock }),
        subnet,
        routeTable,
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      };
    });
    this.dualStack = props.ipv6?.bind(this, {
      vpcId: this.vpc.id,
      name: props.name,
      routeTables: new Map(
        this.subnets
          .filter((subnet) => props.ipv6!.appliesTo(subnet.type))
          .map((subnet) => [`${subnet.type}_${subnet.availabilityZone}`, subnet.routeTableId]),
      ),
    });

    const flowLogs =
      props.flowLogs ??
      FlowLogs.toCloudWatchLogs({
        retentionInDays: 365,
        kmsKeyArn: new EncryptionKey(this, 'flow-log-key', {
          name: `${props.name}-flow-logs`,
          environment: props.environment,
        }).keyArn,
      });
    this.flowLogs = flowLogs.bind(this, { vpcId: this.vpc.id, name: props.name, environment: props.environment });
  }

  /** The VPC's ID. */
  public get vpcId(): string {
    return this.vpc.id;
  }

  /** The subnets of one tier, with their resources, in AZ order; empty when the tier does not exist. */
  public override subnetsOf(type: SubnetType): NetworkSubnet[] {
    return this.subnets.filter((subnet) => subnet.type === type);
  }

  /**
   * Route tables of the private and isolated tiers: where gateway endpoints (S3, DynamoDB) attach.
   */
  public get privateRouteTables(): RouteTable[] {
    return this.subnets.filter((subnet) => subnet.type !== SubnetType.PUBLIC).map((subnet) => subnet.routeTable);
  }
}
