// Route tables come in several Terraform shapes: routes as aws_route resources or inline `route` blocks, subnets
// joined by aws_route_table_association, a VPC's main table adopted (aws_default_route_table) or replaced
// (aws_main_route_table_association), and gateway endpoints that add their service's prefix list through
// `route_table_ids` or aws_vpc_endpoint_route_table_association. They are read here, once, so every reader
// (guardrails, reachability, diagram) reads a route one way.
import type { StackDocument, StackResource } from './stack-document';
import { asList, TerraformBlock } from './terraform-values';

/** What a route sends traffic to, by the argument that names its target. */
export type RouteTargetKind =
  | 'local'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'network-interface'
  | 'gateway-endpoint'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'vpc-peering'
  | 'vpc-endpoint'
  | 'egress-only-internet-gateway'
  | 'other';

/** A route's target. */
export interface RouteTarget {
  readonly kind: RouteTargetKind;
  /**
   * The argument that names it (`nat_gateway_id`, `gateway_id`, ...); `vpc_endpoint_id` for a gateway endpoint's route.
   */
  readonly argument: string;
  /**
   * As written: a `${...}` reference, a literal ID, or `local`; for a gateway endpoint's route, a reference to the
   * endpoint.
   */
  readonly value: unknown;
  /** The resource the value refers to, when it is in this stack. */
  readonly resource?: StackResource;
}

/** One route of a table, whichever shape declared it. Destinations are as written: blocks are not parsed. */
export interface StackRoute {
  /** The key of its table (see {@link StackRouteTable.key}). */
  readonly table: string;
  /** `aws_route`, an `inline` block of the table, or a `gateway-endpoint`'s prefix-list route. */
  readonly origin: 'aws_route' | 'inline' | 'gateway-endpoint';
  /**
   * The resource that declares it: the aws_route; the table, for an inline block; for a gateway endpoint, its
   * aws_vpc_endpoint_route_table_association, or the endpoint itself when its `route_table_ids` lists the table.
   */
  readonly resource: StackResource;
  /** The declaring resource's address; `<table address> route[<index>]` for an inline block. */
  readonly address: string;
  /** The IPv4 destination (`destination_cidr_block`, inline `cidr_block`), if set. */
  readonly ipv4?: string;
  /** The IPv6 destination (`destination_ipv6_cidr_block`, inline `ipv6_cidr_block`), if set. */
  readonly ipv6?: string;
  /** `destination_prefix_list_id` as written; for a gateway endpoint, a reference to its `prefix_list_id`. */
  readonly prefixList?: unknown;
  /** Absent when no target argument is set. */
  readonly target?: RouteTarget;
}

/** An aws_route_table_association. */
export interface RouteTableAssociation {
  readonly resource: StackResource;
  /** `subnet_id`, or `gateway_id` for an edge association, as written. */
  readonly associated: unknown;
  /** The subnet `subnet_id` refers to, when it is in this stack. */
  readonly subnet?: StackResource;
}

/** A route table: declared, or a main table the stack routes into without declaring it. */
export interface StackRouteTable {
  /**
   * Its address; for a VPC's main table the stack does not declare, `<vpc address> (main route table)`; else the
   * literal ID.
   */
  readonly key: string;
  /** The aws_route_table or aws_default_route_table; absent when the stack does not declare it. */
  readonly resource?: StackResource;
  readonly vpc?: StackResource;
  /** aws_route resources first, then inline blocks, then gateway endpoints, each in the JSON's order. */
  readonly routes: readonly StackRoute[];
  readonly associations: readonly RouteTableAssociation[];
}

/** The table that governs a subnet, and how AWS picks it. */
export interface SubnetRouteTable {
  /** The table's key. */
  readonly key: string;
  /**
   * `association`: an aws_route_table_association; `main`: the VPC's declared main table; `implicit-main`: none
   * declared.
   */
  readonly how: 'association' | 'main' | 'implicit-main';
  /** The subnet's VPC (for a main table, the VPC it is main of). */
  readonly vpc?: StackResource;
  /** The table, when the stack declares it or names it. */
  readonly table?: StackRouteTable;
}

type MutableTable = StackRouteTable & { routes: StackRoute[]; associations: RouteTableAssociation[] };

