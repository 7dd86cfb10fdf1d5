import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/**
 * A zip of a directory whose bytes depend only on the files' relative paths, contents and
 * executable bits: entries sorted, every timestamp 1980-01-01, no extra fields.
 *
 * Entries are stored, not deflated. Deflate output depends on the zlib build inside the Node
 * binary, so two machines on different Node releases would compute different hashes for the
 * same code and `source_code_hash` would flip between a laptop's plan and CI's. Stored entries
 * are byte-identical everywhere; a Lambda zip uploaded directly is capped at 50 MB either way.
 */
export function deterministicZip(directory: string): Buffer {
  const files = listFiles(directory);
  if (files.length === 0) {
    throw new Error(`${directory} holds no files to package`);
  }
  if (files.length > 0xffff) {
    throw new Error(`${directory} holds ${files.length} files; a zip without zip64 holds at most 65535`);
  }
  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const content = fs.readFileSync(path.join(directory, file.relativePath));
    const name = Buffer.from(file.relativePath, 'utf8');
    const entry = { name, content, crc: zlib.crc32(content), mode: file.executable ? 0o100755 : 0o100644 };
    const local = localHeader(entry);
    centralParts.push(centralHeader(entry, offset));
    localParts.push(local, name, content);
    offset += local.length + name.length + content.length;
    if (offset > 0xffffffff) {
      throw new Error(`${directory} is larger than 4 GiB; Lambda takes at most 50 MB zipped`);
    }
  }
  const central = Buffer.concat(centralParts);
  return Buffer.concat([...localParts, central, endOfCentralDirectory(files.length, central.length, offset)]);
}

interface ZipEntry {
  readonly name: Buffer;
  readonly content: Buffer;
  readonly crc: number;
  readonly mode: number;
}

interface PackagedFile {
  readonly relativePath: string;
  readonly executable: boolean;
}

/**
 * Regular files under `directory` (symlinks followed), `/`-separated and sorted by byte order. `ancestors` are
 * the real paths of the directories above, so a symlink back up the tree is an error, not endless recursion.
 */
function listFiles(directory: string, prefix = '', ancestors: readonly string[] = []): PackagedFile[] {
  const here = fs.realpathSync(path.join(directory, prefix));
  if (ancestors.includes(here)) {
    throw new Error(`${directory}: ${prefix} links back to a directory above it; a zip cannot hold a cycle`);
  }
  const files: PackagedFile[] = [];
  for (const name of fs.readdirSync(here)) {
    const relativePath = prefix ? `${prefix}/${name}` : name;
    const stat = fs.statSync(path.join(directory, relativePath));
    if (stat.isDirectory()) {
      files.push(...listFiles(directory, relativePath, [...ancestors, here]));
    } else if (stat.isFile()) {
      files.push({ relativePath, executable: (stat.mode & 0o111) !== 0 });
    }
  }
  return files.sort((a, b) => Buffer.compare(Buffer.from(a.relativePath), Buffer.from(b.relativePath)));
}

const VERSION_NEEDED = 20;
/** Made by Unix (3), so readers honour the permission bits in the external attributes. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
const METHOD_STORED = 0;
const DOS_TIME = 0;
/** 1980-01-01, the earliest date a zip can hold. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The fields local and central headers share, in the same order: version needed, flags, method,
 * time, date, CRC-32, compressed and uncompressed sizes, name length.
 */
function writeCommonFields(header: Buffer, at: number, entry: ZipEntry): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(FLAGS, at + 2);
  header.writeUInt16LE(METHOD_STORED, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.content.length, at + 14);
  header.writeUInt32LE(entry.content.length, at + 18);
  header.writeUInt16LE(entry.name.length, at + 22);
}

function localHeader(entry: ZipEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeCommonFields(header, 4, entry);
  // extra field length stays 0
  return header;
}

function centralHeader(entry: ZipEntry, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  writeCommonFields(header, 6, entry);
  // extra length, comment length, disk number and internal attributes stay 0
  header.writeUInt32LE((entry.mode << 16) >>> 0, 38);
  header.writeUInt32LE(localOffset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(entries: number, centralSize: number, centralOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(entries, 8);
  record.writeUInt16LE(entries, 10);
  record.writeUInt32LE(centralSize, 12);
  record.writeUInt32LE(centralOffset, 16);
  return record;
}
