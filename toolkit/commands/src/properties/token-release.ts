// cdktf (and CDK Terrain) register every token in one process-wide map (`globalThis.__cdktfTokenMap`) and never remove
// one: a synth is meant to run once per process. A fuzz run synthesizes thousands of repositories in one process, and
// each left about 0.6 MB behind (some 300 tokens and the constructs they hold), so 10,000 cases ran out of heap after
// about 6,000. A case's tokens serve only its own synth: what a case registers is dropped when it ends, and what was
// there before (tokens made when the modules loaded) stays. An unresolved token in a later case's JSON would show a
// token dropped too early; checkValidRepository refuses any.

/** The map's storage: string keys and number indexes to tokens. */
interface TokenStorage {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
}

/** A Map from any realm: under jest the framework's maps come from another context than this module's `Map`. */
const isMap = (value: unknown): value is Map<unknown, unknown> =>
  Object.prototype.toString.call(value) === '[object Map]';

function tokenStorage(): TokenStorage | undefined {
  const storage = (globalThis as { __cdktfTokenMap?: Partial<TokenStorage> }).__cdktfTokenMap;
  return isMap(storage?.stringTokenMap) && isMap(storage.numberTokenMap) ? (storage as TokenStorage) : undefined;
}

function dropAddedSince<K>(map: Map<K, unknown>, before: ReadonlySet<K>): void {
  for (const key of [...map.keys()]) if (!before.has(key)) map.delete(key);
}

/** Runs one case and drops the tokens it registered, whether it passed or threw. */
export function releasingCaseTokens<R>(runCase: () => R): R {
  const storage = tokenStorage();
  const strings = new Set(storage?.stringTokenMap.keys());
  const numbers = new Set(storage?.numberTokenMap.keys());
  try {
    return runCase();
  } finally {
    const after = tokenStorage();
    if (after) {
      dropAddedSince(after.stringTokenMap, strings);
      dropAddedSince(after.numberTokenMap, numbers);
    }
  }
}

/** The unresolved string, list and map tokens in a synthesized file's text (`${TfToken[TOKEN.12]}`), each once. */
export function unresolvedTokens(text: string): string[] {
  return [...new Set(text.match(/[$#&]\{TfToken\[[^\]]*\]\}/g) ?? [])];
}
