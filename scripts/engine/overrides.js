// The override file the engine checks add to their copy of a stack folder: the provider version of the build
// in the mirror, and the entries of engine-drift.json that apply to it. The synthesized JSON is never edited:
// Terraform merges `*_override.tf.json` over it, argument by argument.
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./toolchain');

const OVERRIDE_FILE = 'engine_override.tf.json';

/** engine-drift.json, checked for the shape the checks rely on; an error names the file, the entry and the field. */
function readDrift(file = path.join(root, 'engine-drift.json')) {
  const drift = JSON.parse(fs.readFileSync(file, 'utf8'));
  const name = path.basename(file);
  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(drift.emulator) || typeof drift.emulator.name !== 'string' || typeof drift.emulator.version !== 'string') {
    throw new Error(`${name}: emulator must be { "name": ..., "version": ... }`);
  }
  if (!isObject(drift.provider) || typeof drift.provider.pinned !== 'string' || typeof drift.provider.build !== 'string') {
    throw new Error(`${name}: provider must be { "pinned": ..., "build": ... }`);
  }
  if (!Array.isArray(drift.entries)) throw new Error(`${name}: entries must be a list`);
  for (const [index, entry] of drift.entries.entries()) {
    const where = `${name} entries[${index}]`;
    if (!['provider', 'emulator'].includes(entry.source)) throw new Error(`${where}: source ${JSON.stringify(entry.source)}; allowed: provider, emulator`);
    if (!/^aws_[a-z0-9_]+$/.test(entry.resourceType ?? '')) throw new Error(`${where}: resourceType ${JSON.stringify(entry.resourceType)} is not an aws resource type`);
    if (!/^[a-z0-9_]+$/.test(entry.attribute ?? '')) throw new Error(`${where}: attribute ${JSON.stringify(entry.attribute)} is not one top-level attribute`);
    if (!(typeof entry.finding === 'string' && entry.finding.length >= 20)) throw new Error(`${where}: finding must say what differs, in a sentence`);
    const handling = entry.handling;
    const known = handling === 'ignore_changes' || (isObject(handling) && (isObject(handling.replace) || Object.hasOwn(handling, 'fixture')));
    if (!known) {
      throw new Error(`${where}: handling ${JSON.stringify(handling)}; allowed: "ignore_changes", { "replace": { from: to } } or { "fixture": value }`);
    }
    // Only the provider-version gap is met by synthesizing differently; the emulator is met by overrides.
    if (isObject(handling) && Object.hasOwn(handling, 'fixture') && entry.source !== 'provider') {
      throw new Error(`${where}: a fixture entry must have source "provider"`);
    }
  }
  return drift;
}

/**
 * The override for one stack. `providerBuild` is the hashicorp/aws version in the mirror; `emulator` says
 * whether the stack runs against the emulator (e2e), which adds the emulator's entries. Returns the override
 * document (undefined when none is needed) and one note per change, for the check's output.
 */
function stackOverrides(stackJson, { drift, providerBuild, emulator }) {
  const pinned = stackJson.terraform?.required_providers?.aws?.version;
  const override = {};
  const notes = [];
  // A stack without the AWS provider (the tfe workspaces stack) has nothing to override.
  if (pinned === undefined) return { override: undefined, notes };
  // A fixture entry is applied when the check synthesizes its input (fixtureValue), not by an override.
  const entries = drift.entries
    .filter((entry) => !Object.hasOwn(entry.handling, 'fixture'))
    .filter((entry) => entry.source === 'emulator' ? emulator : providerBuild !== pinned);
  if (providerBuild !== pinned) {
    if (providerBuild !== drift.provider.build) {
      throw new Error(`the provider in the mirror is hashicorp/aws ${providerBuild}, but engine-drift.json documents ${drift.provider.build} ` +
        `(and the stacks pin ${pinned}): check the build's gaps and update engine-drift.json`);
    }
    override.terraform = { required_providers: { aws: { source: 'hashicorp/aws', version: providerBuild } } };
    notes.push(`hashicorp/aws ${providerBuild} instead of the pinned ${pinned}`);
  }
  for (const entry of entries) {
    const resources = stackJson.resource?.[entry.resourceType] ?? {};
    const changed = [];
    for (const [name, resource] of Object.entries(resources)) {
      const target = ((override.resource ??= {})[entry.resourceType] ??= {});
      if (entry.handling === 'ignore_changes') {
        const ignored = (target[name] ??= {}).lifecycle?.ignore_changes ?? resource.lifecycle?.ignore_changes ?? [];
        target[name].lifecycle = { ...target[name].lifecycle, ignore_changes: [...new Set([...ignored, entry.attribute])] };
        changed.push(name);
      } else if (Object.hasOwn(entry.handling.replace, resource[entry.attribute])) {
        (target[name] ??= {})[entry.attribute] = entry.handling.replace[resource[entry.attribute]];
        changed.push(name);
      }
    }
    if (changed.length > 0) {
      const how = describeHandling(entry.handling);
      notes.push(`${entry.resourceType}.${entry.attribute} (${entry.source}): ${how} on ${changed.length}`);
    }
  }
  if (override.resource) {
    for (const type of Object.keys(override.resource)) if (Object.keys(override.resource[type]).length === 0) delete override.resource[type];
    if (Object.keys(override.resource).length === 0) delete override.resource;
  }
  return { override: Object.keys(override).length > 0 ? override : undefined, notes };
}

/** `changes ignored` or `nodejs22.x -> nodejs20.x`: what an entry does, for the notes. */
function describeHandling(handling) {
  if (handling === 'ignore_changes') return 'changes ignored';
  return Object.entries(handling.replace).map(([from, to]) => `${from} -> ${to}`).join(', ');
}

/**
 * The value a fixture entry gives `resourceType.attribute` when the provider build is not the pinned one:
 * for what an override file cannot do, such as supplying an argument the build requires. Undefined otherwise.
 */
function fixtureValue(drift, providerBuild, resourceType, attribute) {
  if (providerBuild === drift.provider.pinned) return undefined;
  const entry = drift.entries.find((candidate) => candidate.resourceType === resourceType && candidate.attribute === attribute &&
    candidate.source === 'provider' && Object.hasOwn(candidate.handling, 'fixture'));
  return entry?.handling.fixture;
}

/** Writes the override into a stack folder (a copy or the check's own synth output); returns its notes. */
function writeStackOverrides(stackDir, options) {
  const stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const { override, notes } = stackOverrides(stackJson, options);
  const file = path.join(stackDir, OVERRIDE_FILE);
  if (override) fs.writeFileSync(file, `${JSON.stringify(override, null, 2)}\n`);
  else fs.rmSync(file, { force: true });
  return notes;
}

/** Copies a synthesized stack folder (JSON and function zips) to `copyDir` and writes the override there. */
function copyStackWithOverrides(stackDir, copyDir, options) {
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

module.exports = { OVERRIDE_FILE, readDrift, stackOverrides, fixtureValue, writeStackOverrides, copyStackWithOverrides };
