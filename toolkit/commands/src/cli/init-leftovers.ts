// What a failed `terraform init` leaves in a synthesized stack folder: a `.terraform` folder holding only the backend
// settings (no provider was installed) and, rarely, a lock file. They are removed so the next run starts clean, but
// only where init created them during this run: a folder initialized before keeps what it had.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files `terraform init` creates beside a stack's `cdk.tf.json`. */
export const INIT_FILES = ['.terraform', '.terraform.lock.hcl'] as const;

/** Which init files each stack folder held: `cdktf.out/stacks/<stack>` to the names present. */
export type InitFilesByStack = ReadonlyMap<string, ReadonlySet<string>>;

/** The stack folders under `<outDir>/stacks`, each with the init files it holds now. */
export function initFilesIn(outDir: string): InitFilesByStack {
  const stacksDir = path.join(outDir, 'stacks');
  const found = new Map<string, ReadonlySet<string>>();
  if (!fs.existsSync(stacksDir)) return found;
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(stacksDir, entry.name);
    found.set(folder, new Set(INIT_FILES.filter((name) => fs.existsSync(path.join(folder, name)))));
  }
  return found;
}

/**
 * Removes the init files a failed init created since `before`: in each stack folder whose `.terraform` is new and
 * holds no installed provider (so init stopped before the providers). Returns the folders cleaned.
 */
export function removeFailedInitFiles(outDir: string, before: InitFilesByStack): string[] {
  const cleaned: string[] = [];
  for (const [folder, present] of initFilesIn(outDir)) {
    const earlier = before.get(folder) ?? new Set<string>();
    const created = [...present].filter((name) => !earlier.has(name));
    // A .terraform with providers is an init that got past the registry: never the failure this cleans up after.
    if (!created.includes('.terraform') || fs.existsSync(path.join(folder, '.terraform', 'providers'))) continue;
    for (const name of created) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
    cleaned.push(folder);
  }
  return cleaned;
}
