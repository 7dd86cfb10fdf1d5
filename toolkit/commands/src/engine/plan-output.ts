// What a plan would change, from the engine's `-no-color` output: the `# <address> will be ...` headers and
// the attribute lines that differ, for a failure message that names the drift.

/** The resource headers and changed attribute lines of a plan, at most `maxLines` of them. */
export function plannedChanges(output: string, maxLines = 60): string {
  const lines = output.split('\n');
  const kept = lines.filter(
    (line) =>
      /^\s+# \S+ (will|must) be /.test(line) ||
      /^\s+[~+-] [a-z0-9_]+\s+=/.test(line) ||
      /^\s+[~+-] [a-z0-9_]+ \{/.test(line) ||
      /^Plan: /.test(line),
  );
  return (kept.length > maxLines ? [...kept.slice(0, maxLines), `... (${kept.length - maxLines} more lines)`] : kept)
    .map((line) => line.trimEnd())
    .join('\n');
}
