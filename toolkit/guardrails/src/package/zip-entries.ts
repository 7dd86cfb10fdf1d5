import * as zlib from 'node:zlib';

/** One file of a zip: its `/`-separated path and its uncompressed bytes. */
export interface ZippedFile {
  readonly path: string;
  readonly content: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER_LENGTH = 30;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

/**
 * The files of a zip, read through its central directory (the listing unzip trusts), stored or deflated entries.
 * Directory entries are left out. Throws naming what is wrong, so a package that is not a zip is one clear line.
 */
export function zipFileEntries(zip: Buffer): ZippedFile[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) {
    throw new Error('not a zip (no end of central directory record)');
  }
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZippedFile[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`entry ${i} of the central directory is damaged`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    // The local header's own name and extra lengths can differ from the central directory's.
    const dataStart =
      localOffset + LOCAL_HEADER_LENGTH + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const stored = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== METHOD_STORED && method !== METHOD_DEFLATED) {
      throw new Error(`${name} uses compression method ${method}; only stored (0) and deflated (8) are read`);
    }
    entries.push({ path: name, content: method === METHOD_STORED ? stored : zlib.inflateRawSync(stored) });
  }
  return entries;
}
