import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentValues } from './config/environment-schema';

/**
 * The compiled values of every environment app under `<repositoryRoot>/apps` (a folder with a cdktf.json), in
 * folder order: what the root app, the bootstrap app and the repository scripts synthesize. Throws naming the
 * app when one is not built.
 */
export function loadEnvironmentApps(repositoryRoot: string): { readonly folder: string; readonly values: EnvironmentValues }[] {
  // Resolved, so a relative root (".") gives require() a path, not a module name.
  const appsDir = path.resolve(repositoryRoot, 'apps');
  return fs.readdirSync(appsDir).sort()
    .filter((folder) => fs.existsSync(path.join(appsDir, folder, 'cdktf.json')))
    .map((folder) => {
      const compiled = path.join(appsDir, folder, 'dist', 'environment.js');
      if (!fs.existsSync(compiled)) {
        throw new Error(`apps/${folder} is not built (no dist/environment.js); run npm run build`);
      }
      return { folder, values: (require(compiled) as { environment: EnvironmentValues }).environment };
    });
}
