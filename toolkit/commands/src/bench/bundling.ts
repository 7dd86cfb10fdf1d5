// The bench's bundling line: N copies of a handler that imports zod, bundled by FunctionCode.fromEntry and synthesized
// (bundle-functions.ts), cold (LAMBDA_VPC_BUNDLE_CACHE=off: esbuild bundles every one) and warm (the cache on, after
// an unmeasured run fills it: no esbuild at all).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measure, Measured, MeasureOptions, MeasureSpec } from './measure';

/** Functions bundled per run. */
export const BUNDLED_FUNCTIONS = 10;

/** The bundling line's two measurements. */
export interface BundlingMeasured {
  /** How many functions each run bundles. */
  readonly functions: number;
  /** No cache: esbuild bundles each function. */
  readonly cold: Measured;
  /** The cache filled by an earlier run: every bundle read from it. */
  readonly warm: Measured;
}

/** The closing line of bundle-functions.js: its time in the process (ms) and whether it loaded esbuild (0 or 1). */
export function bundlingFigures(stdout: string): Readonly<Record<string, number>> {
  const match = /^bundle: \d+ function\(s\) in (\d+) ms, esbuild ([01])$/m.exec(stdout);
  if (!match) throw new Error(`the bundling run printed no closing line:\n${stdout.slice(-500)}`);
  return { inProcess: Number(match[1]), esbuild: Number(match[2]) };
}

/**
 * `<folder>/functions/fn-NN/handler.ts`, copies of the lambda package's zod fixture, and `<folder>/node_modules/zod`
 * linked to the zod that package installs: the cache then lives in the scratch folder, not in the repository.
 */
function writeFixture(root: string, folder: string, functions: number): void {
  const lambdaPackage = path.join(root, 'packages', 'lambda');
  const handler = fs.readFileSync(path.join(lambdaPackage, 'test', 'handlers', 'orders.ts'), 'utf8');
  const zod = path.dirname(require.resolve('zod/package.json', { paths: [lambdaPackage] }));
  fs.mkdirSync(path.join(folder, 'node_modules'), { recursive: true });
  fs.symlinkSync(zod, path.join(folder, 'node_modules', 'zod'), 'dir');
  for (let index = 1; index <= functions; index += 1) {
    const file = path.join(folder, 'functions', `fn-${String(index).padStart(2, '0')}`, 'handler.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, handler);
  }
}

/** Bundling cold and warm; throws when a cold run read the cache or a warm one ran esbuild. */
export function measureBundling(
  root: string,
  scratch: string,
  options: MeasureOptions,
  common: Pick<MeasureSpec, 'cwd' | 'env'>,
): BundlingMeasured {
  const folder = path.join(scratch, 'bundling');
  writeFixture(root, folder, BUNDLED_FUNCTIONS);
  const spec = (label: string, env: Record<string, string>): MeasureSpec => ({
    ...common,
    label,
    command: `node toolkit/commands/dist/bench/bundle-functions.js ${JSON.stringify(folder)}`,
    env: { CDKTF_OUTDIR: path.join(scratch, 'bundling-out'), ...env },
    parse: bundlingFigures,
  });
  const cold = measure(
    spec(`(e) bundle ${BUNDLED_FUNCTIONS} functions, cold`, { LAMBDA_VPC_BUNDLE_CACHE: 'off' }),
    options,
  );
  const warmSpec = spec(`(e) bundle ${BUNDLED_FUNCTIONS} functions, warm`, {});
  measure({ ...warmSpec, label: '(e) warm-up' }, { ...options, runs: 1 });
  const warm = measure(warmSpec, options);
  if (cold.figures?.esbuild !== 1 || warm.figures?.esbuild !== 0) {
    throw new Error('(e) bundling: a cold run must run esbuild and a warm run must take every bundle from the cache');
  }
  return { functions: BUNDLED_FUNCTIONS, cold, warm };
}
