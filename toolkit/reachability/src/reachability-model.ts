import {
  asList,
  endpointSubnetReferences,
  Ipv4Cidr,
  RouteTables,
  StackDocument,
  StackJson,
  StackResource,
  vpcEndpointType,
} from '@lambda-vpc/stack-model';

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)(\[[^\]]*\])?\}$/;

/**
 * The stack's VPC resources as the analyzer reads them: references followed to addresses, lists normalised,
 * CIDRs parsed. Everything else (routing, rules, policies) builds on this.
 */
export class ReachabilityModel {
  /** The guardrails' reader: resources by type and `${...}` references followed. */
  public readonly doc: StackDocument;
  /** The stack's route tables, their routes and the table each subnet uses, read once. */
  public readonly routeTables: RouteTables;
  /** The provider's region; service names (`com.amazonaws.<region>.dynamodb`) are built from it. */
  public readonly region: string;
  /** The one allowed account, if the provider pins it: literal role ARNs in policies are matched against it. */
  public readonly accountId?: string;

  constructor(
    public readonly stackName: string,
    json: StackJson,
  ) {
    this.doc = new StackDocument(stackName, json);
    this.routeTables = this.doc.routeTables;
    const provider = json.provider?.aws?.[0] ?? {};
    // Without a provider region, the subnets' AZ names (eu-west-1a) still carry it.
    const az = this.doc
      .resources('aws_subnet')
      .map((s) => s.body.availability_zone)
      .find((z) => typeof z === 'string');
    this.region = provider.region ?? (typeof az === 'string' ? az.replace(/[a-z]$/, '') : 'us-east-1');
    this.accountId = provider.allowed_account_ids?.[0];
  }

  /** The variant from the default tags, if any. */
  public get variant(): string | undefined {
    return this.doc.variant;
  }

  /** Every resource of a type. */
  public all(type: string): StackResource[] {
    return this.doc.resources(type);
  }

  /** The resource at `type.name`, if in the stack. */
  public resource(address: string): StackResource | undefined {
    return this.doc.resolve(`\${${address}}`);
  }

  /** The resource a reference points at. */
  public resolve(reference: unknown): StackResource | undefined {
    return this.doc.resolve(reference);
  }

  /** A reference as an address when it resolves, else the literal (an ID from outside the stack). */
  public addressOf(reference: unknown): string {
    return this.resolve(reference)?.address ?? String(reference);
  }

  /** The attribute a `${type.name.attribute}` reference reads (`id`, `arn`, `prefix_list_id`, ...). */
  public attributeOf(reference: unknown): string | undefined {
    return typeof reference === 'string' ? REFERENCE.exec(reference)?.[3] : undefined;
  }

  /** Whether a reference (or a list of them) names `target`. */
  public refersTo(reference: unknown, target: StackResource): boolean {
    return asList(reference).some((item) => this.resolve(item) === target);
  }

  /** The subnet's IPv4 block. */
  public subnetCidr(subnet: StackResource): Ipv4Cidr | undefined {
    return Ipv4Cidr.read(subnet.body.cidr_block);
  }

  /** The VPC a resource names through `vpc_id`. */
  public vpcOf(resource: StackResource | undefined): StackResource | undefined {
    return resource ? this.resolve(resource.body.vpc_id) : undefined;
  }

  /** The VPC's IPv4 blocks: its primary and any aws_vpc_ipv4_cidr_block_association. */
  public vpcCidrs(vpc: StackResource): Ipv4Cidr[] {
    const secondary = this.all('aws_vpc_ipv4_cidr_block_association')
      .filter((association) => this.refersTo(association.body.vpc_id, vpc))
      .map((association) => association.body.cidr_block);
    return [vpc.body.cidr_block, ...secondary]
      .map(Ipv4Cidr.read)
      .filter((cidr): cidr is Ipv4Cidr => cidr !== undefined);
  }

  /** The VPC's subnet that holds every address of `cidr`, if any. */
  public subnetContaining(vpc: StackResource, cidr: Ipv4Cidr): StackResource | undefined {
    return this.all('aws_subnet').find((subnet) => {
      const block = this.subnetCidr(subnet);
      return this.refersTo(subnet.body.vpc_id, vpc) && block !== undefined && block.contains(cidr);
    });
  }

  /**
   * A stable key for a security group reference: its address; the adopted aws_default_security_group for
   * `${aws_vpc.x.default_security_group_id}`; or the literal ID of a group outside the stack.
   */
  public securityGroupKey(reference: unknown): string {
    const target = this.resolve(reference);
    if (target?.type === 'aws_vpc' && this.attributeOf(reference) === 'default_security_group_id') {
      const adopted = this.all('aws_default_security_group').find((group) => this.refersTo(group.body.vpc_id, target));
      return adopted?.address ?? `${target.address} (default security group)`;
    }
    return target?.address ?? String(reference);
  }

  /** The security group keys of a resource's `security_group_ids` / `vpc_security_group_ids`. */
  public securityGroupsOf(resource: StackResource): string[] {
    const body = resource.body;
    const references = asList(
      body.vpc_config?.security_group_ids ?? body.security_group_ids ?? body.vpc_security_group_ids,
    );
    return references.map((reference) => this.securityGroupKey(reference));
  }

  /** The service an endpoint serves, after `com.amazonaws.<region>.` (`dynamodb`, `s3`, `lambda`, ...). */
  public serviceOf(endpoint: StackResource): string {
    const name = String(endpoint.body.service_name ?? '');
    const prefix = `com.amazonaws.${this.region}.`;
    return name.startsWith(prefix) ? name.slice(prefix.length) : name;
  }

  /** `Gateway`, `Interface`, or another endpoint type; Terraform's default is `Gateway`. */
  public endpointType(endpoint: StackResource): string {
    return vpcEndpointType(endpoint);
  }

  /**
   * The VPC's interface endpoint for `service` whose private DNS answers for the regional service name, so a
   * function's SDK call resolves to the endpoint's ENIs. For S3, AWS keeps in-VPC traffic on a gateway endpoint
   * unless `private_dns_only_for_inbound_resolver_endpoint` is false, so only that setting counts.
   */
  public privateDnsEndpoint(vpc: StackResource, service: string): StackResource | undefined {
    return this.all('aws_vpc_endpoint').find((endpoint) => {
      if (this.endpointType(endpoint) !== 'Interface' || this.serviceOf(endpoint) !== service) return false;
      if (!this.refersTo(endpoint.body.vpc_id, vpc) || endpoint.body.private_dns_enabled !== true) return false;
      if (service !== 's3') return true;
      const dns = Array.isArray(endpoint.body.dns_options) ? endpoint.body.dns_options[0] : endpoint.body.dns_options;
      return dns?.private_dns_only_for_inbound_resolver_endpoint === false;
    });
  }

  /**
   * The subnets an interface endpoint has network interfaces in: `subnet_ids` and aws_vpc_endpoint_subnet_association
   * alike.
   */
  public endpointSubnets(endpoint: StackResource): StackResource[] {
    return this.subnetsOf(endpointSubnetReferences(this.doc, endpoint));
  }

  /** The subnet resources of a list of subnet references. */
  public subnetsOf(references: unknown): StackResource[] {
    return asList(references)
      .map((reference) => this.resolve(reference))
      .filter((s): s is StackResource => s?.type === 'aws_subnet');
  }
}
