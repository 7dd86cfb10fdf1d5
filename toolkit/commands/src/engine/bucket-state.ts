// A stack's state as the `s3` backend keeps it in the emulator's bucket, read directly (not through the engine), so
// the checks can tell a whole state from a torn one: it parses, and it holds every resource the stack declares.
import { getObject } from './emulator-requests';
import type { S3BackendBlock } from './s3-backend-override';

/** What the checks read from a state object. */
export interface BucketState {
  /** The state's serial: every write of a changed state raises it. */
  readonly serial: number;
  /** The state's lineage. */
  readonly lineage: string;
  /** The managed resources (`type.name`) that have instances. */
  readonly managed: readonly string[];
  /** Each managed resource's instances' attributes, by `type.name`. */
  readonly attributes: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

interface StateJson {
  readonly serial: number;
  readonly lineage: string;
  readonly resources?: {
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly instances?: { readonly attributes?: Record<string, unknown> }[];
  }[];
}

/**
 * The state object of `backend` on the emulator at `endpoint`; `undefined` when there is none. Throws, naming the
 * key, when the object is not a Terraform state.
 */
export async function readBucketState(endpoint: string, backend: S3BackendBlock): Promise<BucketState | undefined> {
  const { status, body } = await getObject(endpoint, backend.region, backend.bucket, backend.key);
  if (status === 404) return undefined;
  if (status !== 200) throw new Error(`s3://${backend.bucket}/${backend.key}: HTTP ${status} ${body.slice(0, 200)}`);
  let state: StateJson;
  try {
    state = JSON.parse(body) as StateJson;
  } catch (error) {
    throw new Error(`s3://${backend.bucket}/${backend.key} does not parse as JSON: ${(error as Error).message}`);
  }
  if (typeof state.serial !== 'number' || typeof state.lineage !== 'string')
    throw new Error(`s3://${backend.bucket}/${backend.key} is not a Terraform state (no serial or lineage)`);
  const managed = (state.resources ?? []).filter(
    (resource) => resource.mode === 'managed' && (resource.instances ?? []).length > 0,
  );
  return {
    serial: state.serial,
    lineage: state.lineage,
    managed: managed.map((resource) => `${resource.type}.${resource.name}`),
    attributes: Object.fromEntries(
      managed.map((resource) => [
        `${resource.type}.${resource.name}`,
        (resource.instances ?? []).map((instance) => instance.attributes ?? {}),
      ]),
    ),
  };
}

/**
 * What `declared` (the stack's addresses: `addressesOf` of the address ledger) holds that `state` lacks, and what
 * `state` holds that `declared` lacks.
 */
export function stateDifference(
  declared: readonly string[],
  state: BucketState,
): { readonly missing: string[]; readonly extra: string[] } {
  return {
    missing: declared.filter((address) => !state.managed.includes(address)),
    extra: state.managed.filter((address) => !declared.includes(address)),
  };
}
