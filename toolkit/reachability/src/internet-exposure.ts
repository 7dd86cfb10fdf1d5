import { FunctionReachability, ReachabilityResult, Verdict } from './types';

/**
 * Whether any of the function's subnets reaches the internet: `yes` when one does, else `unknown` when one's path
 * leaves the stack where the analysis cannot follow it, else `no`. Unlike `destinations.internet.verdict` (`yes` only
 * when every subnet's is), this counts a path from a single AZ: Lambda may place the function's ENI in any of its
 * subnets, so one AZ with a route through a working NAT is enough for traffic to leave.
 */
export function internetVerdictFromAnyAz(fn: FunctionReachability): Verdict {
  // `some`, not `every`: a leak from one AZ is still a leak, however closed the other AZs are.
  const verdicts = fn.destinations.internet.paths.map((path) => path.verdict);
  // No subnet in the stack: the destination's own verdict (unknown) says so.
  if (verdicts.length === 0) return fn.destinations.internet.verdict;
  if (verdicts.includes('yes')) return 'yes';
  return verdicts.includes('unknown') ? 'unknown' : 'no';
}

/**
 * The VPC-attached functions by {@link internetVerdictFromAnyAz}, in result order: the counts `npm run report` prints,
 * computed from the same per-AZ `paths` it writes to `reachability.json`.
 */
export function functionsByInternetVerdict(result: ReachabilityResult): Record<Verdict, FunctionReachability[]> {
  const by: Record<Verdict, FunctionReachability[]> = { yes: [], no: [], unknown: [] };
  for (const fn of result.functions) by[internetVerdictFromAnyAz(fn)].push(fn);
  return by;
}

/**
 * The report's headline count: `1 reach the internet`, with `, 1 unknown` when some function's path leaves the stack
 * where the analysis cannot follow it (counted apart, never as not reaching it).
 */
export function internetHeadline(result: ReachabilityResult): string {
  const { yes, unknown } = functionsByInternetVerdict(result);
  return `${yes.length} reach the internet${unknown.length > 0 ? `, ${unknown.length} unknown` : ''}`;
}
