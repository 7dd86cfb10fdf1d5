import { asList, Ipv4Cidr, StackResource } from '@lambda-vpc/stack-model';
import { NetworkModel } from './network-model';
import { PrefixList, readPrefixList } from './prefix-lists';

/** What a route sends traffic to. */
export type RouteTargetKind =
  | 'local' | 'internet-gateway' | 'nat-gateway' | 'network-interface' | 'gateway-endpoint' | 'transit-gateway'
  | 'vpn-gateway' | 'vpc-peering' | 'vpc-endpoint' | 'egress-only-internet-gateway' | 'other';

/** One route of a table: declared (aws_route, inline), implied by a gateway endpoint, or the VPC's local route. */
export interface Route {
  /** Its own hop, when it is a resource (aws_route, aws_vpc_endpoint_route_table_association). */
  readonly address?: string;
  /** How messages name it. */
  readonly label: string;
  readonly cidr?: Ipv4Cidr;
  readonly ipv6?: string;
  readonly prefixList?: PrefixList;
  readonly targetKind: RouteTargetKind;
  /** The target's address, or the literal ID of a target outside the stack. */
  readonly target: string;
  readonly targetResource?: StackResource;
}

/** The route table that governs a subnet, and how it was found. */
export interface RouteTableChoice {
  /** The table's address, or `<vpc> (main route table)` for the VPC's implicit main table. */
  readonly key: string;
  /** `association`: an explicit aws_route_table_association; `main`: a declared main table; `implicit-main`: none declared. */
  readonly how: 'association' | 'main' | 'implicit-main';
  readonly vpc?: StackResource;
}

const TARGET_FIELDS: [string, RouteTargetKind][] = [
  ['gateway_id', 'internet-gateway'], ['nat_gateway_id', 'nat-gateway'], ['network_interface_id', 'network-interface'],
  ['transit_gateway_id', 'transit-gateway'], ['vpc_peering_connection_id', 'vpc-peering'], ['vpc_endpoint_id', 'vpc-endpoint'],
  ['egress_only_gateway_id', 'egress-only-internet-gateway'], ['carrier_gateway_id', 'other'], ['local_gateway_id', 'other'],
  ['core_network_arn', 'other'],
];

/** The VPC's main table key: a declared aws_main_route_table_association or adopted aws_default_route_table. */
function mainTable(model: NetworkModel, vpc: StackResource): RouteTableChoice {
  const association = model.all('aws_main_route_table_association').find((a) => model.refersTo(a.body.vpc_id, vpc));
  if (association) return { key: tableKey(model, association.body.route_table_id), how: 'main', vpc };
  const adopted = model.all('aws_default_route_table').find((t) => model.refersTo(t.body.default_route_table_id, vpc));
  if (adopted) return { key: adopted.address, how: 'main', vpc };
  return { key: `${vpc.address} (main route table)`, how: 'implicit-main', vpc };
}

/** The key of the table a `route_table_id` names: its address, or the VPC's main table for `main_route_table_id`. */
export function tableKey(model: NetworkModel, reference: unknown): string {
  const target = model.resolve(reference);
  if (target?.type === 'aws_vpc') return mainTable(model, target).key;
  return target?.address ?? String(reference);
}

/** The table governing a subnet: its explicit association, else the VPC's main table (AWS's rule). */
export function routeTableFor(model: NetworkModel, subnet: StackResource): RouteTableChoice {
  const vpc = model.vpcOf(subnet);
  const association = model.all('aws_route_table_association').find((a) => model.refersTo(a.body.subnet_id, subnet));
  if (association) return { key: tableKey(model, association.body.route_table_id), how: 'association', vpc };
  if (!vpc) return { key: `${subnet.address} (no VPC)`, how: 'implicit-main' };
  return mainTable(model, vpc);
}

