// The override file the engine checks add to their copy of a stack folder: the provider version of the build
// in the mirror, and the entries of engine-drift.json that apply to it. The synthesized JSON is never edited:
// Terraform merges `*_override.tf.json` over it, argument by argument.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot as root } from '../repository-root';

/** The override file's name in a stack folder. */
export const OVERRIDE_FILE = 'engine_override.tf.json';

/**
 * How an entry meets its finding: ignore the attribute's changes, unset it (null in the override, for an argument the
 * emulator cannot take at all), replace values, or synthesize with a fixture.
 */
export type DriftHandling =
  'ignore_changes' | 'unset' | { readonly replace: Readonly<Record<string, unknown>> } | { readonly fixture: unknown };

/** One attribute of one resource type where the engine checks differ from AWS with the pinned provider. */
export interface DriftEntry {
  /** What differs: the provider build in the mirror, or the emulator. */
  readonly source: 'provider' | 'emulator';
  /** The resource type, `aws_...`. */
  readonly resourceType: string;
  /** One top-level attribute of it. */
  readonly attribute: string;
  /** What differs, in a sentence. */
  readonly finding: string;
  /** How the checks meet it. */
  readonly handling: DriftHandling;
}

/** engine-drift.json. */
export interface EngineDrift {
  /** The emulator the findings are about. */
  readonly emulator: { readonly name: string; readonly version: string };
  /** The hashicorp/aws version the stacks pin, and the build the findings are about. */
  readonly provider: { readonly pinned: string; readonly build: string };
  /** Every finding. */
  readonly entries: readonly DriftEntry[];
}

/** What an override is made for. */
export interface OverrideOptions {
  /** engine-drift.json, read by {@link readDrift}. */
  readonly drift: EngineDrift;
  /** The hashicorp/aws version in the mirror. */
  readonly providerBuild: string;
  /** Whether the stack runs against the emulator (e2e), which adds the emulator's entries. */
  readonly emulator: boolean;
}

/** A resource's arguments as synthesized, or as an override sets them. */
export interface ResourceArguments {
  /** Its lifecycle block. @default none */
  readonly lifecycle?: { readonly ignore_changes?: readonly string[] };
  /** Any other argument. */
  readonly [argument: string]: unknown;
}

/** The parts of a synthesized stack the engine checks read. */
export interface EngineStackJson {
  /** The terraform block: the providers it requires. */
  readonly terraform?: {
    readonly required_providers?: Record<string, { readonly source?: string; readonly version?: string }>;
  };
  /** Resources by type, then by name. */
  readonly resource?: Record<string, Record<string, ResourceArguments>>;
}

/** The content of an override file. */
export interface StackOverride {
  /** The provider build in place of the pinned version. @default the pin stands */
  readonly terraform?: {
    readonly required_providers: { readonly aws: { readonly source: string; readonly version: string } };
  };
  /** Per resource type and name, the arguments that replace the stack's. @default none */
  readonly resource?: Record<string, Record<string, ResourceArguments>>;
}

/** The override of one stack, and one note per change for the check's output. */
export interface StackOverrides {
  /** The override file's content; undefined when none is needed. */
  readonly override: StackOverride | undefined;
  /** What it changes, one line each. */
  readonly notes: string[];
}

const isFixture = (handling: DriftHandling): handling is { readonly fixture: unknown } =>
  typeof handling === 'object' && Object.hasOwn(handling, 'fixture');

