// The address ledger's primitives, shared by the record command (record-addresses) and the ledger check
// (tests/address-ledger.ts): a stack's addresses, the ledger file format, and following moved blocks.

/** A `moved` block as cdktf renders it: the stack's top-level `moved` list. */
export interface MovedBlock {
  /** The address the resource had. */
  readonly from: string;
  /** The address it has now. */
  readonly to: string;
}

/** The parts of a synthesized stack the ledger reads. */
export interface StackAddressJson {
  /** Resources by type, then by name. */
  readonly resource?: Record<string, Record<string, unknown>>;
  /** The stack's moved blocks. @default none */
  readonly moved?: readonly MovedBlock[];
}

/** The command that rewrites every ledger file from the current code. */
export const RECORD_COMMAND = 'npm run addresses:record';

/** The ledger file of a stack, relative to the repository root. */
export function ledgerFile(stack: string): string {
  return `tests/addresses/${stack}.txt`;
}

/** Every resource address of a stack, `type.name`, sorted. Data sources are not included: they own nothing. */
export function addressesOf(json: StackAddressJson): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** The ledger file's text for a list of addresses: sorted, one per line, a final newline. */
export function formatLedger(addresses: readonly string[]): string {
  const sorted = [...new Set(addresses)].sort();
  return sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
}

/** The addresses in a ledger file's text (blank lines ignored). */
export function parseLedger(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** `aws_x.name["key"]` and `aws_x.name[0]` -> `aws_x.name`: moves may name one instance of a resource. */
export function resourceOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Where an address ends up after following `moved` blocks from it; undefined on a cycle. */
export function destinationOf(address: string, moves: readonly MovedBlock[]): string | undefined {
  const seen = new Set<string>();
  let at = resourceOf(address);
  for (;;) {
    if (seen.has(at)) return undefined;
    seen.add(at);
    const next = moves.find((move) => resourceOf(move.from) === at);
    if (!next) return at;
    at = resourceOf(next.to);
  }
}
