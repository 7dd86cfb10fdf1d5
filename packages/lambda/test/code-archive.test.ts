import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { CodeArchive, deterministicZip, ZipFileEntry } from '@lambda-vpc/lambda';
import { readWithPython, temporaryDirectories } from './fixtures';

const temporaryDirectory = temporaryDirectories();

/** Zip entries from a map of paths to text; paths in `executables` are executable. */
function entries(files: Record<string, string>, executables: string[] = []): ZipFileEntry[] {
  return Object.entries(files).map(([file, text]) => ({
    path: file,
    content: Buffer.from(text),
    executable: executables.includes(file),
  }));
}

// The SHA-256 of the zip of `files` below, recorded once: the bytes must not change with the machine or Node release.
const RECORDED_DIGEST = 'eff572122e0607614e23e04a2234a2cc961d3f303f67fde1094e88f8e095e78e';

describe('reproducible bytes', () => {
  const files = { 'index.js': "exports.handler = async () => 'ok';\n", 'lib/orders.js': 'module.exports = {};\n' };

  it('zips the same files to the same bytes, whatever order they are given in', () => {
    const reversed = entries(files).reverse();
    expect(deterministicZip(reversed).equals(deterministicZip(entries(files)))).toBe(true);
  });

  it('changes when a file changes', () => {
    const changed = entries({ ...files, 'index.js': "exports.handler = async () => 'changed';\n" });
    expect(deterministicZip(changed).equals(deterministicZip(entries(files)))).toBe(false);
  });

  it('changes when a file is only renamed, which a hash of the contents alone would miss', () => {
    const renamed = entries({ 'index.js': files['index.js'], 'lib/customers.js': files['lib/orders.js'] });
    expect(deterministicZip(renamed).equals(deterministicZip(entries(files)))).toBe(false);
  });

  it('has the SHA-256 recorded for these files, so a change of the deflate library shows as a failing test', () => {
    const digest = crypto
      .createHash('sha256')
      .update(deterministicZip(entries(files)))
      .digest('hex');
    expect(digest).toBe(RECORDED_DIGEST);
  });
});

describe('compressed', () => {
  const text = 'export const rows = [' + '{ "id": 1, "name": "order" }, '.repeat(200) + '];\n';
  const zip = deterministicZip(entries({ 'index.js': text, 'tiny.js': 'x' }));
  const read = readWithPython(zip);

  it('deflates text: the zip is smaller than the sum of its contents', () => {
    expect(zip.length).toBeLessThan(text.length + 1);
    expect(read.entries.find((e) => e.name === 'index.js')).toMatchObject({ method: 8, size: text.length });
    expect(read.entries.find((e) => e.name === 'index.js')!.compressedSize).toBeLessThan(text.length / 10);
  });

  it('stores an entry that deflate would not shrink', () => {
    expect(read.entries.find((e) => e.name === 'tiny.js')).toMatchObject({ method: 0, size: 1, compressedSize: 1 });
  });
});

describe('readable by standard zip tools', () => {
  const zip = deterministicZip(
    entries({ 'index.js': 'exports.handler = 1;\n', bootstrap: '#!/bin/sh\n', 'lib/b.js': 'b\n', 'lib/a.js': 'a\n' }, [
      'bootstrap',
    ]),
  );
  const read = readWithPython(zip);

  it('passes the CRC check of every entry', () => {
    expect(read.firstBad).toBeNull();
  });

  it('holds every file once, by its /-separated path in sorted order, with its content', () => {
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

  it('dates every entry 1980-01-01 00:00', () => {
    expect(read.entries.map((e) => e.date)).toEqual(read.entries.map(() => [1980, 1, 1, 0, 0, 0]));
  });

  it('refuses no files, and a path given twice', () => {
    expect(() => deterministicZip([])).toThrow('a zip needs at least one file');
    expect(() => deterministicZip(entries({ 'a.js': '1' }).concat(entries({ 'a.js': '2' })))).toThrow(
      'a.js is in the zip twice',
    );
  });
});

describe('written into the stack folder at synthesis', () => {
  function synthArchive(outdir: string, zip: Buffer): CodeArchive {
    const app = new App({ outdir });
    const archive = new CodeArchive(new TerraformStack(app, 'dev-private-only'), 'code', { zip });
    app.synth();
    return archive;
  }

  it('writes the zip at its path, and the path and hash name the bytes written', () => {
    const outdir = temporaryDirectory('code-synth-');
    const zip = deterministicZip(entries({ 'index.js': 'exports.handler = 1;\n' }));
    const archive = synthArchive(outdir, zip);
    const written = fs.readFileSync(path.join(outdir, 'stacks', 'dev-private-only', archive.path));
    const digest = crypto.createHash('sha256').update(written).digest();
    expect(written.equals(zip)).toBe(true);
    expect(archive.sha256Base64).toBe(digest.toString('base64'));
    expect(archive.path).toBe(`assets/code/${digest.toString('hex')}/archive.zip`);
  });

  it('removes the previous version when the code changes and the folder is synthesized again', () => {
    const outdir = temporaryDirectory('code-synth-');
    const before = synthArchive(outdir, deterministicZip(entries({ 'index.js': 'exports.handler = 1;\n' })));
    const after = synthArchive(outdir, deterministicZip(entries({ 'index.js': 'exports.handler = 2;\n' })));
    expect(after.path).not.toBe(before.path);
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'dev-private-only', 'assets', 'code'))).toEqual([
      path.basename(path.dirname(after.path)),
    ]);
  });
});