/** engine-drift.json, checked for the shape the checks rely on; an error names the file, the entry and the field. */
export function readDrift(file = path.join(root, 'engine-drift.json')): EngineDrift {
  const drift = JSON.parse(fs.readFileSync(file, 'utf8'));
  const name = path.basename(file);
  const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (
    !isObject(drift.emulator) ||
    typeof drift.emulator.name !== 'string' ||
    typeof drift.emulator.version !== 'string'
  ) {
    throw new Error(`${name}: emulator must be { "name": ..., "version": ... }`);
  }
  if (
    !isObject(drift.provider) ||
    typeof drift.provider.pinned !== 'string' ||
    typeof drift.provider.build !== 'string'
  ) {
    throw new Error(`${name}: provider must be { "pinned": ..., "build": ... }`);
  }
  if (!Array.isArray(drift.entries)) throw new Error(`${name}: entries must be a list`);
  for (const [index, entry] of (drift.entries as Record<string, unknown>[]).entries()) {
    const where = `${name} entries[${index}]`;
    if (!['provider', 'emulator'].includes(entry.source as string))
      throw new Error(`${where}: source ${JSON.stringify(entry.source)}; allowed: provider, emulator`);
    if (!/^aws_[a-z0-9_]+$/.test((entry.resourceType as string | undefined) ?? ''))
      throw new Error(`${where}: resourceType ${JSON.stringify(entry.resourceType)} is not an aws resource type`);
    if (!/^[a-z0-9_]+$/.test((entry.attribute as string | undefined) ?? ''))
      throw new Error(`${where}: attribute ${JSON.stringify(entry.attribute)} is not one top-level attribute`);
    if (!(typeof entry.finding === 'string' && entry.finding.length >= 20))
      throw new Error(`${where}: finding must say what differs, in a sentence`);
    const handling = entry.handling;
    const known =
      handling === 'ignore_changes' ||
      handling === 'unset' ||
      (isObject(handling) && (isObject(handling.replace) || Object.hasOwn(handling, 'fixture')));
    if (!known) {
      throw new Error(
        `${where}: handling ${JSON.stringify(handling)}; allowed: "ignore_changes", "unset", ` +
          `{ "replace": { from: to } } or { "fixture": value }`,
      );
    }
    // Only the provider-version gap is met by synthesizing differently; the emulator is met by overrides.
    if (isObject(handling) && Object.hasOwn(handling, 'fixture') && entry.source !== 'provider') {
      throw new Error(`${where}: a fixture entry must have source "provider"`);
    }
  }
  return drift as EngineDrift;
}

/**
 * The override for one stack. `providerBuild` is the hashicorp/aws version in the mirror; `emulator` says
 * whether the stack runs against the emulator (e2e), which adds the emulator's entries. Returns the override
 * document (undefined when none is needed) and one note per change, for the check's output.
 */
export function stackOverrides(
  stackJson: EngineStackJson,
  { drift, providerBuild, emulator }: OverrideOptions,
): StackOverrides {
  const pinned = stackJson.terraform?.required_providers?.aws?.version;
  const override: {
    terraform?: StackOverride['terraform'];
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  } = {};
  const notes: string[] = [];
  // A stack without the AWS provider (the tfe workspaces stack) has nothing to override.
  if (pinned === undefined) return { override: undefined, notes };
  // A fixture entry is applied when the check synthesizes its input (fixtureValue), not by an override.
  const entries = drift.entries
    .filter((entry) => !isFixture(entry.handling))
    .filter((entry) => (entry.source === 'emulator' ? emulator : providerBuild !== pinned));
  if (providerBuild !== pinned) {
    if (providerBuild !== drift.provider.build) {
      throw new Error(
        `the provider in the mirror is hashicorp/aws ${providerBuild}, but engine-drift.json documents ` +
          `${drift.provider.build} ` +
          `(and the stacks pin ${pinned}): check the build's gaps and update engine-drift.json`,
      );
    }
    override.terraform = { required_providers: { aws: { source: 'hashicorp/aws', version: providerBuild } } };
    notes.push(`hashicorp/aws ${providerBuild} instead of the pinned ${pinned}`);
  }
  for (const entry of entries) {
    const resources = stackJson.resource?.[entry.resourceType] ?? {};
    const changed: string[] = [];
    for (const [name, resource] of Object.entries(resources)) {
      const target = ((override.resource ??= {})[entry.resourceType] ??= {});
      const { handling } = entry;
      if (handling === 'ignore_changes') {
        const body = (target[name] ??= {}) as { lifecycle?: { ignore_changes?: readonly string[] } };
        const ignored = body.lifecycle?.ignore_changes ?? resource.lifecycle?.ignore_changes ?? [];
        body.lifecycle = { ...body.lifecycle, ignore_changes: [...new Set([...ignored, entry.attribute])] };
        changed.push(name);
      } else if (handling === 'unset') {
        // Null in an override file unsets the argument: the resource is created as if it were never written.
        if (resource[entry.attribute] === undefined) continue;
        (target[name] ??= {})[entry.attribute] = null;
        changed.push(name);
      } else if ('replace' in handling && Object.hasOwn(handling.replace, String(resource[entry.attribute]))) {
        (target[name] ??= {})[entry.attribute] = handling.replace[String(resource[entry.attribute])];
        changed.push(name);
      }
    }
    if (changed.length > 0) {
      const how = describeHandling(entry.handling);
      notes.push(`${entry.resourceType}.${entry.attribute} (${entry.source}): ${how} on ${changed.length}`);
    }
  }
  if (override.resource) {
    for (const type of Object.keys(override.resource))
      if (Object.keys(override.resource[type]).length === 0) delete override.resource[type];
    if (Object.keys(override.resource).length === 0) delete override.resource;
  }
  return { override: Object.keys(override).length > 0 ? override : undefined, notes };
}

