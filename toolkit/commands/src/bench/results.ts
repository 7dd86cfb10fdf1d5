// What one bench run measured: the figures the report prints and the targets judge.
import type { BundlingMeasured } from './bundling';
import type { LineFit } from './fit';
import type { Measured } from './measure';
import type { TargetFigures } from './targets';

/** The machine the figures belong to. */
export interface Machine {
  /** The day of the run, YYYY-MM-DD. */
  readonly date: string;
  /** CPU model and core count. */
  readonly cpu: string;
  /** Total memory. */
  readonly memory: string;
  /** Operating system and release. */
  readonly os: string;
  /** Node's version. */
  readonly node: string;
}

/** A measurement whose runs printed the synth's phase line: `figures` holds `inProcess` and each phase, in ms. */
export type SynthMeasured = Measured & { readonly figures: Readonly<Record<string, number>> };

/** The project's synth over one number of stacks. */
export type ScalingMeasured = SynthMeasured & { readonly stacks: number };

/** A line fitted to the scaling points, with the growth ratio that judges linearity. */
export type GrowthFit = LineFit & { readonly growth: number };

/** Every figure of one bench run. */
export interface BenchResults extends TargetFigures {
  /** Where it ran. */
  readonly machine: Machine;
  /** How many stacks (a) synthesized. */
  readonly stacks: number;
  /** How many provider classes the floor loads. */
  readonly providerClasses: number;
  /** (a) the project's synth of every environment. */
  readonly synth: SynthMeasured;
  /** (b) the same app through `cdktf synth`. */
  readonly cdktf: Measured;
  /** (c) loading cdktf and the provider classes only. */
  readonly floor: Measured;
  /** (d) `npm test` with no cache. */
  readonly coldTest: Measured;
  /** (d) `npm run synth && npm test` with every cache warm. */
  readonly warm: Measured;
  /** (f) `npm run review -- --base HEAD` with the base's stacks in the cache. */
  readonly review: Measured;
  /** (e) Bundling functions with FunctionCode.fromEntry, cold and warm. */
  readonly bundling: BundlingMeasured;
  /** The project's synth over 3 to 81 stacks. */
  readonly scaling: readonly ScalingMeasured[];
  /** Lines through the scaling points: wall time, synth work in the process, peak RSS. */
  readonly fit: { readonly time: LineFit; readonly work: GrowthFit; readonly memory: GrowthFit };
}
