// The performance budget, checked against one bench run's medians. Each target has an id for --allow-miss.

/** The figures the targets judge: a subset of the bench's results. */
export interface TargetFigures {
  /** (a) the project's synth. */
  readonly synth: { readonly seconds: number; readonly peakRssMb: number };
  /** (c) the floor. */
  readonly floor: { readonly seconds: number };
  /** (b) `cdktf synth`. */
  readonly cdktf: { readonly seconds: number };
  /** (d) `npm test`, cold. */
  readonly coldTest: { readonly seconds: number };
  /** (d) `npm run synth && npm test`, warm. */
  readonly warm: { readonly seconds: number };
  /** (f) `npm run review` of every stack against HEAD, the base read from the cache. */
  readonly review: { readonly seconds: number };
  /** The scaling fit's growth ratios. */
  readonly fit: { readonly work: { readonly growth: number }; readonly memory: { readonly growth: number } };
}

/** One target as judged. */
export interface TargetResult {
  /** Its id, for --allow-miss and --advisory. */
  readonly id: string;
  /** Its name in the report. */
  readonly name: string;
  /** The limit, as text. */
  readonly limit: string;
  /** The measured value, as text. */
  readonly measured: string;
  /** Whether the measured value is within the limit. */
  readonly met: boolean;
}

const ratio = (value: number, digits: number): string => `${value.toFixed(digits)}x`;

/** A target of the budget. */
interface Target {
  /** Its id, for --allow-miss and --advisory. */
  readonly id: string;
  /** Its name in the report. */
  readonly name: string;
  /** The limit, as text. */
  readonly limit: string;
  /** The measured value as text, and whether it is within the limit. */
  check(results: TargetFigures): { readonly measured: string; readonly met: boolean };
}

const TARGETS: readonly Target[] = [
  {
    id: 'synth-over-floor',
    name: '(a) synth time over the floor (c)',
    limit: '<= 1.5x',
    check: ({ synth, floor }) => ({
      measured: ratio(synth.seconds / floor.seconds, 2),
      met: synth.seconds / floor.seconds <= 1.5,
    }),
  },
  {
    id: 'synth-rss',
    name: '(a) synth peak RSS',
    limit: '< 200 MB',
    check: ({ synth }) => ({ measured: `${synth.peakRssMb.toFixed(0)} MB`, met: synth.peakRssMb < 200 }),
  },
  {
    id: 'cdktf-over-synth',
    name: '(b) cdktf synth over (a)',
    limit: '>= 3x',
    check: ({ cdktf, synth }) => ({
      measured: ratio(cdktf.seconds / synth.seconds, 1),
      met: cdktf.seconds / synth.seconds >= 3,
    }),
  },
  {
    id: 'cold-test',
    name: '(d) npm test, cold',
    limit: '< 60 s',
    check: ({ coldTest }) => ({ measured: `${coldTest.seconds.toFixed(1)} s`, met: coldTest.seconds < 60 }),
  },
  {
    id: 'warm-synth-test',
    name: '(d) npm run synth && npm test, warm',
    limit: '< 2 s',
    check: ({ warm }) => ({ measured: `${warm.seconds.toFixed(2)} s`, met: warm.seconds < 2 }),
  },
  {
    id: 'review-warm',
    name: '(f) npm run review of 9 stacks, warm',
    limit: '< 10 s',
    check: ({ review }) => ({ measured: `${review.seconds.toFixed(2)} s`, met: review.seconds < 10 }),
  },
  {
    id: 'scaling-time',
    name: 'scaling: synth time grows linearly or better',
    limit: '<= 1.5',
    check: ({ fit }) => ({ measured: `growth ${fit.work.growth.toFixed(2)}`, met: fit.work.growth <= 1.5 }),
  },
  {
    id: 'scaling-memory',
    name: 'scaling: peak RSS grows linearly or better',
    limit: '<= 1.5',
    check: ({ fit }) => ({ measured: `growth ${fit.memory.growth.toFixed(2)}`, met: fit.memory.growth <= 1.5 }),
  },
];

/** Every target's id, in report order. */
export const TARGET_IDS: readonly string[] = TARGETS.map((target) => target.id);

/** Every target, judged against one run's figures. */
export function evaluateTargets(results: TargetFigures): TargetResult[] {
  return TARGETS.map(({ id, name, limit, check }) => ({ id, name, limit, ...check(results) }));
}

/**
 * The verdict: every target met, or missed only where --allow-miss names it. An allowed miss that is met
 * again fails too, so the allowance cannot outlive its reason. A target named by --advisory is measured and
 * reported but judges nothing, met or missed: for a wall-clock figure of a machine whose speed varies more
 * than the target's margin.
 */
export function verdict(
  targets: readonly TargetResult[],
  allowedMisses: ReadonlySet<string>,
  advisory: ReadonlySet<string> = new Set(),
): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  for (const target of targets) {
    if (advisory.has(target.id)) continue;
    if (!target.met && !allowedMisses.has(target.id)) problems.push(`missed: ${target.name} (${target.id})`);
    if (target.met && allowedMisses.has(target.id))
      problems.push(`met, so drop --allow-miss ${target.id}: ${target.name}`);
  }
  return { ok: problems.length === 0, problems };
}
