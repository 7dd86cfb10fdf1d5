import { FunctionReachability, Reach, ReachabilityResult, SubnetReach } from './types';

const MAX_HOPS = 4;
const MAX_REASON = 110;

/** Pads every column to its widest cell, two spaces apart, with a rule under the header. */
function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function shortName(address: string): string {
  return address.replace(/^aws_lambda_function\./, '');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The hops after the function, the first few of them; or why not; or where the analysis stops, and why. */
function detail(reach: Pick<SubnetReach, 'verdict' | 'stoppedAt' | 'path' | 'reason'>): string {
  if (reach.verdict !== 'yes') {
    // Reasons are joined by '; ': show the first, and how many more the JSON holds.
    const [first = '', ...more] = (reach.reason ?? '').split('; ');
    const stopped = reach.verdict === 'unknown' && reach.stoppedAt ? `stops at ${reach.stoppedAt}: ` : '';
    return `${stopped}${truncate(first, MAX_REASON)}${more.length > 0 ? ` (+${more.length} more)` : ''}`;
  }
  const hops = reach.path.slice(1);
  const shown = hops.slice(0, MAX_HOPS).join(' > ');
  return hops.length > MAX_HOPS ? `${shown} > … (+${hops.length - MAX_HOPS})` : shown;
}

function policy(reach: Pick<SubnetReach, 'policyAllows' | 'policyOpen'>): string {
  if (reach.policyAllows === undefined) return '';
  return `${reach.policyAllows ? 'allows' : 'denies'}${reach.policyOpen ? ' (open *)' : ''}`;
}

/** Whether every subnet tells the same story (verdict, via, policy), so one row can stand for all. */
function uniform(reach: Reach): boolean {
  const [first, ...rest] = reach.paths;
  return (
    !first ||
    rest.every((p) => p.verdict === first.verdict && p.via === first.via && p.policyAllows === first.policyAllows)
  );
}

function functionRows(fn: FunctionReachability): string[][] {
  const rows: string[][] = [];
  const entries = [...Object.entries(fn.destinations), ...Object.entries(fn.queries ?? {})];
  for (const [destination, reach] of entries) {
    const row = (
      az: string,
      r: Pick<SubnetReach, 'verdict' | 'stoppedAt' | 'path' | 'reason' | 'via' | 'policyAllows' | 'policyOpen'>,
    ) => [shortName(fn.function), destination, az, r.verdict, r.via ?? '-', policy(r), detail(r)];
    if (uniform(reach)) {
      const zones =
        reach.paths.length === 1 ? (reach.paths[0]!.availabilityZone ?? '1 subnet') : `${reach.paths.length} AZs`;
      rows.push(
        row(zones, {
          ...reach,
          path: reach.paths[0]?.path ?? reach.path,
          stoppedAt: reach.paths[0]?.stoppedAt ?? reach.stoppedAt,
          reason: reach.paths[0]?.reason ?? reach.reason,
        }),
      );
    } else {
      for (const path of reach.paths) rows.push(row(path.availabilityZone ?? path.subnet, path));
    }
  }
  return rows;
}

/**
 * The analysis as fixed-width text: one row per function and destination (one per AZ where the AZs differ) with the
 * verdict (`yes`, `no`, or `unknown` where the path leaves what the stack describes), the route kind, the endpoint
 * policy's verdict and the first hops (or the reason it is blocked, or the hop where the analysis stops and why); then
 * the interface endpoints (what each admits, and which functions reach it), the routes to 0.0.0.0/0 and ::/0, and the
 * notes.
 */
export function formatReachabilityTable(result: ReachabilityResult): string {
  const sections: string[] = [
    `Reachability of ` +
      `${result.stack}${result.variant ? ` (${result.variant}, ${result.region})` : ` (${result.region})`}`,
  ];
  sections.push(
    result.functions.length === 0
      ? 'No VPC-attached function.'
      : renderTable(
          ['function', 'destination', 'AZ', 'reaches', 'via', 'policy', 'first hops / why not'],
          result.functions.flatMap(functionRows),
        ),
  );
  if (result.endpoints.length > 0) {
    sections.push(
      renderTable(
        ['interface endpoint', 'service', 'private DNS', 'admits on 443', 'reached by', 'principals', 'resources'],
        result.endpoints.map((e) => [
          e.endpoint,
          e.service,
          e.privateDns ? 'yes' : 'no',
          [...e.admits.securityGroups, ...e.admits.cidrs].join(', ') || 'nothing',
          e.reachedBy.map(shortName).join(', ') || 'no function',
          e.principals.join(', '),
          e.resources.join(', '),
        ]),
      ),
    );
  }
  if (result.gatewayEndpoints.length > 0) {
    sections.push(
      renderTable(
        ['gateway endpoint', 'service', 'route tables', 'principals'],
        result.gatewayEndpoints.map((e) => [
          e.endpoint,
          e.service,
          String(e.routeTables.length),
          e.principals.join(', '),
        ]),
      ),
    );
  }
  sections.push(
    result.internetRoutes.length === 0
      ? 'Routes to 0.0.0.0/0 or ::/0: none.'
      : renderTable(
          ['route to 0.0.0.0/0 or ::/0', 'destination', 'route table', 'target', 'kind'],
          result.internetRoutes.map((r) => [r.route, r.destination, r.routeTable, r.target, r.targetKind]),
        ),
  );
  sections.push(result.notes.map((note) => `note: ${note}`).join('\n'));
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}
