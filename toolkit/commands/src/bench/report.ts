// The bench's report: the machine, every figure, the ratios, the scaling fit and the targets, as plain text
// that docs/performance.md carries between its bench markers.
import * as fs from 'node:fs';
import type { Measured } from './measure';
import type { BenchResults } from './results';
import type { TargetResult } from './targets';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const seconds = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1)).padStart(7) + ' s';
const megabytes = (value: number): string => value.toFixed(0).padStart(5) + ' MB';

/** Where (a)'s time goes, from the phase timings its closing line prints, and what that implies for a/c. */
function synthBreakdown(results: BenchResults): string[] {
  const { inProcess, ...phases } = results.synth.figures;
  const outside = results.synth.seconds - inProcess / 1000;
  const bound = (results.floor.seconds + phases.cdktf / 1000) / results.floor.seconds;
  return [
    '(a) where the time goes (medians):',
    `  process start, loading cdktf, the provider classes and the project, exit: ${outside.toFixed(2)} s`,
    `  synth: ${Math.round(inProcess)} ms = ${Object.entries(phases)
      .map(([phase, ms]) => `${phase} ${Math.round(ms)} ms`)
      .join(', ')}`,
    `  cdktf's own phase (resolving tokens, writing JSON) on top of the floor alone is ${bound.toFixed(2)}x (c)`,
  ];
}

/** The report of one run: figures, ratios, where (a)'s time goes, scaling, and each target met or missed. */
export function formatReport(results: BenchResults, targets: readonly TargetResult[]): string {
  const { machine } = results;
  const row = (label: string, measured: Measured): string =>
    `  ${label.padEnd(44)}${seconds(measured.seconds)}${megabytes(measured.peakRssMb)}   ${measured.runs.length} runs`;
  const { time, work, memory } = results.fit;
  const met = targets.filter((t) => t.met);
  const missed = targets.filter((t) => !t.met);
  return [
    `machine: ${machine.cpu}, ${machine.memory}, ${machine.os}, Node ${machine.node}; ${machine.date}`,
    '',
    `  ${''.padEnd(44)}${'median'.padStart(9)}${'peak RSS'.padStart(10)}`,
    row(`(a) project synth, ${results.stacks} stacks`, results.synth),
    row('(b) cdktf synth, same app', results.cdktf),
    row(`(c) floor: cdktf + ${results.providerClasses} provider classes`, results.floor),
    row('(d) npm test, cold', results.coldTest),
    row('(d) npm run synth && npm test, warm', results.warm),
    row(`(e) bundle ${results.bundling.functions} functions, cold`, results.bundling.cold),
    row(`(e) bundle ${results.bundling.functions} functions, warm`, results.bundling.warm),
    row(`(f) npm run review of ${results.stacks} stacks, warm`, results.review),
    '',
    `ratios: a/c = ${(results.synth.seconds / results.floor.seconds).toFixed(2)}, b/a = ` +
      `${(results.cdktf.seconds / results.synth.seconds).toFixed(1)}`,
    '',
    ...synthBreakdown(results),
    '',
    'scaling (project synth):',
    ...results.scaling.map(
      (s) => `${row(`${String(s.stacks).padStart(3)} stacks`, s)}, synth ${Math.round(s.figures.inProcess)} ms`,
    ),
    `  wall time: ${time.intercept.toFixed(2)} s + ${(time.slope * 1000).toFixed(1)} ms per stack (R^2 ` +
      `${time.r2.toFixed(3)})`,
    `  synth work in the process: ${(work.intercept * 1000).toFixed(0)} ms + ${(work.slope * 1000).toFixed(1)} ms ` +
      `per stack (R^2 ${work.r2.toFixed(3)}); growth ${work.growth.toFixed(2)}`,
    `  peak RSS: ${memory.intercept.toFixed(0)} MB + ${memory.slope.toFixed(2)} MB per stack (R^2 ` +
      `${memory.r2.toFixed(3)}); growth ${memory.growth.toFixed(2)}`,
    '  (growth: cost per added stack from 27 to 81 stacks over that from 3 to 27; 1 is linear, quadratic is 3.6)',
    '',
    'targets:',
    ...targets.map(
      (t) => `  ${t.met ? 'met   ' : 'MISSED'} ${t.name.padEnd(46)} ${t.measured.padStart(11)}  (target ${t.limit})`,
    ),
    '',
    `bench: ${met.length} of ${targets.length} targets ` +
      `met${missed.length ? `; missed: ${missed.map((t) => t.name).join('; ')}` : ''}`,
  ].join('\n');
}

/** Replaces the text between the bench markers of `file` with the report, as a code block. */
export function writeDocs(file: string, report: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${START} ... ${END} block to write the results into`);
  fs.writeFileSync(file, `${text.slice(0, start + START.length)}\n\`\`\`text\n${report}\n\`\`\`\n${text.slice(end)}`);
}
