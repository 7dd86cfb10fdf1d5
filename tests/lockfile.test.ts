// `npm install` on a fresh clone leaves package-lock.json unchanged on Linux, macOS and Windows: npm adds an optional
// platform package that the lockfile lacks (and only the running platform's is installed), so every one must be
// locked already. CI checks the Linux install itself (.ci/run fails on a changed lockfile).
import * as fs from 'node:fs';
import * as path from 'node:path';

interface LockedPackage {
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
}
const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockedPackage>;
};

/**
 * Where Node's resolution would find `name` from the package at `location`: its own node_modules, then each parent's.
 */
function resolveLocked(location: string, name: string): string | undefined {
  let base = location;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

const optionalEdges = Object.entries(lock.packages).flatMap(([location, locked]) =>
  Object.keys(locked.optionalDependencies ?? {}).map((name) => ({
    location: location || '(root)',
    name,
    resolved: resolveLocked(location, name),
  })),
);

describe('package-lock.json', () => {
  it('is lockfile version 3 (npm 9+), as every supported npm writes it', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it('locks every optional dependency of every package, whatever platform it is for', () => {
    expect(optionalEdges.length).toBeGreaterThan(0);
    expect(optionalEdges.filter((edge) => !edge.resolved).map((edge) => `${edge.location} -> ${edge.name}`)).toEqual(
      [],
    );
  });

  it('locks the native binaries (turbo, swc) for Linux, macOS and Windows', () => {
    for (const parent of ['node_modules/turbo', 'node_modules/@swc/core']) {
      const platforms = new Set(
        optionalEdges
          .filter((edge) => edge.location === parent)
          .flatMap((edge) => lock.packages[edge.resolved!].os ?? []),
      );
      expect([parent, [...platforms].filter((os) => ['linux', 'darwin', 'win32'].includes(os)).sort()]).toEqual([
        parent,
        ['darwin', 'linux', 'win32'],
      ]);
    }
  });
});
