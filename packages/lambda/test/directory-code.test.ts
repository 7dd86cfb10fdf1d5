import * as fs from 'node:fs';
import * as path from 'node:path';
import { FunctionCode } from '@lambda-vpc/lambda';
import { readWithPython, synthesizeFunction, temporaryDirectories, writeFiles } from './fixtures';

const temporaryDirectory = temporaryDirectories();

/** The function of the directory `directory`, synthesized: its body and the entries of its zip. */
function packaged(directory: string) {
  const { fn, zip } = synthesizeFunction(temporaryDirectory('directory-synth-'), FunctionCode.fromDirectory(directory));
  return { fn, entries: readWithPython(zip!).entries };
}

const code = (files: Record<string, string>, executables: string[] = []) =>
  writeFiles(temporaryDirectory('directory-code-'), files, executables);

describe('a directory package', () => {
  const files = { 'index.js': "exports.handler = async () => 'ok';\n", 'lib/orders.js': 'module.exports = {};\n' };

  it('zips every file under the directory, with the executable bits', () => {
    const { entries } = packaged(code({ ...files, bootstrap: '#!/bin/sh\n' }, ['bootstrap']));
    expect(entries.map((e) => [e.name, e.mode])).toEqual([
      ['bootstrap', '0o100755'],
      ['index.js', '0o100644'],
      ['lib/orders.js', '0o100644'],
    ]);
  });

  it("has the same source_code_hash whatever the files' modification times", () => {
    const first = code(files);
    const second = code(files);
    const later = new Date('2031-05-06T07:08:09Z');
    fs.utimesSync(path.join(second, 'index.js'), later, later);
    expect(packaged(second).fn.source_code_hash).toBe(packaged(first).fn.source_code_hash);
  });

  it('follows a symlink to a file, and refuses one that loops back up the tree', () => {
    const linked = code({ 'index.js': 'exports.handler = 1;\n', 'shared/util.js': 'u\n' });
    fs.symlinkSync(path.join(linked, 'shared', 'util.js'), path.join(linked, 'util.js'));
    expect(packaged(linked).entries.map((e) => [e.name, e.content])).toEqual([
      ['index.js', 'exports.handler = 1;\n'],
      ['shared/util.js', 'u\n'],
      ['util.js', 'u\n'],
    ]);
    fs.symlinkSync(linked, path.join(linked, 'shared', 'loop'));
    expect(() => packaged(linked)).toThrow(
      new Error(`dev-test-api: ${linked}: shared/loop links back to a directory above it; a zip cannot hold a cycle`),
    );
  });
});