function classify(model: NetworkModel, body: Record<string, any>): Pick<Route, 'targetKind' | 'target' | 'targetResource'> {
  for (const [field, kind] of TARGET_FIELDS) {
    const value = body[field];
    if (value === undefined || value === null || value === '') continue;
    const resource = model.resolve(value);
    const target = resource?.address ?? String(value);
    if (field === 'vpc_endpoint_id' && resource?.type === 'aws_vpc_endpoint' && model.endpointType(resource) === 'Gateway') {
      return { targetKind: 'gateway-endpoint', target, targetResource: resource };
    }
    if (field !== 'gateway_id') return { targetKind: kind, target, targetResource: resource };
    // gateway_id carries internet gateways, virtual private gateways and the literal `local`.
    const type = resource?.type ?? '';
    const literal = String(value);
    const gatewayKind: RouteTargetKind = type === 'aws_internet_gateway' || literal.startsWith('igw-') ? 'internet-gateway'
      : type === 'aws_vpn_gateway' || literal.startsWith('vgw-') ? 'vpn-gateway'
        : literal === 'local' ? 'local' : 'other';
    return { targetKind: gatewayKind, target, targetResource: resource };
  }
  return { targetKind: 'other', target: 'no target' };
}

function declaredRoute(model: NetworkModel, body: Record<string, any>, inline: boolean, address: string | undefined, label: string): Route {
  const cidr = Ipv4Cidr.read(inline ? body.cidr_block : body.destination_cidr_block);
  const ipv6 = inline ? body.ipv6_cidr_block : body.destination_ipv6_cidr_block;
  const prefixList = body.destination_prefix_list_id ? readPrefixList(model, body.destination_prefix_list_id) : undefined;
  const destination = cidr?.toString() ?? ipv6 ?? prefixList?.id ?? '?';
  return { address, label: `${label} (${destination})`, cidr, ipv6, prefixList, ...classify(model, body) };
}

/**
 * Every route of a table: aws_route resources, inline `route` blocks, gateway endpoints attached through
 * `route_table_ids` or aws_vpc_endpoint_route_table_association (each adds its service's prefix list), and the
 * implicit local route for each of the VPC's CIDRs.
 */
export function routesOf(model: NetworkModel, choice: RouteTableChoice): Route[] {
  const routes: Route[] = [];
  for (const route of model.all('aws_route')) {
    if (tableKey(model, route.body.route_table_id) === choice.key) routes.push(declaredRoute(model, route.body, false, route.address, route.address));
  }
  const table = model.resource(choice.key);
  asList(table?.body.route).forEach((body, index) => {
    routes.push(declaredRoute(model, body as Record<string, any>, true, undefined, `${choice.key} route[${index}]`));
  });
  for (const endpoint of model.all('aws_vpc_endpoint')) {
    if (model.endpointType(endpoint) !== 'Gateway') continue;
    const inList = asList(endpoint.body.route_table_ids).some((reference) => tableKey(model, reference) === choice.key);
    const associations = model.all('aws_vpc_endpoint_route_table_association')
      .filter((a) => model.refersTo(a.body.vpc_endpoint_id, endpoint) && tableKey(model, a.body.route_table_id) === choice.key);
    if (!inList && associations.length === 0) continue;
    routes.push({
      address: associations[0]?.address, label: `${endpoint.address} (prefix list of ${model.serviceOf(endpoint)})`,
      prefixList: { id: endpoint.address, service: model.serviceOf(endpoint) },
      targetKind: 'gateway-endpoint', target: endpoint.address, targetResource: endpoint,
    });
  }
  const vpc = choice.vpc ?? model.vpcOf(table);
  for (const cidr of vpc ? model.vpcCidrs(vpc) : []) {
    routes.push({ label: `local (${cidr})`, cidr, targetKind: 'local', target: vpc!.address, targetResource: vpc });
  }
  return routes;
}

/** Every route table in the stack (declared, adopted default, and implicit main tables that have routes). */
export function allRouteTables(model: NetworkModel): RouteTableChoice[] {
  const keys = new Map<string, RouteTableChoice>();
  for (const table of [...model.all('aws_route_table'), ...model.all('aws_default_route_table')]) {
    keys.set(table.address, { key: table.address, how: 'association', vpc: model.vpcOf(table) ?? model.resolve(table.body.default_route_table_id) });
  }
  for (const route of model.all('aws_route')) {
    const key = tableKey(model, route.body.route_table_id);
    const owner = model.resolve(route.body.route_table_id);
    if (!keys.has(key)) keys.set(key, { key, how: 'implicit-main', vpc: owner?.type === 'aws_vpc' ? owner : undefined });
  }
  return [...keys.values()];
}
