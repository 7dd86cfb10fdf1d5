import { unzipSync } from 'fflate';

/** One file of a zip: its `/`-separated path and its uncompressed bytes. */
export interface ZippedFile {
  readonly path: string;
  readonly content: Buffer;
}

/** fflate's code for a zip it finds no end of central directory record in. */
const INVALID_ZIP_DATA = 13;

/**
 * The files of a zip (directory entries left out), read by fflate, the reader the lambda package checks prebuilt
 * zips with. Throws naming what is wrong, so a package that is not a zip is one clear line.
 */
export function zipFileEntries(zip: Buffer): ZippedFile[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.length));
  } catch (error) {
    const { code, message } = error as Error & { code?: number };
    throw new Error(`not a zip (${code === INVALID_ZIP_DATA ? 'no end of central directory record' : message})`);
  }
  return Object.entries(files)
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, content]) => ({ path, content: Buffer.from(content.buffer, content.byteOffset, content.length) }));
}
