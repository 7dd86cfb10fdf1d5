// Measures the labels of a Graphviz SVG: each <text> gets a box from its position, anchor, font size and the
// character widths of its font family (font-metrics.ts), never from the node sizes Graphviz computed, since those
// rest on Graphviz's own width estimate, the thing under test. Graphviz writes one group per cluster, node and
// edge (`<g id=".." class="node">`, not nested), each with a <title>, its shapes and its texts.
import { ASCENT_EM, DESCENT_EM, textWidth } from './font-metrics';

/** A rectangle in SVG user units (points), y growing downwards. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** One drawn line of text and the group that draws it. */
export interface SvgLabel {
  readonly text: string;
  /** e.g. `node aws_lambda_function.probe`, `edge a->b`, `cluster cluster_aws_vpc.vpc`, `graph`. */
  readonly owner: string;
  readonly box: Box;
}

/** A cluster or node: the bounding box of its drawn outline and the labels it must hold. */
export interface SvgShape {
  readonly owner: string;
  readonly outline: Box;
  readonly labels: readonly SvgLabel[];
}

/** Overlap or overflow below this many points is rounding, not a collision. */
const TOLERANCE = 0.5;
/** Labels of different owners closer than this read as one ("tcp 443prefix list dynamodb"). */
const MIN_GAP = 2;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? entity;
  });
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function labelsIn(body: string, owner: string): SvgLabel[] {
  return [...body.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map(([, tag, content]) => {
    const text = decode(content);
    const x = Number(attribute(tag, 'x'));
    const y = Number(attribute(tag, 'y'));
    const size = Number(attribute(tag, 'font-size') ?? 14);
    const width = textWidth(text, attribute(tag, 'font-family') ?? 'Times,serif', size);
    const anchor = attribute(tag, 'text-anchor') ?? 'start';
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    return {
      text,
      owner,
      box: { left, top: y - ASCENT_EM * size, right: left + width, bottom: y + DESCENT_EM * size },
    };
  });
}

/** The bounding box of every outline drawn in a group: polygon and polyline points, path coordinates, ellipses. */
function outlineOf(body: string): Box | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [, tag] of body.matchAll(/<(?:polygon|polyline|path)\b([^>]*)>/g))
    for (const [, x, y] of (attribute(tag, 'points') ?? attribute(tag, 'd') ?? '').matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) {
      xs.push(Number(x));
      ys.push(Number(y));
    }
  for (const [, tag] of body.matchAll(/<ellipse\b([^>]*)>/g)) {
    const [cx, cy, rx, ry] = ['cx', 'cy', 'rx', 'ry'].map((name) => Number(attribute(tag, name)));
    xs.push(cx - rx, cx + rx);
    ys.push(cy - ry, cy + ry);
  }
  if (xs.length === 0) return undefined;
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/** Every label of the SVG, and every cluster and node with its outline. */
export function readSvgLabels(svg: string): { labels: SvgLabel[]; shapes: SvgShape[] } {
  const labels: SvgLabel[] = [];
  const shapes: SvgShape[] = [];
  const groups = /<g id="[^"]*" class="(cluster|node|edge)">([\s\S]*?)<\/g>/g;
  for (const [, kind, body] of svg.matchAll(groups)) {
    const owner = `${kind} ${decode(/<title>([^<]*)<\/title>/.exec(body)?.[1] ?? '?')}`;
    const own = labelsIn(body, owner);
    labels.push(...own);
    const outline = kind === 'edge' ? undefined : outlineOf(body);
    if (outline) shapes.push({ owner, outline, labels: own });
  }
  labels.push(...labelsIn(svg.replace(groups, ''), 'graph'));
  return { labels, shapes };
}

/** Whether two boxes come closer than `gap` (overlap by more than `-gap`) in both directions. */
const closer = (a: Box, b: Box, gap: number): boolean =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > -gap &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > -gap;

const inside = (inner: Box, outer: Box): boolean =>
  inner.left >= outer.left - TOLERANCE &&
  inner.right <= outer.right + TOLERANCE &&
  inner.top >= outer.top - TOLERANCE &&
  inner.bottom <= outer.bottom + TOLERANCE;

const named = (label: SvgLabel) => `"${label.text}" (${label.owner})`;

/**
 * What is wrong with the labels of a diagram, one line each: two labels that collide (overlap, or come within
 * 2 pt of each other, too close to read apart; the lines of one label may sit closer), an edge label over a node,
 * and a node's or cluster's label reaching outside its outline (by how many points).
 */
export function labelProblems(svg: string): string[] {
  const { labels, shapes } = readSvgLabels(svg);
  const problems: string[] = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const gap = labels[i].owner === labels[j].owner ? -TOLERANCE : MIN_GAP;
      if (closer(labels[i].box, labels[j].box, gap))
        problems.push(`${named(labels[i])} collides with ${named(labels[j])}`);
    }
  const nodes = shapes.filter((shape) => shape.owner.startsWith('node '));
  for (const label of labels.filter((label) => label.owner.startsWith('edge ')))
    for (const node of nodes.filter((node) => closer(label.box, node.outline, -TOLERANCE)))
      problems.push(`${named(label)} overlaps the outline of ${node.owner}`);
  for (const shape of shapes)
    for (const label of shape.labels.filter((label) => !inside(label.box, shape.outline))) {
      const by = Math.max(
        shape.outline.left - label.box.left,
        label.box.right - shape.outline.right,
        shape.outline.top - label.box.top,
        label.box.bottom - shape.outline.bottom,
      );
      problems.push(`${named(label)} overflows its outline by ${by.toFixed(1)} pt`);
    }
  return problems;
}
