import * as fs from 'node:fs';
import { unzipSync } from 'fflate';
import { deterministicZip, ZipFileEntry } from './deterministic-zip';
import { packageSizeProblem, PackageSizes } from './lambda-limits';
import { listPackageFiles, readPackageFiles } from './package-files';

// The deployment packages built or read on this machine, each checked against Lambda's size limits before it goes
// into the stack folder: a package Lambda would refuse fails the synth, not the apply.

/** The zip of `entries`; throws, naming the function, when Lambda would refuse its size. */
export function zipPackage(functionName: string, entries: readonly ZipFileEntry[]): Buffer {
  const unzipped = entries.reduce((sum, entry) => sum + entry.content.length, 0);
  refuseSizes(functionName, { unzipped });
  const zip = deterministicZip(entries);
  refuseSizes(functionName, { zipped: zip.length, unzipped });
  return zip;
}

/** The zip of every file under `directory`; the unzipped size is checked before any file is read. */
export function zipDirectoryPackage(functionName: string, directory: string): Buffer {
  const files = withFunctionName(functionName, () => listPackageFiles(directory));
  refuseSizes(functionName, { unzipped: files.reduce((sum, file) => sum + file.size, 0) });
  return zipPackage(functionName, readPackageFiles(directory, files));
}

/** The bytes of a zip built elsewhere, checked to be a zip with files in Lambda's limits. */
export function readZipPackage(functionName: string, file: string): Buffer {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new Error(`${functionName}: the zip ${file} does not exist; build it first or fix the path`);
  }
  const zip = fs.readFileSync(file);
  const sizes: number[] = [];
  try {
    // The filter sees each central directory entry and declines it, so nothing is decompressed.
    unzipSync(zip, {
      filter: (entry) => {
        if (!entry.name.endsWith('/')) sizes.push(entry.originalSize);
        return false;
      },
    });
  } catch (error) {
    throw new Error(`${functionName}: ${file} is not a zip (${(error as Error).message})`);
  }
  if (sizes.length === 0) throw new Error(`${functionName}: the zip ${file} holds no files`);
  refuseSizes(functionName, { zipped: zip.length, unzipped: sizes.reduce((sum, size) => sum + size, 0) });
  return zip;
}

function refuseSizes(functionName: string, sizes: Partial<PackageSizes>): void {
  const problem = packageSizeProblem(sizes);
  if (problem) throw new Error(`${functionName}: ${problem}`);
}

/** `run()`, with the function's name before the message of what it throws. */
function withFunctionName<T>(functionName: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${functionName}: ${(error as Error).message}`);
  }
}
