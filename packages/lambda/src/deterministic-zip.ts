import * as zlib from 'node:zlib';
import { deflateSync } from 'fflate';

/**
 * A zip whose bytes depend only on its entries' paths, contents and executable bits: entries sorted, every
 * timestamp 1980-01-01, modes 0644 or 0755, no extra fields.
 *
 * Entries are deflated by fflate (pinned), a deflate written in JavaScript: the same input gives the same bytes on
 * every machine and Node release. node:zlib's output depends on the zlib build inside the Node binary, so two
 * machines on different Node releases would compute different hashes for the same code and `source_code_hash`
 * would flip between a laptop's plan and CI's. An entry that deflate does not shrink is stored as it is.
 */
export function deterministicZip(entries: readonly ZipFileEntry[]): Buffer {
  if (entries.length === 0) throw new Error('a zip needs at least one file');
  if (entries.length > 0xffff) {
    throw new Error(`${entries.length} files; a zip without zip64 holds at most 65535`);
  }
  const sorted = [...entries]
    .map((entry) => ({ entry, name: Buffer.from(entry.path, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.name, b.name));
  const localParts: Uint8Array[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  sorted.forEach(({ entry, name }, index) => {
    if (index > 0 && sorted[index - 1].name.equals(name)) throw new Error(`${entry.path} is in the zip twice`);
    const record = zipRecord(entry, name);
    const local = localHeader(record);
    centralParts.push(centralHeader(record, offset));
    localParts.push(local, name, record.data);
    offset += local.length + name.length + record.data.length;
    if (offset > 0xffffffff) throw new Error('the files are larger than 4 GiB zipped; a zip without zip64 holds less');
  });
  const central = Buffer.concat(centralParts);
  return Buffer.concat([...localParts, central, endOfCentralDirectory(sorted.length, central.length, offset)]);
}

/** One file of a zip. */
export interface ZipFileEntry {
  /** Its `/`-separated path inside the zip, e.g. `lib/orders.js`. */
  readonly path: string;
  /** Its bytes. */
  readonly content: Uint8Array;
  /**
   * Whether it gets mode 0755 instead of 0644, as a custom runtime's `bootstrap` needs.
   * @default false
   */
  readonly executable?: boolean;
}

/** An entry as written: its name, method, the bytes in the zip and the original's CRC and size. */
interface ZipRecord {
  readonly name: Buffer;
  readonly method: number;
  readonly data: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly mode: number;
}

/** Fixed, so the bytes never change with a default of the library. */
const DEFLATE_LEVEL = 6;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

function zipRecord(entry: ZipFileEntry, name: Buffer): ZipRecord {
  const deflated = deflateSync(entry.content, { level: DEFLATE_LEVEL });
  const shrinks = deflated.length < entry.content.length;
  return {
    name,
    method: shrinks ? METHOD_DEFLATED : METHOD_STORED,
    data: shrinks ? deflated : entry.content,
    crc: zlib.crc32(entry.content),
    size: entry.content.length,
    mode: entry.executable ? 0o100755 : 0o100644,
  };
}

const VERSION_NEEDED = 20;
/** Made by Unix (3), so readers honour the permission bits in the external attributes. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
const DOS_TIME = 0;
/** 1980-01-01, the earliest date a zip can hold. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The fields local and central headers share, in the same order: version needed, flags, method,
 * time, date, CRC-32, compressed and uncompressed sizes, name length.
 */
function writeCommonFields(header: Buffer, at: number, record: ZipRecord): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(FLAGS, at + 2);
  header.writeUInt16LE(record.method, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(record.crc, at + 10);
  header.writeUInt32LE(record.data.length, at + 14);
  header.writeUInt32LE(record.size, at + 18);
  header.writeUInt16LE(record.name.length, at + 22);
}

function localHeader(record: ZipRecord): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeCommonFields(header, 4, record);
  // extra field length stays 0
  return header;
}

function centralHeader(record: ZipRecord, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  writeCommonFields(header, 6, record);
  // extra length, comment length, disk number and internal attributes stay 0
  header.writeUInt32LE((record.mode << 16) >>> 0, 38);
  header.writeUInt32LE(localOffset, 42);
  return Buffer.concat([header, record.name]);
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
