// SVG through Graphviz compiled to WebAssembly (@viz-js/viz): no `dot` binary, no network. The WebAssembly
// instance is created once per process and reused, since creating it costs more than rendering a stack.
import { instance } from '@viz-js/viz';

let viz: ReturnType<typeof instance> | undefined;

/**
 * Renders DOT text to an SVG document with the `dot` layout engine.
 *
 * @throws when Graphviz rejects the DOT, with its error messages
 */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}
