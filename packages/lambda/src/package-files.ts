import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZipFileEntry } from './deterministic-zip';

/** A regular file under a package directory, before it is read. */
export interface PackageFile {
  /** `/`-separated path relative to the directory. */
  readonly relativePath: string;
  /** Its size in bytes. */
  readonly size: number;
  /** Whether any execute bit is set. */
  readonly executable: boolean;
}

/**
 * Regular files under `directory` (symlinks followed), `/`-separated and sorted by byte order. `ancestors` are
 * the real paths of the directories above, so a symlink back up the tree is an error, not endless recursion.
 */
export function listPackageFiles(directory: string, prefix = '', ancestors: readonly string[] = []): PackageFile[] {
  const here = fs.realpathSync(path.join(directory, prefix));
  if (ancestors.includes(here)) {
    throw new Error(`${directory}: ${prefix} links back to a directory above it; a zip cannot hold a cycle`);
  }
  const files: PackageFile[] = [];
  for (const name of fs.readdirSync(here)) {
    const relativePath = prefix ? `${prefix}/${name}` : name;
    const stat = fs.statSync(path.join(directory, relativePath));
    if (stat.isDirectory()) {
      files.push(...listPackageFiles(directory, relativePath, [...ancestors, here]));
    } else if (stat.isFile()) {
      files.push({ relativePath, size: stat.size, executable: (stat.mode & 0o111) !== 0 });
    }
  }
  return files.sort((a, b) => Buffer.compare(Buffer.from(a.relativePath), Buffer.from(b.relativePath)));
}

/** The zip entries of `files`, listed under `directory`, read now. */
export function readPackageFiles(directory: string, files: readonly PackageFile[]): ZipFileEntry[] {
  return files.map(({ relativePath, executable }) => ({
    path: relativePath,
    content: fs.readFileSync(path.join(directory, relativePath)),
    executable,
  }));
}
