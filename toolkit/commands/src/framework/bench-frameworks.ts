// The bench's side-by-side of the frameworks (npm run bench): the project synth (a) of every stack in the cdktf build
// (the repository) and in the cdktn build (.frameworks/cdktn, from npm run framework:cdktn), measured in turns, with
// wall time, peak RSS and the synth's own time in the process; both must write the same stacks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Measured, measureInTurns, MeasureOptions } from '../bench/measure';
import { synthPhases } from '../bench/synth-phases';
import { repositoryRoot as root } from '../repository-root';
import { synthesizedStacksIn } from '../synthesized-stacks';
import { frameworkBuild } from './build-tree';
import { reportOf } from './framework-instance';

/** One build's measurement. */
export interface FrameworkMeasured extends Measured {
  /** `cdktf` or `cdktn`. */
  readonly name: string;
  /** What it resolves: `cdktn 0.24.0, @cdktn/provider-aws 25.5.0`. */
  readonly framework: string;
}

/** Both builds, cdktf first, and how many stacks each wrote. */
export interface FrameworksMeasured {
  readonly stacks: number;
  readonly builds: readonly [FrameworkMeasured, FrameworkMeasured];
}

const seconds = (value: number) => `${value.toFixed(2).padStart(7)} s`;
const megabytes = (value: number) => `${value.toFixed(0).padStart(5)} MB`;
const stacksIn = (outdir: string) => synthesizedStacksIn(outdir).map(({ stack }) => stack);

/** Measures both builds; throws when the cdktn build is not prepared or the two wrote different stacks. */
export function measureFrameworks(scratch: string, options: MeasureOptions): FrameworksMeasured {
  const cdktn = frameworkBuild('cdktn');
  if (!fs.existsSync(path.join(cdktn.tree, 'toolkit', 'commands', 'dist', 'synth-all-environments.js'))) {
    throw new Error('the cdktn build is not prepared: run npm run framework:cdktn first (or pass --skip-frameworks)');
  }
  const builds = [
    { name: 'cdktf', cwd: root },
    { name: cdktn.name, cwd: cdktn.tree },
  ].map((build) => ({ ...build, outdir: path.join(scratch, 'frameworks', build.name, 'cdktf.out') }));
  const measured = measureInTurns(
    builds.map((build) => ({
      label: `(a) project synth, ${build.name} build`,
      cwd: build.cwd,
      command: 'node toolkit/commands/dist/synth-all-environments.js',
      env: { CDKTF_OUTDIR: build.outdir },
      parse: synthPhases,
    })),
    options,
  );
  const [cdktfStacks, cdktnStacks] = builds.map((build) => stacksIn(build.outdir));
  if (cdktfStacks.join() !== cdktnStacks.join()) {
    throw new Error(`the cdktn build wrote ${cdktnStacks.join(', ')}; the cdktf build wrote ${cdktfStacks.join(', ')}`);
  }
  const [cdktf, terrain] = builds.map((build, index): FrameworkMeasured => {
    const report = reportOf(build.cwd);
    const framework =
      `${report.framework} ${report.frameworkVersion}, ${report.provider.name} ` + `${report.provider.version}`;
    return { ...measured[index], name: build.name, framework };
  });
  return { stacks: cdktfStacks.length, builds: [cdktf, terrain] };
}

/** The side-by-side, as plain text for the bench's report. */
export function formatFrameworks({ stacks, builds }: FrameworksMeasured): string {
  const [cdktf, cdktn] = builds;
  const inProcess = (build: FrameworkMeasured, phase: string) => Math.round(build.figures?.[phase] ?? Number.NaN);
  return [
    `frameworks: (a) project synth of ${stacks} stacks, each build (npm run framework:cdktn), in turns:`,
    `  ${''.padEnd(44)}${'median'.padStart(9)}${'peak RSS'.padStart(10)}`,
    ...builds.map(
      (build) =>
        `  ${build.framework.padEnd(44)}${seconds(build.seconds)}${megabytes(build.peakRssMb)}   ` +
        `${build.runs.length} runs, synth ${inProcess(build, 'inProcess')} ms (framework phase ` +
        `${inProcess(build, 'cdktf')} ms)`,
    ),
    `  ${cdktn.name} over ${cdktf.name}: time ${(cdktn.seconds / cdktf.seconds).toFixed(2)}x, ` +
      `peak RSS ${(cdktn.peakRssMb / cdktf.peakRssMb).toFixed(2)}x; both wrote the same stacks`,
  ].join('\n');
}