const TARGET_ARGUMENTS: [string, RouteTargetKind][] = [
  ['gateway_id', 'internet-gateway'],
  ['nat_gateway_id', 'nat-gateway'],
  ['network_interface_id', 'network-interface'],
  ['transit_gateway_id', 'transit-gateway'],
  ['vpc_peering_connection_id', 'vpc-peering'],
  ['vpc_endpoint_id', 'vpc-endpoint'],
  ['egress_only_gateway_id', 'egress-only-internet-gateway'],
  ['carrier_gateway_id', 'other'],
  ['local_gateway_id', 'other'],
  ['core_network_arn', 'other'],
];

/** `Gateway`, `Interface`, `GatewayLoadBalancer`...: an aws_vpc_endpoint's type; Terraform's default is `Gateway`. */
export function vpcEndpointType(endpoint: StackResource): string {
  return String(endpoint.body.vpc_endpoint_type ?? 'Gateway');
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The route tables of a stack, their routes and associations, and the table each subnet uses. */
export class RouteTables {
  /**
   * Declared tables (aws_route_table, then aws_default_route_table), then tables only named by routes or associations.
   */
  public readonly tables: readonly StackRouteTable[];
  /**
   * Every route: aws_route resources, inline blocks, gateway endpoints (each endpoint's tables in the order it names
   * them).
   */
  public readonly routes: readonly StackRoute[];
  private readonly byKey = new Map<string, MutableTable>();
  private readonly associations: RouteTableAssociation[] = [];

  constructor(private readonly doc: StackDocument) {
    const declared = [...doc.resources('aws_route_table'), ...doc.resources('aws_default_route_table')];
    for (const table of declared) {
      const vpc = doc.resolve(table.body.vpc_id) ?? doc.resolve(table.body.default_route_table_id);
      this.byKey.set(table.address, {
        key: table.address,
        resource: table,
        ...(vpc ? { vpc } : {}),
        routes: [],
        associations: [],
      });
    }
    const routes: StackRoute[] = doc
      .resources('aws_route')
      .map((route) =>
        this.declaredRoute(this.tableOf(route.body.route_table_id).key, 'aws_route', route, route.address, route.body),
      );
    for (const table of declared) {
      asList(table.body.route).forEach((block, index) => {
        routes.push(
          this.declaredRoute(
            table.address,
            'inline',
            table,
            `${table.address} route[${index}]`,
            block as TerraformBlock,
          ),
        );
      });
    }
    routes.push(...this.gatewayEndpointRoutes());
    for (const route of routes) this.byKey.get(route.table)?.routes.push(route);
    for (const association of doc.resources('aws_route_table_association')) {
      const subnet = doc.resolve(association.body.subnet_id);
      const entry: RouteTableAssociation = {
        resource: association,
        associated: association.body.subnet_id ?? association.body.gateway_id,
        ...(subnet?.type === 'aws_subnet' ? { subnet } : {}),
      };
      this.associations.push(entry);
      this.tableOf(association.body.route_table_id).associations.push(entry);
    }
    this.routes = routes;
    this.tables = [...this.byKey.values()];
  }

  /** The table with this key, if the stack declares or names it. */
  public table(key: string): StackRouteTable | undefined {
    return this.byKey.get(key);
  }

  /**
   * The key of the table a `route_table_id` names: its address; the VPC's main table for
   * `${aws_vpc.x.main_route_table_id}`; else the literal.
   */
  public keyOf(reference: unknown): string {
    const target = this.doc.resolve(reference);
    if (target?.type === 'aws_vpc') return this.mainTableOf(target).key;
    return target?.address ?? String(reference);
  }

  /**
   * The VPC's main table: a declared aws_main_route_table_association or adopted aws_default_route_table, else AWS's
   * implicit one.
   */
  public mainTableOf(vpc: StackResource): SubnetRouteTable {
    const association = this.doc
      .resources('aws_main_route_table_association')
      .find((a) => this.doc.refersTo(a.body.vpc_id, vpc));
    const named = association ? this.doc.resolve(association.body.route_table_id) : undefined;
    if (association && named?.type !== 'aws_vpc')
      return this.choice(named?.address ?? String(association.body.route_table_id), 'main', vpc);
    const adopted = this.doc
      .resources('aws_default_route_table')
      .find((t) => this.doc.refersTo(t.body.default_route_table_id, vpc));
    if (adopted) return this.choice(adopted.address, 'main', vpc);
    return this.choice(`${vpc.address} (main route table)`, 'implicit-main', vpc);
  }

  /** The table governing a subnet: its explicit association, else its VPC's main table (AWS's rule). */
  public forSubnet(subnet: StackResource): SubnetRouteTable {
    const vpc = this.doc.resolve(subnet.body.vpc_id);
    const association = this.associations.find((a) => a.subnet === subnet);
    if (association) return this.choice(this.keyOf(association.resource.body.route_table_id), 'association', vpc);
    if (!vpc) return { key: `${subnet.address} (no VPC)`, how: 'implicit-main' };
    return this.mainTableOf(vpc);
  }

  private choice(key: string, how: SubnetRouteTable['how'], vpc: StackResource | undefined): SubnetRouteTable {
    const table = this.byKey.get(key);
    return { key, how, ...(vpc ? { vpc } : {}), ...(table ? { table } : {}) };
  }

  /** The table a `route_table_id` names, added (undeclared) the first time a route or association names it. */
  private tableOf(reference: unknown): MutableTable {
    const key = this.keyOf(reference);
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const owner = this.doc.resolve(reference);
    const table: MutableTable = {
      key,
      ...(owner?.type === 'aws_vpc' ? { vpc: owner } : {}),
      routes: [],
      associations: [],
    };
    this.byKey.set(key, table);
    return table;
  }

  private declaredRoute(
    table: string,
    origin: 'aws_route' | 'inline',
    resource: StackResource,
    address: string,
    body: TerraformBlock,
  ): StackRoute {
    const ipv4 = origin === 'inline' ? body.cidr_block : body.destination_cidr_block;
    const ipv6 = origin === 'inline' ? body.ipv6_cidr_block : body.destination_ipv6_cidr_block;
    const target = this.targetOf(body);
    return {
      table,
      origin,
      resource,
      address,
      ...(isSet(ipv4) ? { ipv4: String(ipv4) } : {}),
      ...(isSet(ipv6) ? { ipv6: String(ipv6) } : {}),
      ...(isSet(body.destination_prefix_list_id) ? { prefixList: body.destination_prefix_list_id } : {}),
      ...(target ? { target } : {}),
    };
  }

  private targetOf(body: TerraformBlock): RouteTarget | undefined {
    const found = TARGET_ARGUMENTS.find(([argument]) => isSet(body[argument]));
    if (!found) return undefined;
    const [argument, kind] = found;
    const value = body[argument];
    const resource = this.doc.resolve(value);
    const located = (k: RouteTargetKind): RouteTarget => ({
      kind: k,
      argument,
      value,
      ...(resource ? { resource } : {}),
    });
    if (argument === 'vpc_endpoint_id')
      return located(
        resource?.type === 'aws_vpc_endpoint' && vpcEndpointType(resource) === 'Gateway' ? 'gateway-endpoint' : kind,
      );
    if (argument !== 'gateway_id') return located(kind);
    // gateway_id carries internet gateways, virtual private gateways and the literal `local`.
    const literal = String(value);
    return located(
      resource?.type === 'aws_internet_gateway' || literal.startsWith('igw-')
        ? 'internet-gateway'
        : resource?.type === 'aws_vpn_gateway' || literal.startsWith('vgw-')
          ? 'vpn-gateway'
          : literal === 'local'
            ? 'local'
            : 'other',
    );
  }

  /**
   * One route per gateway endpoint and table it is on, named by the first association for that table if there is one.
   */
  private gatewayEndpointRoutes(): StackRoute[] {
    const associations = this.doc.resources('aws_vpc_endpoint_route_table_association');
    return this.doc
      .resources('aws_vpc_endpoint')
      .filter((endpoint) => vpcEndpointType(endpoint) === 'Gateway')
      .flatMap((endpoint) => {
        const own = associations.filter((a) => this.doc.refersTo(a.body.vpc_endpoint_id, endpoint));
        const tables = new Map<string, StackResource>();
        for (const reference of [...asList(endpoint.body.route_table_ids), ...own.map((a) => a.body.route_table_id)]) {
          const key = this.tableOf(reference).key;
          if (!tables.has(key)) tables.set(key, own.find((a) => this.keyOf(a.body.route_table_id) === key) ?? endpoint);
        }
        return [...tables].map(([table, resource]): StackRoute => ({
          table,
          origin: 'gateway-endpoint',
          resource,
          address: resource.address,
          prefixList: `\${${endpoint.address}.prefix_list_id}`,
          target: {
            kind: 'gateway-endpoint',
            argument: 'vpc_endpoint_id',
            value: `\${${endpoint.address}.id}`,
            resource: endpoint,
          },
        }));
      });
  }
}
