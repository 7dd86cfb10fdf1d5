import { FunctionReachability, ReachabilityResult } from './types';

/**
 * Whether any of the function's subnets reaches the internet. Unlike `destinations.internet.reachable` (true only
 * when every subnet does), this counts a path from a single AZ: Lambda may place the function's ENI in any of its
 * subnets, so one AZ with a route through a working NAT is enough for traffic to leave.
 */
export function reachesInternetFromAnyAz(fn: FunctionReachability): boolean {
  // `some`, not `every`: a leak from one AZ is still a leak, however closed the other AZs are.
  return fn.destinations.internet.paths.some((path) => path.reachable);
}

/**
 * The VPC-attached functions of which at least one subnet (one AZ) reaches the internet, in result order: the
 * count `npm run report` prints, computed from the same per-AZ `paths` it writes to `reachability.json`.
 */
export function functionsReachingInternet(result: ReachabilityResult): FunctionReachability[] {
  return result.functions.filter(reachesInternetFromAnyAz);
}
