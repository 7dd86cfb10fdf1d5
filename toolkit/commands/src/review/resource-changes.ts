// What a change does to a stack's Terraform JSON, by address: the resources (and data sources) added, changed and
// removed, and the other top-level blocks (provider, outputs, backend) that differ. Read from the JSON alone, as a
// reviewer reads a plan before there is one.
import type { StackJson } from '@lambda-vpc/stack-model';

/** The addresses that differ between two versions of a stack, each list sorted. */
export interface ResourceChanges {
  /** `type.name` (`data.type.name` for a data source) only in the new version. */
  readonly added: readonly string[];
  /** In both versions, with a different body. */
  readonly changed: readonly string[];
  /** Only in the old version. */
  readonly removed: readonly string[];
  /** Other blocks that differ, as `<block>.<key>` (`provider.aws`, `output.vpc_id`, `terraform.backend`). */
  readonly otherBlocks: readonly string[];
}

type Blocks = Readonly<Record<string, unknown>>;

/** Every resource and data source body by its Terraform address. */
function bodies(json: StackJson | undefined): Map<string, string> {
  const all = new Map<string, string>();
  const document = (json ?? {}) as Readonly<Record<string, unknown>>;
  for (const [prefix, block] of [
    ['', document.resource],
    ['data.', document.data],
  ] as const) {
    for (const [type, byName] of Object.entries((block ?? {}) as Record<string, Blocks>)) {
      for (const [name, body] of Object.entries(byName)) all.set(`${prefix}${type}.${name}`, JSON.stringify(body));
    }
  }
  return all;
}

/** The second-level keys of every other top-level block, with their JSON. */
function otherBlocks(json: StackJson | undefined): Map<string, string> {
  const all = new Map<string, string>();
  for (const [block, value] of Object.entries((json ?? {}) as Blocks)) {
    if (block === 'resource' || block === 'data') continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      all.set(block, JSON.stringify(value));
      continue;
    }
    for (const [key, inner] of Object.entries(value)) all.set(`${block}.${key}`, JSON.stringify(inner));
  }
  return all;
}

/** The keys only in `after`, in both with different values, and only in `before`. */
function difference(before: Map<string, string>, after: Map<string, string>) {
  const sorted = (keys: Iterable<string>) => [...keys].sort();
  return {
    added: sorted([...after.keys()].filter((key) => !before.has(key))),
    changed: sorted([...after.keys()].filter((key) => before.has(key) && before.get(key) !== after.get(key))),
    removed: sorted([...before.keys()].filter((key) => !after.has(key))),
  };
}

/** The resources added, changed and removed from `before` to `after`; a stack missing on one side has none there. */
export function resourceChanges(before: StackJson | undefined, after: StackJson | undefined): ResourceChanges {
  const others = difference(otherBlocks(before), otherBlocks(after));
  return {
    ...difference(bodies(before), bodies(after)),
    otherBlocks: [...others.added, ...others.changed, ...others.removed].sort(),
  };
}

/** Whether anything differs. */
export function hasResourceChanges(changes: ResourceChanges): boolean {
  return [changes.added, changes.changed, changes.removed, changes.otherBlocks].some((list) => list.length > 0);
}
