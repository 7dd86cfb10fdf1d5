/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The names near `value`, nearest first (ties alphabetical): at most `count` of those within a third of its length
 * (at least 2 edits), or the single nearest when none is. `distance` ranks them; by default the edit distance,
 * ignoring case.
 */
export function nearestNames(
  value: string,
  names: readonly string[],
  count = 3,
  distance: (name: string) => number = (name) => editDistance(value.toLowerCase(), name),
): string[] {
  const ranked = names
    .map((name) => ({ name, distance: distance(name) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const near = ranked.filter((candidate) => candidate.distance <= Math.max(2, Math.floor(value.length / 3)));
  return (near.length > 0 ? near : ranked).slice(0, near.length > 0 ? count : 1).map(({ name }) => name);
}
