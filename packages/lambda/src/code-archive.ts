import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import type { ISynthesisSession } from 'cdktf';
// The hook TerraformAsset itself uses to write files beside the stack's JSON; cdktf is pinned.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';

/** Props of a {@link CodeArchive}. */
export interface CodeArchiveProps {
  /** The zip's bytes, e.g. from `deterministicZip`. */
  readonly zip: Buffer;
}

/**
 * A zip built in-process at construction and written into the stack folder at synthesis,
 * at `assets/<construct>/<sha256>/archive.zip`.
 *
 * cdktf's `TerraformAsset` ARCHIVE starts a Node process per asset (about 0.2 s each) and embeds
 * file times, so its zip changes on every rebuild. A zip from `deterministicZip` is reproducible, which makes its
 * SHA-256 the function's `source_code_hash` as it is: the same value Lambda reports as `CodeSha256`.
 */
export class CodeArchive extends Construct {
  /** Path of the zip relative to the stack folder, for `filename`. */
  public readonly path: string;
  /** Base64 SHA-256 of the zip, as `filebase64sha256` would compute it. */
  public readonly sha256Base64: string;

  constructor(scope: Construct, id: string, props: CodeArchiveProps) {
    super(scope, id);
    const zip = props.zip;
    const digest = crypto.createHash('sha256').update(zip).digest();
    this.sha256Base64 = digest.toString('base64');
    const stack = TerraformStack.of(this);
    const folder = path.posix.join('assets', stack.getLogicalId(this.node));
    this.path = path.posix.join(folder, digest.toString('hex'), 'archive.zip');
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const stackFolder = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        // Older versions of this archive in a reused output folder would otherwise pile up.
        fs.rmSync(path.join(stackFolder, folder), { recursive: true, force: true });
        fs.mkdirSync(path.dirname(path.join(stackFolder, this.path)), { recursive: true });
        fs.writeFileSync(path.join(stackFolder, this.path), zip);
      },
    });
  }
}
