import { buildDiagramModel, drawStack, renderSvg, toDot } from '@lambda-vpc/diagram';
import { natEgress, privateLink } from './fixtures';

function count(svg: string, pattern: RegExp): number {
  return (svg.match(pattern) ?? []).length;
}

describe('renderSvg', () => {
  it('renders every model node, edge and box, with the labels', async () => {
    const model = buildDiagramModel('test-stack', natEgress());
    const svg = await renderSvg(toDot(model));
    expect(svg).toMatch(/^(<\?xml|<svg)/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('VPC 10.0.0.0/16');
    expect(svg).toContain('private 10.0.16.0/20');
    expect(svg).toContain('NAT gateway');
    expect(count(svg, /<g id="node/g)).toBe(model.nodes.length);
    // Invisible layout edges are not drawn, so the drawn edges are exactly the model's.
    expect(count(svg, /<g id="edge/g)).toBe(model.edges.length);
    const boxes = model.vpcs.reduce((sum, vpc) => sum + 1 + vpc.azs.reduce((n, az) => n + 1 + az.subnets.length, 0), 0);
    expect(count(svg, /<g id="clust/g)).toBe(boxes);
  });

  it('draws every label in Courier with the monospace fallback', async () => {
    const svg = await renderSvg(toDot(buildDiagramModel('test-stack', natEgress())));
    const families = [...svg.matchAll(/<text [^>]*font-family="([^"]*)"/g)].map((match) => match[1]);
    expect(families.length).toBe(count(svg, /<text /g));
    expect(new Set(families)).toEqual(new Set(['Courier,monospace']));
  });

  it('escapes labels for XML', async () => {
    const json = natEgress();
    json.resource.aws_vpc.vpc.tags.Name = 'a <b> & "c"';
    const svg = await renderSvg(toDot(buildDiagramModel('x', json)));
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
  });

  it('rejects DOT that Graphviz cannot read', async () => {
    await expect(renderSvg('digraph {')).rejects.toThrow();
  });
});

describe('drawStack', () => {
  it('returns DOT, SVG and Mermaid of one stack, the same on a second call', async () => {
    const first = await drawStack('link', privateLink());
    expect(first.dot.startsWith('digraph "link"')).toBe(true);
    expect(first.svg).toContain('>172.16.0.0/16</text>'); // Graphviz writes '-' as &#45;, so match a label without one
    expect(first.mermaid.startsWith('flowchart LR')).toBe(true);
    expect(await drawStack('link', privateLink())).toEqual(first);
  });
});
