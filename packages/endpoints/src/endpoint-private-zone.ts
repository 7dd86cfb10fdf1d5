import { Construct } from 'constructs';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';

/** What a zone needs of an interface endpoint: the name it answers for and where it points. */
export interface InterfaceEndpointDns {
  /** The service's regional name, e.g. `lambda.eu-west-1.amazonaws.com`: the zone's name. */
  readonly privateDnsName: string;
  /** The endpoint's regional DNS name (`dns_entry[0].dns_name`): the alias target. */
  readonly regionalDnsName: string;
  /** The hosted zone of that name (`dns_entry[0].hosted_zone_id`). */
  readonly regionalHostedZoneId: string;
  /** The endpoint's own VPC, where a zone of the same name cannot be associated while its private DNS is on. */
  readonly vpcId?: string;
}

/** A VPC a private hosted zone answers in. */
export interface ZoneVpc {
  /** The VPC's ID. */
  readonly vpcId: string;
  /**
   * The VPC's region.
   * @default the region of the stack's provider
   */
  readonly region?: string;
}

/** Options of {@link EndpointPrivateZone}. */
export interface EndpointPrivateZoneProps {
  /** The interface endpoint the zone's name resolves to, e.g. an `InterfaceEndpoint` of another stack. */
  readonly endpoint: InterfaceEndpointDns;
  /**
   * The caller VPC the zone is created in (a private zone needs one); more are added with {@link associateVpc} or,
   * from another account, {@link authorizeVpc} and {@link EndpointPrivateZone.associateFromOtherAccount}.
   */
  readonly vpc: ZoneVpc;
  /**
   * Resource name prefix, e.g. `<caller>-lambda-endpoint`.
   */
  readonly name: string;
}

/**
 * Private DNS for callers outside an interface endpoint's VPC: a private hosted zone for the service's regional name
 * (`lambda.<region>.amazonaws.com`) whose apex is an alias A record to the endpoint's regional DNS name, associated
 * with the callers' VPCs. The SDK in those VPCs then resolves the service's usual name to the endpoint's addresses,
 * with no endpoint override. It is never associated with the endpoint's own VPC, whose private DNS already answers
 * for the name (Route 53 refuses the association while the endpoint's private DNS is on).
 */
export class EndpointPrivateZone extends Construct {
  /**
   * Associates a VPC of this account with a zone another account owns and has authorized it for
   * (`authorizeVpc` in the zone's stack): `aws_route53_zone_association`, in the VPC owner's stack.
   */
  public static associateFromOtherAccount(
    scope: Construct,
    id: string,
    props: { readonly zoneId: string } & ZoneVpc,
  ): Route53ZoneAssociation {
    return new Route53ZoneAssociation(scope, id, {
      zoneId: props.zoneId,
      vpcId: props.vpcId,
      ...(props.region !== undefined && { vpcRegion: props.region }),
    });
  }

  /** The private hosted zone. */
  public readonly zone: Route53Zone;
  /** The apex alias A record. */
  public readonly record: Route53Record;
  /** Associations added after the zone's first VPC, in the order added. */
  public readonly associations: Route53ZoneAssociation[] = [];

  private readonly endpoint: InterfaceEndpointDns;

  constructor(scope: Construct, id: string, props: EndpointPrivateZoneProps) {
    super(scope, id);
    this.endpoint = props.endpoint;
    this.checkNotEndpointVpc(props.vpc);
    this.zone = new Route53Zone(this, 'zone', {
      name: props.endpoint.privateDnsName,
      comment: `${props.name}: ${props.endpoint.privateDnsName} to the interface endpoint, for callers outside its VPC`,
      vpc: [{ vpcId: props.vpc.vpcId, ...(props.vpc.region !== undefined && { vpcRegion: props.vpc.region }) }],
      // Later VPCs are separate associations; without this the zone would remove them on the next apply.
      lifecycle: { ignoreChanges: ['vpc'] },
      tags: { Name: props.name },
    });
    this.record = new Route53Record(this, 'alias', {
      zoneId: this.zone.zoneId,
      name: props.endpoint.privateDnsName,
      type: 'A',
      alias: {
        name: props.endpoint.regionalDnsName,
        zoneId: props.endpoint.regionalHostedZoneId,
        evaluateTargetHealth: false,
      },
    });
  }

  /** The zone's ID. */
  public get zoneId(): string {
    return this.zone.zoneId;
  }

  /** Associates another VPC of this account with the zone (`aws_route53_zone_association`). */
  public associateVpc(id: string, vpc: ZoneVpc): Route53ZoneAssociation {
    this.checkNotEndpointVpc(vpc);
    const association = new Route53ZoneAssociation(this, `association_${id}`, {
      zoneId: this.zone.zoneId,
      vpcId: vpc.vpcId,
      ...(vpc.region !== undefined && { vpcRegion: vpc.region }),
    });
    this.associations.push(association);
    return association;
  }

  /**
   * Lets another account's VPC be associated with the zone (`aws_route53_vpc_association_authorization`, here in the
   * zone's account); that account then calls {@link EndpointPrivateZone.associateFromOtherAccount}.
   */
  public authorizeVpc(id: string, vpc: ZoneVpc): Route53VpcAssociationAuthorization {
    this.checkNotEndpointVpc(vpc);
    return new Route53VpcAssociationAuthorization(this, `authorization_${id}`, {
      zoneId: this.zone.zoneId,
      vpcId: vpc.vpcId,
      ...(vpc.region !== undefined && { vpcRegion: vpc.region }),
    });
  }

  private checkNotEndpointVpc(vpc: ZoneVpc): void {
    if (this.endpoint.vpcId !== undefined && vpc.vpcId === this.endpoint.vpcId) {
      throw new Error(
        `${this.node.path}: vpc = the endpoint's own VPC; its private DNS already answers for ` +
          `${this.endpoint.privateDnsName} there and Route 53 refuses a zone of the same name; allowed: caller VPCs ` +
          'outside the endpoint',
      );
    }
  }
}