/** `changes ignored`, `unset` or `nodejs22.x -> nodejs20.x`: what an entry does, for the notes. */
function describeHandling(handling: DriftHandling): string {
  if (handling === 'ignore_changes') return 'changes ignored';
  if (handling === 'unset') return 'unset';
  return 'replace' in handling
    ? Object.entries(handling.replace)
        .map(([from, to]) => `${from} -> ${to}`)
        .join(', ')
    : '';
}

/**
 * The value a fixture entry gives `resourceType.attribute` when the provider build is not the pinned one:
 * for what an override file cannot do, such as supplying an argument the build requires. Undefined otherwise.
 */
export function fixtureValue(
  drift: EngineDrift,
  providerBuild: string,
  resourceType: string,
  attribute: string,
): unknown {
  if (providerBuild === drift.provider.pinned) return undefined;
  const entry = drift.entries.find(
    (candidate) =>
      candidate.resourceType === resourceType &&
      candidate.attribute === attribute &&
      candidate.source === 'provider' &&
      isFixture(candidate.handling),
  );
  return entry && isFixture(entry.handling) ? entry.handling.fixture : undefined;
}

/** Writes the override into a stack folder (a copy or the check's own synth output); returns its notes. */
export function writeStackOverrides(stackDir: string, options: OverrideOptions): string[] {
  const stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as EngineStackJson;
  const { override, notes } = stackOverrides(stackJson, options);
  const file = path.join(stackDir, OVERRIDE_FILE);
  if (override) fs.writeFileSync(file, `${JSON.stringify(override, null, 2)}\n`);
  else fs.rmSync(file, { force: true });
  return notes;
}

/** Copies a synthesized stack folder (JSON and function zips) to `copyDir` and writes the override there. */
export function copyStackWithOverrides(stackDir: string, copyDir: string, options: OverrideOptions): string[] {
  fs.rmSync(copyDir, { recursive: true, force: true });
  fs.mkdirSync(copyDir, { recursive: true });
  for (const entry of fs.readdirSync(stackDir)) {
    // Engine leftovers of a deploy from the original folder: its providers, its lock file (which records the
    // pinned version, not the build) and its state.
    if (entry === '.terraform' || entry === '.terraform.lock.hcl' || /\.tfstate(\.backup)?$/.test(entry)) continue;
    fs.cpSync(path.join(stackDir, entry), path.join(copyDir, entry), { recursive: true });
  }
  return writeStackOverrides(copyDir, options);
}
