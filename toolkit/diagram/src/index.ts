// Network diagrams of synthesized stacks: a model extracted from the Terraform JSON, with the paths reachability
// finds, drawn as Graphviz DOT, SVG (Graphviz in WebAssembly) and Mermaid.
import { ReachabilityResult } from '@lambda-vpc/reachability';
import { StackJson } from '@lambda-vpc/stack-model';
import { toDot } from './dot';
import { toMermaid } from './mermaid';
import { buildDiagramModel } from './diagram-model';
import { renderSvg } from './svg';

export * from './model';
export { buildDiagramModel } from './diagram-model';
export { dotString, toDot } from './dot';
export { mermaidId, mermaidLabel, toMermaid } from './mermaid';
export { renderSvg } from './svg';

/** The three drawings of one stack. */
export interface StackDrawing {
  /** Graphviz DOT source. */
  readonly dot: string;
  /** SVG rendered from `dot`. */
  readonly svg: string;
  /** Mermaid flowchart, for Markdown. */
  readonly mermaid: string;
}

/**
 * Draws one synthesized stack: builds its model once and renders it as DOT, SVG and Mermaid.
 *
 * @param stackName e.g. `prod-nat-egress`
 * @param json the stack's parsed `cdk.tf.json`
 * @param reachability `analyzeReachability`'s result for the same stack, when the caller already has it
 */
export async function drawStack(
  stackName: string,
  json: StackJson,
  reachability?: ReachabilityResult,
): Promise<StackDrawing> {
  const model = buildDiagramModel(stackName, json, reachability);
  const dot = toDot(model);
  return { dot, svg: await renderSvg(dot), mermaid: toMermaid(model) };
}
