// The bench's arithmetic and verdict (toolkit/commands/src/bench): the line fit, the growth ratio that judges
// linearity, the targets, the reading of a synth's phase line and of the bundling run's closing line, and the generated
// environments of the scaling runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironments, VARIANTS } from '@lambda-vpc/stacks';
import { bundlingFigures } from '@lambda-vpc/tools/dist/bench/bundling';
import { fitLine, growthRatio } from '@lambda-vpc/tools/dist/bench/fit';
import { failureExcerpt } from '@lambda-vpc/tools/dist/bench/measure';
import { scaledEnvironments, withVariantCidr } from '@lambda-vpc/tools/dist/bench/scaled-environments';
import { synthPhases } from '@lambda-vpc/tools/dist/bench/synth-phases';
import { evaluateTargets, TARGET_IDS, TargetFigures, verdict } from '@lambda-vpc/tools/dist/bench/targets';
import { environmentApps, repositoryRoot } from './environments';

const SIZES = [3, 9, 27, 81];

describe('line fit', () => {
  it('recovers the intercept and slope of exact points, with R^2 1', () => {
    const fit = fitLine(SIZES.map((n) => [n, 0.4 + 0.012 * n]));
    expect(fit.intercept).toBeCloseTo(0.4, 10);
    expect(fit.slope).toBeCloseTo(0.012, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });
});

describe('growth ratio (linear or better at most 1.5)', () => {
  it('is 1 for linear cost, whatever the constant', () => {
    expect(growthRatio(SIZES.map((n) => [n, 0.5 + 0.02 * n]))).toBeCloseTo(1, 10);
  });

  it(
    'is 3.6 for quadratic cost and 1.38 for n log n: the 1.5 limit leaves room for noise, not for quadratic ' +
      'growth',
    () => {
      expect(growthRatio(SIZES.map((n) => [n, n * n]))).toBeCloseTo(3.6, 10);
      expect(growthRatio(SIZES.map((n) => [n, n * Math.log(n)]))).toBeCloseTo(1.38, 2);
    },
  );

  it('is below 1 when each added stack costs less than the last', () => {
    expect(growthRatio(SIZES.map((n) => [n, Math.sqrt(n)]))).toBeLessThan(1);
  });
});

describe('targets', () => {
  const results = (overrides: Partial<TargetFigures> = {}): TargetFigures => ({
    synth: { seconds: 0.36, peakRssMb: 110 },
    floor: { seconds: 0.25 },
    cdktf: { seconds: 3 },
    coldTest: { seconds: 40 },
    warm: { seconds: 1.5 },
    review: { seconds: 4 },
    fit: { work: { growth: 1 }, memory: { growth: 0.3 } },
    ...overrides,
  });
  const missed = (r: TargetFigures) =>
    evaluateTargets(r)
      .filter((t) => !t.met)
      .map((t) => t.id);

  it('are all met by figures inside every limit', () => {
    expect(missed(results())).toEqual([]);
  });

  it('each fail just past its limit', () => {
    expect(missed(results({ synth: { seconds: 0.38, peakRssMb: 110 } }))).toEqual(['synth-over-floor']);
    expect(missed(results({ synth: { seconds: 0.36, peakRssMb: 200 } }))).toEqual(['synth-rss']);
    expect(missed(results({ cdktf: { seconds: 1.07 } }))).toEqual(['cdktf-over-synth']);
    expect(missed(results({ coldTest: { seconds: 60 } }))).toEqual(['cold-test']);
    expect(missed(results({ warm: { seconds: 2 } }))).toEqual(['warm-synth-test']);
    expect(missed(results({ review: { seconds: 10 } }))).toEqual(['review-warm']);
    expect(missed(results({ fit: { work: { growth: 1.6 }, memory: { growth: 0.3 } } }))).toEqual(['scaling-time']);
    expect(missed(results({ fit: { work: { growth: 1 }, memory: { growth: 1.6 } } }))).toEqual(['scaling-memory']);
  });

  it('have the ids --allow-miss accepts', () => {
    expect(evaluateTargets(results()).map((t) => t.id)).toEqual(TARGET_IDS);
  });
});

describe('verdict', () => {
  const missedFloor = evaluateTargets({
    synth: { seconds: 0.6, peakRssMb: 110 },
    floor: { seconds: 0.25 },
    cdktf: { seconds: 3 },
    coldTest: { seconds: 40 },
    warm: { seconds: 1.5 },
    review: { seconds: 4 },
    fit: { work: { growth: 1 }, memory: { growth: 0.3 } },
  });

  it('fails on a miss', () => {
    expect(verdict(missedFloor, new Set())).toEqual({
      ok: false,
      problems: ['missed: (a) synth time over the floor (c) (synth-over-floor)'],
    });
  });

  it('passes a miss that --allow-miss names', () => {
    expect(verdict(missedFloor, new Set(['synth-over-floor']))).toEqual({ ok: true, problems: [] });
  });

  it('fails when an allowed miss is met, so the allowance goes', () => {
    expect(verdict(missedFloor, new Set(['synth-over-floor', 'cold-test'])).problems).toEqual([
      'met, so drop --allow-miss cold-test: (d) npm test, cold',
    ]);
  });

  it('judges no --advisory target, missed or met, and every other target as before', () => {
    const slowMachine = evaluateTargets({
      synth: { seconds: 0.6, peakRssMb: 110 },
      floor: { seconds: 0.25 },
      cdktf: { seconds: 3 },
      coldTest: { seconds: 63.6 },
      warm: { seconds: 1.5 },
      review: { seconds: 4 },
      fit: { work: { growth: 1 }, memory: { growth: 0.3 } },
    });
    const advisory = new Set(['cold-test', 'warm-synth-test']);
    expect(verdict(slowMachine, new Set(['synth-over-floor']), advisory)).toEqual({ ok: true, problems: [] });
    expect(verdict(missedFloor, new Set(['synth-over-floor']), advisory)).toEqual({ ok: true, problems: [] });
    expect(verdict(slowMachine, new Set(), advisory)).toEqual({
      ok: false,
      problems: ['missed: (a) synth time over the floor (c) (synth-over-floor)'],
    });
    expect(verdict(slowMachine, new Set(['synth-over-floor'])).problems).toEqual([
      'missed: (d) npm test, cold (cold-test)',
    ]);
  });
});

describe('synth phase line', () => {
  it('reads the whole synth and each phase in ms', () => {
    const stdout =
      'synth: dev-nat-egress: 49 resources -> x\nsynth: 9 stack(s) in 234 ms (config 7, constructs 32, cdktf 169, ' +
      'guardrails 5, output 17)\n';
    expect(synthPhases(stdout)).toEqual({
      inProcess: 234,
      config: 7,
      constructs: 32,
      cdktf: 169,
      guardrails: 5,
      output: 17,
    });
  });

  it('refuses output without the closing line', () => {
    expect(() => synthPhases('synth failed; nothing was written')).toThrow(
      'the synth printed no closing line with its phases',
    );
  });
});

describe('bundling closing line', () => {
  it('reads the time in the process and whether esbuild was loaded', () => {
    expect(bundlingFigures('bundle: 10 function(s) in 412 ms, esbuild 0\n')).toEqual({ inProcess: 412, esbuild: 0 });
    expect(bundlingFigures('bundle: 10 function(s) in 1093 ms, esbuild 1\n')).toEqual({ inProcess: 1093, esbuild: 1 });
  });

  it('refuses output without it', () => {
    expect(() => bundlingFigures('synth failed')).toThrow('the bundling run printed no closing line');
  });
});

describe('scaling environments', () => {
  const real = environmentApps().map((app) => app.values);

  it('start with the real environments, then add valid copies with names and VPC CIDRs of their own', () => {
    const values = scaledEnvironments(27, real);
    expect(values.slice(0, real.length)).toEqual(real);
    const configs = loadEnvironments(values);
    expect(configs).toHaveLength(27);
    expect(new Set(configs.map((c) => c.name)).size).toBe(27);
    expect(configs[real.length].variants[VARIANTS[0].configKey]?.cidr).toBe('10.100.0.0/16');
  });

  it('skip the ranges a real environment already uses', () => {
    const [first, ...rest] = real;
    const in100 = withVariantCidr(first, VARIANTS[0].configKey, '10.100.0.0/16');
    const values = scaledEnvironments(real.length + 1, [in100, ...rest]);
    expect(loadEnvironments(values)[real.length].variants[VARIANTS[0].configKey]?.cidr).toBe('10.101.0.0/16');
    expect(() => loadEnvironments(values)).not.toThrow();
  });

  it(
    "are made by withVariantCidr: one variant's VPC CIDR replaced, every other value kept, the original " + 'untouched',
    () => {
      const [first] = real;
      const before = JSON.stringify(first);
      const expected = JSON.parse(before);
      expected.variants.natEgress.cidr = '10.200.0.0/16';
      expect(withVariantCidr(first, 'natEgress', '10.200.0.0/16')).toEqual(expected);
      expect(JSON.stringify(first)).toBe(before);
    },
  );

  it('refuse a count beyond 81 stacks', () => {
    expect(() => scaledEnvironments(28, real)).toThrow('environments: a whole number from 1 to 27, got 28');
  });
});

describe('docs/performance.md', () => {
  const doc = fs.readFileSync(path.join(repositoryRoot, 'docs', 'performance.md'), 'utf8');

  it('lists every target of the bench in its budget table', () => {
    const listed = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual(TARGET_IDS);
  });

  it('carries a whole bench report between its markers: the machine, every target and the summary', () => {
    const block = /<!-- bench:start -->\n```text\n([\s\S]*)\n```\n<!-- bench:end -->/.exec(doc);
    expect(block).not.toBeNull();
    const report = block![1];
    expect(report).toMatch(/^machine: .+, \d+ cores, \d+ GiB, .+, Node v\d+\.\d+\.\d+; \d{4}-\d{2}-\d{2}$/m);
    expect(report.match(/^ {2}(met {3}|MISSED) /gm)).toHaveLength(TARGET_IDS.length);
    expect(report).toMatch(new RegExp(`^bench: \\d of ${TARGET_IDS.length} targets met`, 'm'));
  });
});

describe('failureExcerpt', () => {
  const tail = Array.from({ length: 25 }, (_, i) => `@lambda-vpc/stacks:test: npm error line ${i + 1}`);

  it('names the failed tests turbo printed, without the task prefix, before the last 20 lines', () => {
    const output = [
      '@lambda-vpc/stacks:test:   ✓ synthesizes (800 ms)',
      '@lambda-vpc/stacks:test:   ✕ leaves no staging folder (5003 ms)',
      '@lambda-vpc/stacks:test:   ● a synth stopped part-way › leaves no staging folder',
      '@lambda-vpc/stacks:test:     thrown: "Exceeded timeout of 5000 ms for a test."',
      ...tail,
    ].join('\n');
    const excerpt = failureExcerpt(output).split('\n');
    expect(excerpt.slice(0, 3)).toEqual([
      '  ✕ leaves no staging folder (5003 ms)',
      '  ● a synth stopped part-way › leaves no staging folder',
      '    thrown: "Exceeded timeout of 5000 ms for a test."',
    ]);
    expect(excerpt.slice(-20)).toEqual(tail.slice(-20));
  });

  it('is the last 20 lines when no test failed (a build or install error)', () => {
    expect(failureExcerpt(tail.join('\n'))).toBe(tail.slice(-20).join('\n'));
  });
});
