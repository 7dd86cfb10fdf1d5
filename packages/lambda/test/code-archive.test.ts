import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { CodeArchive, deterministicZip } from '@lambda-vpc/lambda';
import { removeDirectory } from './fixtures';

const temporaries: string[] = [];
afterAll(() => temporaries.forEach(removeDirectory));

function temporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaries.push(directory);
  return directory;
}

/** A handler directory: `files` maps relative paths to contents; paths in `executables` get mode 0755. */
function codeDirectory(files: Record<string, string>, executables: string[] = []): string {
  const directory = temporaryDirectory('code-archive-');
  for (const [relativePath, content] of Object.entries(files)) {
    const file = path.join(directory, relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: executables.includes(relativePath) ? 0o755 : 0o644 });
  }
  return directory;
}

interface ReadEntry {
  readonly name: string;
  readonly content: string;
  readonly mode: string;
  readonly date: number[];
  readonly method: number;
}

/** Reads a zip with Python's zipfile, a reader independent of the writer under test. */
function readWithPython(zip: Buffer): { entries: ReadEntry[]; firstBad: string | null } {
  const file = path.join(temporaryDirectory('zip-read-'), 'archive.zip');
  fs.writeFileSync(file, zip);
  const script = [
    'import json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'print(json.dumps({"firstBad": z.testzip(), "entries": [',
    '  {"name": i.filename, "content": z.read(i).decode(), "mode": oct(i.external_attr >> 16),',
    '   "date": list(i.date_time), "method": i.compress_type} for i in z.infolist()]}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

describe('reproducible bytes', () => {
  const files = { 'index.js': "exports.handler = async () => 'ok';\n", 'lib/orders.js': 'module.exports = {};\n' };

  it('zips the same files to the same bytes, whatever their modification times', () => {
    const first = codeDirectory(files);
    const second = codeDirectory(files);
    fs.utimesSync(path.join(second, 'index.js'), new Date('2031-05-06T07:08:09Z'), new Date('2031-05-06T07:08:09Z'));
    expect(deterministicZip(second).equals(deterministicZip(first))).toBe(true);
  });

  it('changes when a file changes', () => {
    const changed = codeDirectory({ ...files, 'index.js': "exports.handler = async () => 'changed';\n" });
    expect(deterministicZip(changed).equals(deterministicZip(codeDirectory(files)))).toBe(false);
  });

  it('changes when a file is only renamed, which a hash of the contents alone would miss', () => {
    const renamed = codeDirectory({ 'index.js': files['index.js'], 'lib/customers.js': files['lib/orders.js'] });
    expect(deterministicZip(renamed).equals(deterministicZip(codeDirectory(files)))).toBe(false);
  });
});

describe('readable by standard zip tools', () => {
  const zip = deterministicZip(
    codeDirectory(
      { 'index.js': 'exports.handler = 1;\n', bootstrap: '#!/bin/sh\n', 'lib/b.js': 'b\n', 'lib/a.js': 'a\n' },
      ['bootstrap'],
    ),
  );
  const read = readWithPython(zip);

  it('passes the CRC check of every entry', () => {
    expect(read.firstBad).toBeNull();
  });

  it('holds every file once, by its /-separated relative path in sorted order, with its content', () => {
    expect(read.entries.map((e) => [e.name, e.content])).toEqual([
      ['bootstrap', '#!/bin/sh\n'],
      ['index.js', 'exports.handler = 1;\n'],
      ['lib/a.js', 'a\n'],
      ['lib/b.js', 'b\n'],
    ]);
  });

  it('keeps the executable bit, which a custom runtime bootstrap needs, and makes the rest 0644', () => {
    expect(read.entries.map((e) => [e.name, e.mode])).toEqual([
      ['bootstrap', '0o100755'],
      ['index.js', '0o100644'],
      ['lib/a.js', '0o100644'],
      ['lib/b.js', '0o100644'],
    ]);
  });

  it('dates every entry 1980-01-01 00:00 and stores it uncompressed', () => {
    for (const entry of read.entries) {
      expect(entry.date).toEqual([1980, 1, 1, 0, 0, 0]);
      expect(entry.method).toBe(0);
    }
  });

  it('follows a symlink to a file, and refuses one that loops back up the tree', () => {
    const linked = codeDirectory({ 'index.js': 'exports.handler = 1;\n', 'shared/util.js': 'u\n' });
    fs.symlinkSync(path.join(linked, 'shared', 'util.js'), path.join(linked, 'util.js'));
    expect(readWithPython(deterministicZip(linked)).entries.map((e) => [e.name, e.content])).toEqual([
      ['index.js', 'exports.handler = 1;\n'],
      ['shared/util.js', 'u\n'],
      ['util.js', 'u\n'],
    ]);
    fs.symlinkSync(linked, path.join(linked, 'shared', 'loop'));
    expect(() => deterministicZip(linked)).toThrow(`${linked}: shared/loop links back to a directory above it`);
  });

  it('refuses a directory with no files', () => {
    const empty = temporaryDirectory('code-empty-');
    expect(() => deterministicZip(empty)).toThrow(`${empty} holds no files to package`);
  });
});

describe('written into the stack folder at synthesis', () => {
  function synthArchive(outdir: string, directory: string): CodeArchive {
    const app = new App({ outdir });
    const archive = new CodeArchive(new TerraformStack(app, 'dev-private-only'), 'code', { directory });
    app.synth();
    return archive;
  }

  it('writes the zip at its path, and the path and hash name the bytes written', () => {
    const outdir = temporaryDirectory('code-synth-');
    const directory = codeDirectory({ 'index.js': 'exports.handler = 1;\n' });
    const archive = synthArchive(outdir, directory);
    const written = fs.readFileSync(path.join(outdir, 'stacks', 'dev-private-only', archive.path));
    const digest = crypto.createHash('sha256').update(written).digest();
    expect(written.equals(deterministicZip(directory))).toBe(true);
    expect(archive.sha256Base64).toBe(digest.toString('base64'));
    expect(archive.path).toBe(`assets/code/${digest.toString('hex')}/archive.zip`);
  });

  it('removes the previous version when the code changes and the folder is synthesized again', () => {
    const outdir = temporaryDirectory('code-synth-');
    const directory = codeDirectory({ 'index.js': 'exports.handler = 1;\n' });
    const before = synthArchive(outdir, directory);
    fs.writeFileSync(path.join(directory, 'index.js'), 'exports.handler = 2;\n');
    const after = synthArchive(outdir, directory);
    expect(after.path).not.toBe(before.path);
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'dev-private-only', 'assets', 'code'))).toEqual([
      path.basename(path.dirname(after.path)),
    ]);
  });
});
