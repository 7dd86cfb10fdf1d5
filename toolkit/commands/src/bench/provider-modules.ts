// The provider classes the stacks use: every `@cdktf/provider-*/lib/<resource>` the compiled stacks and construct
// packages require (all at module top level, so exactly what loading the stacks loads).
import * as fs from 'node:fs';
import * as path from 'node:path';

const PROVIDER_REQUIRE = /require\("(@cdktf\/provider-[a-z]+\/lib\/[^"]+)"\)/g;

/** Compiled `.js` files under `folder`, recursively. */
function compiledFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return compiledFiles(file);
    return entry.name.endsWith('.js') ? [file] : [];
  });
}

/**
 * The provider modules the compiled packages (packages/, toolkit/) and stacks under the repository `root` require,
 * sorted.
 */
export function providerModules(root: string): string[] {
  const packages = ['packages', 'toolkit'].flatMap((folder) =>
    fs.readdirSync(path.join(root, folder)).map((name) => path.join(root, folder, name, 'dist')),
  );
  const modules = new Set<string>();
  for (const file of [...packages, path.join(root, 'stacks', 'dist')].flatMap(compiledFiles)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(PROVIDER_REQUIRE)) modules.add(match[1]);
  }
  if (modules.size === 0) throw new Error('no provider classes found in the compiled stacks; run npm run build');
  return [...modules].sort();
}
