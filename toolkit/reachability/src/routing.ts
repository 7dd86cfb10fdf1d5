import { prefixListMatch } from './prefix-lists';
import { Route } from './route-tables';
import { cidrCovers, Target } from './targets';

/** How specifically a route matches the target (its prefix length), or undefined when it does not match. */
function matchLength(route: Route, target: Target): number | undefined {
  if (route.cidr) return cidrCovers(route.cidr, target) ? route.cidr.prefixLength : undefined;
  if (route.prefixList) return prefixListMatch(route.prefixList, target);
  // IPv6 routes never carry the IPv4 flows analyzed here.
  return undefined;
}

/**
 * Tie-break among equally specific routes: local first, then static CIDR routes, then prefix-list routes (AWS's order).
 */
function rank(route: Route): number {
  if (route.targetKind === 'local') return 0;
  return route.prefixList ? 2 : 1;
}

/**
 * The route a table uses for the target: longest prefix match, then AWS's tie-break (local, static CIDR routes,
 * prefix-list routes). Undefined when nothing matches (the traffic is dropped).
 */
export function selectRoute(routes: readonly Route[], target: Target): Route | undefined {
  let best: { route: Route; length: number } | undefined;
  for (const route of routes) {
    const length = matchLength(route, target);
    if (length === undefined) continue;
    if (!best || length > best.length || (length === best.length && rank(route) < rank(best.route)))
      best = { route, length };
  }
  return best?.route;
}

/**
 * Why a table that matches nothing for the target cannot be said to drop it: a route whose destination is not literal
 * (a variable, another resource's attribute) may match any flow. Undefined when every destination is literal.
 */
export function undecidedRoute(routes: readonly Route[], target: Target): string | undefined {
  const unreadable = routes.find((route) => !route.cidr && !route.ipv6 && !route.prefixList);
  return unreadable && `${unreadable.label} has a destination that is not literal: it may match ${target.label}`;
}
