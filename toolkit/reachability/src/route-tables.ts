// Routes as the analyzer matches them: stack-model reads the route tables once (every Terraform shape, the table
// each subnet uses); here each route gets its destination parsed for longest-prefix match, its prefix list read,
// and the VPC's implicit local routes are added.
import { Ipv4Cidr, RouteTargetKind, StackResource, StackRoute, SubnetRouteTable } from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { PrefixList, readPrefixList } from './prefix-lists';

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

/** The route table that governs a subnet, and how it was found (see stack-model's RouteTables.forSubnet). */
export type RouteTableChoice = SubnetRouteTable;

/** The key of the table a `route_table_id` names: its address, or the VPC's main table for `main_route_table_id`. */
export function tableKey(model: ReachabilityModel, reference: unknown): string {
  return model.routeTables.keyOf(reference);
}

/** The table governing a subnet: its explicit association, else the VPC's main table (AWS's rule). */
export function routeTableFor(model: ReachabilityModel, subnet: StackResource): RouteTableChoice {
  return model.routeTables.forSubnet(subnet);
}

function routeOf(model: ReachabilityModel, route: StackRoute): Route {
  const target = route.target;
  if (route.origin === 'gateway-endpoint' && target?.resource) {
    const endpoint = target.resource;
    const service = model.serviceOf(endpoint);
    return {
      // A route_table_ids entry is no resource of its own; an association is a hop.
      address: route.resource === endpoint ? undefined : route.address,
      label: `${endpoint.address} (prefix list of ${service})`,
      prefixList: { id: endpoint.address, service },
      targetKind: 'gateway-endpoint',
      target: endpoint.address,
      targetResource: endpoint,
    };
  }
  const cidr = Ipv4Cidr.read(route.ipv4);
  const prefixList = route.prefixList !== undefined ? readPrefixList(model, route.prefixList) : undefined;
  const destination = cidr?.toString() ?? route.ipv6 ?? prefixList?.id ?? '?';
  return {
    address: route.origin === 'aws_route' ? route.address : undefined,
    label: `${route.address} (${destination})`,
    cidr,
    ipv6: route.ipv6,
    prefixList,
    targetKind: target?.kind ?? 'other',
    target: target ? (target.resource?.address ?? String(target.value)) : 'no target',
    targetResource: target?.resource,
  };
}

/**
 * Every route of a table: its declared routes (aws_route, inline `route` blocks, gateway endpoints' prefix lists),
 * then the implicit local route for each of the VPC's CIDRs.
 */
export function routesOf(model: ReachabilityModel, choice: Pick<RouteTableChoice, 'vpc' | 'table'>): Route[] {
  const routes = (choice.table?.routes ?? []).map((route) => routeOf(model, route));
  const vpc = choice.vpc ?? choice.table?.vpc;
  for (const cidr of vpc ? model.vpcCidrs(vpc) : []) {
    routes.push({ label: `local (${cidr})`, cidr, targetKind: 'local', target: vpc!.address, targetResource: vpc });
  }
  return routes;
}
