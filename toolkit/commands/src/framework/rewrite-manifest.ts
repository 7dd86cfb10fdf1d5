// The package.json changes of a framework build (toolkit/frameworks/<name>/framework.json): each dependency it lists
// gets its spec (and, for a renamed package such as the CLI, its name); the root also gets the build's extra workspaces
// and overrides. Everything else, scripts and the workspaces' versions included, stays as the repository has it.
import { FrameworkSpec } from './build-tree';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** A parsed package.json, as far as the rewrite reads it. */
export type Manifest = Readonly<Record<string, unknown>> & {
  readonly workspaces?: readonly string[];
  readonly overrides?: Readonly<Record<string, string>>;
};

/** `manifest` as the framework build installs it; `root` says whether it is the repository's root package.json. */
export function rewriteManifest(
  manifest: Manifest,
  spec: Pick<FrameworkSpec, 'dependencies' | 'workspaces' | 'overrides'>,
  { root }: { readonly root: boolean },
): Manifest {
  const rewritten: Record<string, unknown> = { ...manifest };
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = manifest[field] as Readonly<Record<string, string>> | undefined;
    if (!dependencies) continue;
    rewritten[field] = Object.fromEntries(
      Object.entries(dependencies).map(([name, version]) => {
        const change = spec.dependencies[name];
        return change ? [change.name ?? name, change.spec] : [name, version];
      }),
    );
  }
  if (root) {
    rewritten.workspaces = [...(manifest.workspaces ?? []), ...spec.workspaces];
    rewritten.overrides = { ...manifest.overrides, ...spec.overrides };
  }
  return rewritten;
}
