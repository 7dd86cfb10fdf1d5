/** A `moved` block as cdktf renders it: the stack's top-level `moved` list. */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/** The parts of a synthesized stack the ledger reads. */
export interface StackAddressJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly moved?: readonly MovedBlock[];
}

export declare const RECORD_COMMAND: string;
export declare function ledgerFile(stack: string): string;
export declare function addressesOf(json: StackAddressJson): string[];
export declare function formatLedger(addresses: readonly string[]): string;
export declare function parseLedger(text: string): string[];
export declare function resourceOf(address: string): string;
export declare function destinationOf(address: string, moves: readonly MovedBlock[]): string | undefined;
