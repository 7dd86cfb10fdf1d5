// The copies of the stacks checkov reads. Its terraform_json parser (3.3.30) reads every top-level block but
// resource, data, provider and locals as `{ <label>: { ... } }`, so a block without a label, such as the `moved`
// list a renamed rule writes, fails the whole file ("this method receives only dicts"): checkov then runs no check
// on the stack and still exits 0. These blocks only move, import or forget state addresses and configure no
// resource, so the copies leave them out and checkov reads every resource the stack declares.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SynthesizedStack } from '../synthesized-stacks';

/** Top-level Terraform blocks without labels: checkov cannot parse them, and they configure no resource. */
export const UNLABELLED_BLOCK_TYPES: readonly string[] = ['moved', 'import', 'removed'];

/** The stack's Terraform JSON without its unlabelled blocks; the stack itself is left as it is. */
export function checkovInput(config: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).filter(([blockType]) => !UNLABELLED_BLOCK_TYPES.includes(blockType)),
  );
}

/**
 * Writes each stack's checkov input to `<dir>/<stack>/cdk.tf.json`, so the stack's name is still the file's folder in
 * checkov's report, and returns the files written, in the order given.
 */
export function writeCheckovInputs(stacks: readonly SynthesizedStack[], dir: string): string[] {
  return stacks.map(({ stack, file }) => {
    const input = path.join(dir, stack, 'cdk.tf.json');
    fs.mkdirSync(path.dirname(input), { recursive: true });
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(input, `${JSON.stringify(checkovInput(config), null, 2)}\n`);
    return input;
  });
}
