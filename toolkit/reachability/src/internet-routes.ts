import { ReachabilityModel } from './reachability-model';
import { routesOf } from './route-tables';
import { InternetRoute } from './types';

/**
 * Every route to every address (`0.0.0.0/0`, `::/0`) in every route table, with its target. A Lambda ENI has no
 * public IP, so a new internet gateway route in a function's subnet gives the function no internet access; it
 * is still a change a reviewer must see (a workload with a public IP in that subnet would be exposed), so it
 * is reported here rather than hidden behind "still unreachable".
 */
export function internetRoutes(model: ReachabilityModel): InternetRoute[] {
  const found: InternetRoute[] = [];
  for (const table of model.routeTables.tables) {
    const subnets = table.associations.map((association) => model.addressOf(association.associated));
    for (const route of routesOf(model, { vpc: table.vpc, table })) {
      const destination =
        route.cidr?.prefixLength === 0 ? route.cidr.toString() : route.ipv6 === '::/0' ? '::/0' : undefined;
      if (!destination) continue;
      found.push({
        route: route.address ?? route.label,
        routeTable: table.key,
        destination,
        target: route.target,
        targetKind: route.targetKind,
        subnets,
      });
    }
  }
  return found;
}
