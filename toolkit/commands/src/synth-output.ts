// What `npm run synth` prints, from the events of `turbo run synth --json`: the guardrail notices (a suppression and
// its reason, a warning), one line per stack with its path from the repository root, and a summary line. turbo's own
// lines, npm's script headers and each app's timing line are left out, so a cached run (turbo replays the logs) prints
// exactly what an uncached one does. A line an app prints that is none of these is kept as it is.

/** One line of `turbo run --json` (NDJSON): `source` is `turbo` or the task (`@lambda-vpc/app-dev#synth`). */
export interface TurboEvent {
  readonly source: string;
  readonly level: string;
  readonly text: string;
}

/** The events of turbo's NDJSON output; a line that is not an event is ignored. */
export function turboEvents(ndjson: string): TurboEvent[] {
  return ndjson.split('\n').flatMap((line) => {
    try {
      const event = JSON.parse(line) as Partial<TurboEvent>;
      const valid = typeof event.source === 'string' && typeof event.text === 'string';
      return valid ? [{ level: '', ...event } as TurboEvent] : [];
    } catch {
      return [];
    }
  });
}

const STACK_LINE = /^synth: ([^:\s]+): (\d+) resources -> (\S+)$/;
/** npm's `> package@version script` and `> command` header, blank lines, turbo's cache status, an app's timing line. */
const NOISE = /^> |^\s*$|^cache (hit|miss|bypass)\b|^synth: \d+ stack\(s\) in \d+ ms/;

/**
 * The lines of a successful synth: notices, then one line per stack, then the summary. `folderOf` maps an app's
 * package name to its folder from the repository root (`apps/dev`); tasks of other packages are not reported.
 */
export function formatSynthOutput(
  events: readonly TurboEvent[],
  folderOf: (pkg: string) => string | undefined,
): string[] {
  const tasks = new Map<string, string[]>();
  for (const event of events) {
    const [pkg, task] = event.source.split('#');
    const folder = task === 'synth' ? folderOf(pkg) : undefined;
    if (folder !== undefined) tasks.set(folder, [...(tasks.get(folder) ?? []), event.text.replace(/\r$/, '')]);
  }
  const notices: string[] = [];
  const stacks: string[] = [];
  let resources = 0;
  for (const folder of [...tasks.keys()].sort()) {
    for (const line of tasks.get(folder)!) {
      const stack = STACK_LINE.exec(line);
      if (stack) {
        stacks.push(`synth: ${stack[1]}: ${stack[2]} resources -> ${folder}/${stack[3]}`);
        resources += Number(stack[2]);
      } else if (!NOISE.test(line)) {
        notices.push(line);
      }
    }
  }
  const summary = `synth: ${stacks.length} stack(s) of ${tasks.size} environment(s), ${resources} resources`;
  return [...notices, ...stacks, summary];
}

/** npm's header and `npm error` lines, turbo's cache status, blank lines. */
const FAILURE_NOISE = /^> |^npm error |^cache (hit|miss|bypass)\b|^\s*$/;

/**
 * The lines of a failed synth: each failed task's output in full (without blank lines, npm's header and its
 * `npm error` lines about the script), after a line naming it; turbo's own error lines when no task output explains
 * the failure.
 */
export function formatSynthFailure(events: readonly TurboEvent[], stderr = ''): string[] {
  const failed = events
    .filter((event) => event.source === 'turbo' && /^Failed:\s/.test(event.text))
    .flatMap((event) =>
      event.text
        .replace(/^Failed:\s+/, '')
        .split(',')
        .map((task) => task.trim())
        .filter(Boolean),
    );
  const lines = failed.flatMap((task) => [
    `synth: ${task} failed:`,
    ...events.filter((event) => event.source === task && !FAILURE_NOISE.test(event.text)).map((event) => event.text),
  ]);
  if (lines.length > 0) return lines;
  const turbo = events
    .filter((event) => event.source === 'turbo' && event.level === 'error')
    .map((event) => event.text);
  return [...turbo, ...stderr.split('\n').filter((line) => line.trim() !== '')];
}
