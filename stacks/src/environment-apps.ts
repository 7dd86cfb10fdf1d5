import * as fs from 'node:fs';
import * as path from 'node:path';
import { BlameRule } from './config/cross-environment-rules';
import { EnvironmentConfig, EnvironmentInput } from './config/environment-schema';
import { loadAppEnvironment, loadEnvironments } from './config/load-environments';
import { reportSynth, synthEnvironments, SynthOptions, SynthResult } from './synth';

/** An environment app under apps/: its folder and the values its `src/environment.ts` exports. */
export interface EnvironmentApp {
  /** The folder under apps/, which is also the environment's name. */
  readonly folder: string;
  /** The compiled values (`dist/environment.js`). */
  readonly values: EnvironmentInput;
}

/**
 * The compiled values of every environment app under `<repositoryRoot>/apps` (a folder with a cdktf.json), in
 * folder order: what the root app, the bootstrap app and the repository scripts synthesize. Throws naming the
 * app when one is not built.
 */
export function loadEnvironmentApps(
  repositoryRoot: string,
  options: { readonly except?: string } = {},
): EnvironmentApp[] {
  // Resolved, so a relative root (".") gives require() a path, not a module name.
  const appsDir = path.resolve(repositoryRoot, 'apps');
  return fs
    .readdirSync(appsDir)
    .sort()
    .filter((folder) => folder !== options.except && fs.existsSync(path.join(appsDir, folder, 'cdktf.json')))
    .map((folder) => {
      const compiled = path.join(appsDir, folder, 'dist', 'environment.js');
      if (!fs.existsSync(compiled)) {
        throw new Error(`apps/${folder} is not built (no dist/environment.js); run npm run build`);
      }
      return { folder, values: (require(compiled) as { environment: EnvironmentInput }).environment };
    });
}

/**
 * Every app's environment validated together: each on its own, then the rules across the repository, with each
 * app's folder (so a name that differs from it is refused). Throws one ConfigError listing every problem.
 */
export function loadRepositoryEnvironments(
  repositoryRoot: string,
  options: { readonly blame?: BlameRule } = {},
): EnvironmentConfig[] {
  const apps = loadEnvironmentApps(repositoryRoot);
  return loadEnvironments(
    apps.map((app) => app.values),
    { folders: apps.map((app) => app.folder), blame: options.blame },
  );
}

/**
 * Synthesizes the environment of the app in `appDir` (`apps/<env>`), after checking it against every other app
 * of the repository (names, folders, overlapping CIDRs): a conflict is reported against this environment.
 */
export function synthEnvironmentApp(
  environment: EnvironmentInput,
  appDir: string,
  options: SynthOptions = {},
): SynthResult {
  const folder = path.basename(path.resolve(appDir));
  return synthEnvironments(() => {
    const others = loadEnvironmentApps(path.resolve(appDir, '..', '..'), { except: folder });
    return [loadAppEnvironment({ folder, values: environment }, others)];
  }, options);
}

/** The main of every environment app: {@link synthEnvironmentApp}, reported by {@link reportSynth}. */
export function runEnvironmentApp(environment: EnvironmentInput, appDir: string, options: SynthOptions = {}): void {
  reportSynth(() => synthEnvironmentApp(environment, appDir, options));
}
