// A protected stack (protectFromDestroy: true) against a destroy: refused at plan by prevent_destroy, and proven to
// have deleted nothing (the engine's state list, the state object in the bucket and every object the emulator holds
// unchanged, the DynamoDB table still there with deletion protection); then, after the README's teardown, proven
// gone (an empty state, the table no longer found).
import { readBucketState } from './bucket-state';
import { emulatorInventory } from './emulator-inventory';
import { describeTable, getObject } from './emulator-requests';
import { CheckFailure, lockKey, LockCheckContext } from './lock-contention';
import { engineErrors } from './run-engine';

/** The `prevent_destroy` resources a refused destroy names, in the order it names them. */
export function preventDestroyRefusals(output: string): string[] {
  const named = [...output.matchAll(/Resource (\S+) has lifecycle\.prevent_destroy set/g)].map((match) => match[1]);
  return [...new Set(named)];
}

/** The name of the stack's DynamoDB table, from the state; throws when the state has none. */
async function tableName(context: LockCheckContext): Promise<string> {
  const state = await readBucketState(context.endpoint, context.backend);
  const address = state?.managed.find((resource) => resource.startsWith('aws_dynamodb_table.'));
  const name = address === undefined ? undefined : state?.attributes[address][0]?.name;
  if (typeof name !== 'string') throw new CheckFailure('the state holds no aws_dynamodb_table');
  return name;
}

/** The engine's `state list` in the first copy. */
async function stateList(context: LockCheckContext, name: string): Promise<string[]> {
  const run = await context.engine('first', name, ['state', 'list']);
  if (run.code !== 0) throw new CheckFailure(`state list exited ${run.code}:\n${engineErrors(run.output)}`);
  return run.output.split('\n').filter((line) => /^[\w.]+\S*$/.test(line.trim()));
}

/**
 * `plan -destroy` and `destroy -auto-approve` in the first copy must both fail at prevent_destroy; the state list,
 * the state object (serial, lineage, resources) and the emulator's object counts must be as before, and the table
 * still ACTIVE with deletion protection. Resolves to the line the step prints; throws a {@link CheckFailure}.
 */
export async function destroyRefused(context: LockCheckContext): Promise<string> {
  const table = await tableName(context);
  const listBefore = await stateList(context, 'state list before');
  const stateBefore = await readBucketState(context.endpoint, context.backend);
  if (stateBefore === undefined) throw new CheckFailure('the state object is missing before the destroy');
  const before = await emulatorInventory(context.endpoint, context.backend.region, stateBefore);
  if (before.missing.length > 0)
    throw new CheckFailure(`before the destroy, the emulator lacks ${before.missing.join(', ')}`);
  const refusals: string[] = [];
  for (const [name, args] of [
    ['plan -destroy', ['plan', '-destroy', '-input=false']],
    ['destroy', ['destroy', '-auto-approve', '-input=false']],
  ] as const) {
    const run = await context.engine('first', name, args);
    const named = preventDestroyRefusals(run.output);
    if (run.code === 0 || named.length === 0)
      throw new CheckFailure(
        `protectFromDestroy is on, but ${name} exited ${run.code} without stopping at prevent_destroy:\n` +
          engineErrors(run.output),
      );
    if (/Destruction complete|Destroying\.\.\./.test(run.output)) throw new CheckFailure(`${name} destroyed something`);
    refusals.push(...named.filter((address) => !refusals.includes(address)));
  }
  const listAfter = await stateList(context, 'state list after');
  const stateAfter = await readBucketState(context.endpoint, context.backend);
  const after = await emulatorInventory(context.endpoint, context.backend.region, stateBefore);
  const changed = [
    listAfter.join('\n') === listBefore.join('\n') ? '' : `state list (${listBefore.length} -> ${listAfter.length})`,
    stateAfter?.serial === stateBefore?.serial && stateAfter?.lineage === stateBefore?.lineage
      ? ''
      : `state serial (${stateBefore?.serial} -> ${stateAfter?.serial})`,
    after.missing.length === 0 ? '' : `the emulator, which lacks ${after.missing.join(', ')}`,
  ].filter(Boolean);
  if (changed.length > 0) throw new CheckFailure(`the refused destroy changed ${changed.join(', ')}`);
  const { status, body } = await describeTable(context.endpoint, context.backend.region, table);
  const described = (status === 200 ? JSON.parse(body) : {}) as {
    Table?: { TableStatus?: string; DeletionProtectionEnabled?: boolean };
  };
  if (described.Table?.TableStatus !== 'ACTIVE' || described.Table.DeletionProtectionEnabled !== true)
    throw new CheckFailure(`after the refused destroy, DescribeTable ${table}: HTTP ${status} ${body.slice(0, 200)}`);
  return (
    `plan -destroy and destroy -auto-approve refused at prevent_destroy (${refusals.join(', ')}); unchanged: ` +
    `state list (${listAfter.length} addresses), state serial ${stateAfter?.serial}; all ${after.found.length} ` +
    `resources looked up through their APIs still there; table ${table} ACTIVE with deletion protection`
  );
}

/**
 * `destroy -auto-approve` in the first copy (protection off, applied) must empty the state, the table must be gone
 * and no lock file left. Resolves to the line the step prints; throws a {@link CheckFailure}.
 */
export async function destroyedToEmpty(context: LockCheckContext): Promise<string> {
  const table = await tableName(context);
  const before = await readBucketState(context.endpoint, context.backend);
  const run = await context.engine('first', 'destroy', ['destroy', '-auto-approve', '-input=false']);
  if (run.code !== 0) throw new CheckFailure(`destroy exited ${run.code}:\n${engineErrors(run.output)}`);
  const state = await readBucketState(context.endpoint, context.backend);
  if (state === undefined || state.managed.length > 0)
    throw new CheckFailure(`after destroy the state holds ${state?.managed.join(', ') ?? 'nothing: it is missing'}`);
  const { status, body } = await describeTable(context.endpoint, context.backend.region, table);
  if (status !== 400 || !body.includes('ResourceNotFoundException'))
    throw new CheckFailure(`after destroy, DescribeTable ${table}: HTTP ${status}, expected ResourceNotFoundException`);
  const left = await emulatorInventory(context.endpoint, context.backend.region, before!);
  if (left.found.length > 0) throw new CheckFailure(`after destroy, the emulator still holds ${left.found.join(', ')}`);
  const lock = await getObject(
    context.endpoint,
    context.backend.region,
    context.backend.bucket,
    lockKey(context.backend),
  );
  if (lock.status !== 404) throw new CheckFailure('a lock file is left after destroy');
  return (
    `destroyed: state serial ${state.serial} with 0 resources; none of the ${left.missing.length} resources looked ` +
    `up is found, table ${table} included; no lock file left`
  );
}
