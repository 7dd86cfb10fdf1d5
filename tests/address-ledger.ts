// The address ledger: every stack's Terraform resource addresses, recorded in tests/addresses/<stack>.txt.
// Renaming a construct changes its address, which Terraform plans as destroy-and-create unless a `moved`
// block says otherwise. This module compares a stack's synthesized JSON with its recorded addresses and
// says what would be destroyed, which moves are broken, and what is not recorded yet. Pure: no file access.

import {
  addressesOf,
  destinationOf,
  ledgerFile,
  MovedBlock,
  RECORD_COMMAND,
  resourceOf,
  StackAddressJson,
} from '@lambda-vpc/tools/dist/addresses/ledger';

export {
  addressesOf,
  formatLedger,
  ledgerFile,
  parseLedger,
  RECORD_COMMAND,
} from '@lambda-vpc/tools/dist/addresses/ledger';
export type { MovedBlock, StackAddressJson } from '@lambda-vpc/tools/dist/addresses/ledger';

/** What {@link checkAddresses} found; `problems` empty means the ledger matches. */
export interface LedgerCheck {
  /** The stack has no ledger file. */
  readonly missingLedger: boolean;
  /**
   * Recorded addresses that are gone with no `moved` block leading to an existing resource: Terraform would destroy
   * them.
   */
  readonly removedWithoutMove: readonly string[];
  /** Recorded addresses that are gone, each with the existing address a `moved` block (or a chain of them) leads to. */
  readonly movedAway: readonly MovedBlock[];
  /** `moved` blocks whose `to`, followed through any further moves, is no resource of the stack. */
  readonly movedToMissing: readonly MovedBlock[];
  /** `moved` blocks whose `from` is still a resource of the stack, which Terraform refuses. */
  readonly movedFromExisting: readonly MovedBlock[];
  /** Addresses of the stack not in the ledger yet. */
  readonly unrecorded: readonly string[];
  /** One line per problem, naming the stack, the address and what to do; empty when all is well. */
  readonly problems: readonly string[];
}

/**
 * Compares a stack's current addresses and `moved` blocks with its recorded addresses.
 * @param stack the stack's name, for messages
 * @param recorded the ledger's addresses, or undefined when the stack has no ledger file
 * @param json the stack's synthesized Terraform JSON
 */
export function checkAddresses(
  stack: string,
  recorded: readonly string[] | undefined,
  json: StackAddressJson,
): LedgerCheck {
  const current = addressesOf(json);
  const existing = new Set(current);
  const moves = json.moved ?? [];
  const file = ledgerFile(stack);

  const leadsTo = (address: string): string | undefined => destinationOf(address, moves);

  const movedToMissing = moves.filter((move) => {
    const end = leadsTo(move.to);
    return end === undefined || !existing.has(end);
  });
  const movedFromExisting = moves.filter((move) => existing.has(resourceOf(move.from)));

  const problems: string[] = [];
  for (const move of movedToMissing) {
    problems.push(
      `${stack}: moved block from ${move.from} to ${move.to}, but no resource ${resourceOf(move.to)} exists in the ` +
        `stack: ` +
        `Terraform would move ${move.from} there and then destroy it; point the move at the resource's current address`,
    );
  }
  for (const move of movedFromExisting) {
    problems.push(
      `${stack}: moved block from ${move.from}, which is still a resource of the stack: Terraform refuses a move ` +
        `from an ` +
        'address that exists; the old construct must be gone (or marked with moveTo, which stops it rendering)',
    );
  }

  if (recorded === undefined) {
    problems.push(
      `${stack}: no address ledger ${file} (${current.length} resources); create it with \`${RECORD_COMMAND}\`, ` +
        'review it and commit it',
    );
    return {
      missingLedger: true,
      removedWithoutMove: [],
      movedAway: [],
      movedToMissing,
      movedFromExisting,
      unrecorded: current,
      problems,
    };
  }

  const recordedSet = new Set(recorded);
  const removedWithoutMove: string[] = [];
  const movedAway: MovedBlock[] = [];
  for (const address of [...recordedSet].sort()) {
    if (existing.has(address)) continue;
    const end = leadsTo(address);
    if (end !== undefined && end !== address && existing.has(end)) {
      movedAway.push({ from: address, to: end });
    } else {
      removedWithoutMove.push(address);
      problems.push(
        `${stack}: ${address} is recorded in ${file} but gone from the stack, and no moved block leads from it to an ` +
          `existing resource: Terraform would destroy it. If its construct was renamed, declare the move on the ` +
          `renamed resource ` +
          `(resource.moveFromId('${address}')); if it is meant to go, run \`${RECORD_COMMAND}\` so review sees it ` +
          `leave the ledger`,
      );
    }
  }

  const unrecorded = current.filter((address) => !recordedSet.has(address));
  for (const address of unrecorded) {
    const from = movedAway.find((move) => move.to === address);
    problems.push(
      `${stack}: ${address} is not recorded in ${file}${from ? ` (moved from ${from.from})` : ''}; review the change ` +
        `of addresses, then run \`${RECORD_COMMAND}\` and commit the ledger so the change shows in review`,
    );
  }

  return {
    missingLedger: false,
    removedWithoutMove,
    movedAway,
    movedToMissing,
    movedFromExisting,
    unrecorded,
    problems,
  };
}
