// What a change does to the stack's openings toward every address, whichever function uses them: routes to
// 0.0.0.0/0 (or ::/0) added, removed or pointed elsewhere, and security group rules open to every address added or
// removed. A route can open a path before any function's security group lets a flow use it; the reviewer sees both.
import type { InternetRoute, ReachabilityResult } from '@lambda-vpc/reachability';
import { securityGroupRules, SecurityGroupRule, StackDocument, StackJson } from '@lambda-vpc/stack-model';

const EVERY_ADDRESS = ['0.0.0.0/0', '::/0'];
const code = (text: string): string => `\`${text}\``;

const routeKey = (route: InternetRoute): string => `${route.route} ${route.destination}`;
const target = (route: InternetRoute): string => `${code(route.target)} (${route.targetKind})`;

/** Routes to every address added, removed or retargeted, one line each. */
export function internetRouteChanges(
  before: ReachabilityResult | undefined,
  after: ReachabilityResult | undefined,
): string[] {
  const old = new Map((before?.internetRoutes ?? []).map((route) => [routeKey(route), route]));
  const now = new Map((after?.internetRoutes ?? []).map((route) => [routeKey(route), route]));
  const lines: string[] = [];
  for (const [key, route] of now) {
    const was = old.get(key);
    const where = `${code(route.route)} in ${code(route.routeTable)}`;
    if (!was) lines.push(`route to ${route.destination} added: ${where}, to ${target(route)}`);
    else if (was.target !== route.target || was.targetKind !== route.targetKind)
      lines.push(`route to ${route.destination} ${where} now goes to ${target(route)} instead of ${target(was)}`);
  }
  for (const [key, route] of old) {
    if (!now.has(key))
      lines.push(`route to ${route.destination} removed: ${code(route.route)} in ${code(route.routeTable)}`);
  }
  return lines;
}

/** `egress tcp/443 to 0.0.0.0/0` */
function describeRule(rule: SecurityGroupRule): string {
  const ports =
    rule.fromPort === undefined
      ? ''
      : rule.fromPort === rule.toPort
        ? `/${rule.fromPort}`
        : `/${rule.fromPort}-${rule.toPort ?? rule.fromPort}`;
  const peers = [...rule.ipv4, ...rule.ipv6].filter((cidr) => EVERY_ADDRESS.includes(cidr)).join(', ');
  return `${rule.direction} ${rule.protocol}${ports} ${rule.direction === 'ingress' ? 'from' : 'to'} ${peers}`;
}

/** The rules open to every address, by address and what they open. */
function openRules(stack: string, json: StackJson | undefined): Map<string, string> {
  if (!json) return new Map();
  return new Map(
    securityGroupRules(new StackDocument(stack, json))
      .filter((rule) => [...rule.ipv4, ...rule.ipv6].some((cidr) => EVERY_ADDRESS.includes(cidr)))
      .map((rule) => [rule.address, describeRule(rule)]),
  );
}

/** Security group rules open to every address that a change adds, removes or changes, one line each. */
export function openRuleChanges(stack: string, before: StackJson | undefined, after: StackJson | undefined): string[] {
  const old = openRules(stack, before);
  const now = openRules(stack, after);
  const lines: string[] = [];
  for (const [address, opens] of now) {
    const was = old.get(address);
    if (was === opens) continue;
    lines.push(`security group rule open to every address ${was ? 'changed' : 'added'}: ${code(address)} (${opens})`);
  }
  for (const [address, opens] of old) {
    if (!now.has(address)) lines.push(`security group rule open to every address removed: ${code(address)} (${opens})`);
  }
  return lines;
}
