// The input of a review: each side's synthesized stacks as the text a synth wrote, so a stack whose JSON did not
// change by a byte is told apart before anything is parsed or analyzed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesizedStackFiles } from '../synthesized-stacks';

/** One synthesized stack of one side of a review. */
export interface StackText {
  /** The stack's name, `<env>-<variant>`. */
  readonly stack: string;
  /** The environment app's folder under apps/ that wrote it. */
  readonly env: string;
  /** Its `cdk.tf.json`, exactly as written. */
  readonly text: string;
  /**
   * The folder that holds the JSON and the function packages it names, for the guardrails that read them.
   * @default none: those guardrails do not check the stack
   */
  readonly directory?: string;
}

/** Every stack the last synth under `<root>/apps/<env>/cdktf.out` wrote, in environment then stack order. */
export function readStackTexts(root: string): StackText[] {
  return synthesizedStackFiles(root).map(({ env, stack, file }) => ({
    stack,
    env,
    text: fs.readFileSync(file, 'utf8'),
    directory: path.dirname(file),
  }));
}
