// Graphviz DOT for a network model: nested clusters VPC > AZ > subnet (one box per tier), nodes inside them,
// then every edge. All nodes are declared inside their clusters before any edge mentions them, because
// Graphviz places a node in the first (sub)graph that names it.
import { DiagramNode, DiagramModel, NodeKind } from './model';
import { EDGE_COLOR, NODE_FILL, nodesByBox, OTHER_TIER_FILL, TIER_FILL, title } from './style';

/** A DOT quoted string; `\n` in the text becomes a centred line break. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const NODE_SHAPE: Record<NodeKind, string> = {
  internet: 'ellipse',
  'on-premises': 'folder',
  'internet-gateway': 'box',
  'nat-gateway': 'box',
  'nat-instance': 'box3d',
  'nat-instance-group': 'box3d',
  'route-target': 'box',
  'route-table': 'note',
  'gateway-endpoint': 'cds',
  'interface-endpoint': 'box',
  'resolver-endpoint': 'box',
  'private-hosted-zone': 'tab',
  function: 'box',
};

/**
 * Every label's font. Graphviz sizes nodes and places edge labels by its own width table for the font named, but a
 * viewer draws the SVG with whatever font it has for the family: for Helvetica that is often DejaVu Sans, wider in
 * most letters, so function names overflowed their boxes and edge labels ran into each other. Monospace fonts
 * agree on 0.6 em per character, so Graphviz's widths hold in every viewer; Graphviz writes `Courier,monospace`.
 */
const FONT = 'Courier';

function nodeLine(node: DiagramNode, indent: string): string {
  const style = node.kind === 'function' || node.kind === 'internet-gateway' ? 'rounded,filled' : 'filled';
  return (
    `${indent}${dotString(node.id)} [label=${dotString(node.label)}, shape=${NODE_SHAPE[node.kind]}, ` +
    `style=${dotString(style)}, fillcolor=${dotString(NODE_FILL[node.kind])}];`
  );
}

/**
 * Renders a model as a Graphviz DOT digraph laid out bottom to top, like an AWS architecture diagram: AZs side
 * by side, private tiers below public ones, the internet on top; routes solid, allowed paths dashed (labelled
 * `tcp 443`), invoke grants bold, attachments dotted.
 *
 * @returns DOT text; the same model always gives the same text
 */
export function toDot(model: DiagramModel): string {
  const byBox = nodesByBox(model);
  const lines: string[] = [
    `digraph ${dotString(model.stackName)} {`,
    `  graph [label=${dotString(title(model))}, labelloc=t, fontname="${FONT}", fontsize=14, rankdir=BT, ` +
      `nodesep=0.25, ranksep=0.6];`,
    `  node [fontname="${FONT}", fontsize=10];`,
    `  edge [fontname="${FONT}", fontsize=9];`,
  ];
  const nodes = (box: string, indent: string) =>
    (byBox.get(box) ?? []).forEach((node) => lines.push(nodeLine(node, indent)));
  // rankdir=BT flips clusters vertically, so labelloc=b is what puts each box's label at its top.
  for (const vpc of model.vpcs) {
    lines.push(`  subgraph ${dotString(`cluster_${vpc.id}`)} {`);
    lines.push(
      `    label=${dotString(`VPC ${vpc.cidr}\n${vpc.name}`)}; style="rounded"; color="#2e7d32"; penwidth=2; ` +
        `labelloc=b;`,
    );
    for (const az of vpc.azs) {
      lines.push(`    subgraph ${dotString(`cluster_${az.id}`)} {`);
      lines.push(`      label=${dotString(az.name)}; style="dashed"; color="#757575"; labelloc=b;`);
      for (const subnet of az.subnets) {
        lines.push(`      subgraph ${dotString(`cluster_${subnet.id}`)} {`);
        const fill = TIER_FILL[subnet.tier] ?? OTHER_TIER_FILL;
        lines.push(
          `        label=${dotString(`${subnet.tier} ${subnet.cidr}`)}; style="filled,rounded"; ` +
            `fillcolor=${dotString(fill)}; color="#9e9e9e"; labelloc=b;`,
        );
        nodes(subnet.id, '        ');
        lines.push('      }');
      }
      nodes(az.id, '      ');
      lines.push('    }');
    }
    nodes(vpc.id, '    ');
    lines.push('  }');
  }
  nodes('', '  ');
  // Invisible edges stack each AZ's tiers like an AWS diagram (public on top, then private, then isolated): a
  // subnet with no route to the tier above would otherwise sit beside it, since only edges decide the layers.
  for (const az of model.vpcs.flatMap((vpc) => vpc.azs)) {
    const firsts = az.subnets
      .map((subnet) => byBox.get(subnet.id)?.[0])
      .filter((node): node is DiagramNode => node !== undefined);
    for (let i = 1; i < firsts.length; i++)
      lines.push(`  ${dotString(firsts[i].id)} -> ${dotString(firsts[i - 1].id)} [style=invis];`);
  }
  for (const edge of model.edges) {
    const color = dotString(EDGE_COLOR[edge.kind]);
    const style = { route: 'solid', path: 'dashed', unknown: 'dashed', invoke: 'bold', attach: 'dotted' }[edge.kind];
    const label = edge.label ? `label=${dotString(edge.label)}, ` : '';
    lines.push(
      `  ${dotString(edge.from)} -> ${dotString(edge.to)} [${label}style=${style}, color=${color}, ` +
        `fontcolor=${color}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
