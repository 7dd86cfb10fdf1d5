import { drawStack, renderSvg } from '@lambda-vpc/diagram';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { textWidth } from './font-metrics';
import { natEgress, privateLink, selfHealingNatEgress } from './fixtures';
import { labelProblems, readSvgLabels } from './svg-label-boxes';

/** One line of Courier text, centred on x, baseline y, as Graphviz writes it. */
const text = (x: number, y: number, content: string, size = 10) =>
  `<text xml:space="preserve" text-anchor="middle" x="${x}" y="${y}" font-family="Courier,monospace" ` +
  `font-size="${size}.00">${content}</text>`;
const rectangle = (left: number, top: number, right: number, bottom: number) =>
  `<polygon fill="none" stroke="black" points="${left},${top} ${right},${top} ${right},${bottom} ${left},${bottom}"/>`;
const group = (kind: 'cluster' | 'node' | 'edge', title: string, ...body: string[]) =>
  `<g id="${kind}1" class="${kind}">\n<title>${title}</title>\n${body.join('\n')}\n</g>`;
const svg = (...groups: string[]) => `<svg>\n<g id="graph0" class="graph">\n${groups.join('\n')}\n</g>\n</svg>\n`;

describe('textWidth', () => {
  it('counts 0.602 em a character in Courier,monospace, the widest of the usual monospace fonts', () => {
    expect(textWidth('tcp 443', 'Courier,monospace', 9)).toBeCloseTo(7 * 0.602 * 9, 6);
  });

  it('counts each character of Helvetica,sans-Serif at the wider of Helvetica and DejaVu Sans', () => {
    expect(textWidth('t', 'Helvetica,sans-Serif', 10)).toBeCloseTo(4.2, 6); // Helvetica 2.78, DejaVu Sans 3.92
    expect(textWidth('W', 'Helvetica,sans-Serif', 10)).toBeCloseTo(10.2, 6); // unlisted: the widest class
  });

  it('refuses a family without widths, naming it and the known ones', () => {
    expect(() => textWidth('a', 'Times,serif', 10)).toThrow(
      'no character widths for font-family "Times,serif"; known: Helvetica,sans-Serif, Courier,monospace',
    );
  });
});

describe('readSvgLabels', () => {
  it('boxes each text from its anchor, baseline and font, naming its group with entities decoded', () => {
    const { labels, shapes } = readSvgLabels(svg(group('edge', 'a&#45;&gt;b', text(100, 50, 'tcp 443', 9))));
    expect(labels).toHaveLength(1);
    expect(labels[0].text).toBe('tcp 443');
    expect(labels[0].owner).toBe('edge a->b');
    const half = (7 * 0.602 * 9) / 2;
    expect(labels[0].box.left).toBeCloseTo(100 - half, 6);
    expect(labels[0].box.right).toBeCloseTo(100 + half, 6);
    expect(labels[0].box.top).toBeCloseTo(50 - 0.78 * 9, 6);
    expect(labels[0].box.bottom).toBeCloseTo(50 + 0.24 * 9, 6);
    expect(shapes).toEqual([]);
  });
});

describe('labelProblems', () => {
  it('names two labels drawn over each other', () => {
    const drawn = svg(
      group('edge', 'a&#45;&gt;b', text(100, 50, 'tcp 443', 9)),
      group('edge', 'c&#45;&gt;d', text(120, 50, 'prefix list s3', 9)),
    );
    expect(labelProblems(drawn)).toEqual(['"tcp 443" (edge a->b) collides with "prefix list s3" (edge c->d)']);
  });

  it('finds labels of different groups closer than 2 pt; lines of one label may sit closer', () => {
    const width = 2 * 0.602 * 10; // 'ab' at 10 pt
    const pair = (gap: number) =>
      svg(group('edge', 'a', text(0, 0, 'ab')), group('edge', 'b', text(width + gap, 0, 'ab')));
    expect(labelProblems(pair(1))).toEqual(['"ab" (edge a) collides with "ab" (edge b)']);
    expect(labelProblems(pair(3))).toEqual([]);
    // Graphviz spaces the lines of one label 1.2 em apart: 1.8 pt between the boxes at 10 pt.
    expect(
      labelProblems(svg(group('node', 'n', rectangle(-20, -20, 20, 20), text(0, 0, 'ab'), text(0, 12, 'cd')))),
    ).toEqual([]);
  });

  it("finds a node's label reaching outside its outline, by how far", () => {
    const drawn = svg(group('node', 'f', rectangle(0, -20, 40, 0), text(20, -6, 'dev-private-only')));
    expect(labelProblems(drawn)).toEqual([
      `"dev-private-only" (node f) overflows its outline by ${((16 * 6.02 - 40) / 2).toFixed(1)} pt`,
    ]);
  });

  it("finds a cluster's label outside its cluster", () => {
    const drawn = svg(group('cluster', 'cluster_vpc', rectangle(0, 0, 50, 50), text(25, -5, 'ab')));
    expect(labelProblems(drawn)).toEqual(['"ab" (cluster cluster_vpc) overflows its outline by 12.8 pt']);
  });

  it('finds an edge label drawn over a node', () => {
    const drawn = svg(
      group('node', 'n', rectangle(0, 0, 40, 20), text(20, 14, 'x')),
      group('edge', 'a&#45;&gt;b', text(45, 14, 'tcp 443', 9)),
    );
    expect(labelProblems(drawn)).toEqual(['"tcp 443" (edge a->b) overlaps the outline of node n']);
  });

  it("finds the overflow of a node Graphviz sized by its Helvetica widths, which a viewer's font exceeds", async () => {
    const node = (font: string) =>
      renderSvg(
        `digraph { node [fontname="${font}", fontsize=10, shape=box]; f [label="staging-private-only-probe"] }`,
      );
    expect(labelProblems(await node('Helvetica'))).toEqual([
      expect.stringMatching(/^"staging-private-only-probe" \(node f\) overflows its outline by \d+\.\d pt$/),
    ]);
    expect(labelProblems(await node('Courier'))).toEqual([]);
  });
});

describe('the diagrams drawStack draws', () => {
  it.each([
    ['nat-egress', natEgress],
    ['privatelink', privateLink],
    ['self-healing NAT', selfHealingNatEgress],
  ])('of the %s fixture have no label over another or outside its box', async (name, fixture) => {
    const json = fixture();
    expect(labelProblems((await drawStack(name, json)).svg)).toEqual([]);
    expect(labelProblems((await drawStack(name, json, analyzeReachability(name, json))).svg)).toEqual([]);
  });
});
