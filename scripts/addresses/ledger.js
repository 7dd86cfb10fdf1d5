// @ts-check
// The address ledger's primitives, shared by the record command (scripts/record-addresses.js) and the ledger
// check (tests/address-ledger.ts): a stack's addresses, the ledger file format, and following moved blocks.

/** The command that rewrites every ledger file from the current code. */
const RECORD_COMMAND = 'npm run addresses:record';

/** The ledger file of a stack, relative to the repository root. */
function ledgerFile(stack) {
  return `tests/addresses/${stack}.txt`;
}

/** Every resource address of a stack, `type.name`, sorted. Data sources are not included: they own nothing. */
function addressesOf(json) {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** The ledger file's text for a list of addresses: sorted, one per line, a final newline. */
function formatLedger(addresses) {
  const sorted = [...new Set(addresses)].sort();
  return sorted.length === 0 ? '' : `${sorted.join('\n')}\n`;
}

/** The addresses in a ledger file's text (blank lines ignored). */
function parseLedger(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/** `aws_x.name["key"]` and `aws_x.name[0]` -> `aws_x.name`: moves may name one instance of a resource. */
function resourceOf(address) {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Where an address ends up after following `moved` blocks from it; undefined on a cycle. */
function destinationOf(address, moves) {
  const seen = new Set();
  let at = resourceOf(address);
  for (;;) {
    if (seen.has(at)) return undefined;
    seen.add(at);
    const next = moves.find((move) => resourceOf(move.from) === at);
    if (!next) return at;
    at = resourceOf(next.to);
  }
}

module.exports = { RECORD_COMMAND, ledgerFile, addressesOf, formatLedger, parseLedger, resourceOf, destinationOf };
