// The `s3` state backend of an environment, as the stacks synthesize it for AWS, sent to the emulator's S3. Emulator
// mode always writes a local backend (emulator state must never mix with a stack's real state), so a check of the
// `s3` backend itself adds an override file with the block a normal synth wrote, plus only what connects it to the
// emulator: the endpoint, path-style addressing and fake credentials that skip AWS's own checks.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The override file's name in a stack folder (Terraform reads `*_override.tf.json` after the stack's JSON). */
export const BACKEND_OVERRIDE_FILE = 'backend_override.tf.json';

/** The arguments of an `s3` backend block the checks read; the block may hold more. */
export interface S3BackendBlock {
  /** The state bucket. */
  readonly bucket: string;
  /** The state object's key; its lock file is `<key>.tflock`. */
  readonly key: string;
  /** The bucket's region. */
  readonly region: string;
  /** Whether Terraform locks the state with an S3 lock file. @default false */
  readonly use_lockfile?: boolean;
  /** Any other argument (encrypt, kms_key_id, ...). */
  readonly [argument: string]: unknown;
}

/** The `terraform.backend.s3` block of a synthesized stack; throws naming the file when it has another backend. */
export function synthesizedS3Backend(stackJsonFile: string): S3BackendBlock {
  const json = JSON.parse(fs.readFileSync(stackJsonFile, 'utf8')) as {
    terraform?: { backend?: Record<string, S3BackendBlock> };
  };
  const backend = json.terraform?.backend ?? {};
  if (backend.s3 === undefined)
    throw new Error(`${stackJsonFile}: backend ${Object.keys(backend).join(', ') || 'none'}; expected s3`);
  return backend.s3;
}

/**
 * `block` pointed at the emulator at `endpoint`: every argument of the synthesized block kept (bucket, key, region,
 * encrypt, use_lockfile), plus the endpoint, path-style addressing and fake credentials; a KMS key is dropped, as
 * the emulator's S3 has none of the account's keys.
 */
export function emulatorS3Backend(block: S3BackendBlock, endpoint: string): Record<string, unknown> {
  const { kms_key_id: _kmsKeyId, ...kept } = block;
  return {
    ...kept,
    endpoints: { s3: endpoint },
    use_path_style: true,
    access_key: 'emulator',
    secret_key: 'emulator',
    skip_credentials_validation: true,
    skip_region_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
  };
}

/** Writes {@link BACKEND_OVERRIDE_FILE} into `stackDir`: the `s3` backend `block`, sent to the emulator. */
export function writeS3BackendOverride(stackDir: string, block: S3BackendBlock, endpoint: string): void {
  const override = { terraform: { backend: { s3: emulatorS3Backend(block, endpoint) } } };
  fs.writeFileSync(path.join(stackDir, BACKEND_OVERRIDE_FILE), `${JSON.stringify(override, null, 2)}\n`);
}
