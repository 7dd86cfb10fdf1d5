// Mermaid `flowchart LR` for a network model, for Markdown (GitHub renders it). Mermaid IDs allow fewer
// characters than Terraform addresses, so IDs are encoded reversibly (never two addresses to one ID), and
// every label is quoted with entity codes for the characters that would end or break a quoted label.
import { DiagramNode, DiagramModel, NodeKind } from './model';
import { EDGE_COLOR, NODE_FILL, nodesByBox, OTHER_TIER_FILL, TIER_FILL, title } from './style';

const ID_ESCAPES: Record<string, string> = { _: '__', '-': '_h', '.': '_d', '/': '_s', '@': '_a', ':': '_c' };

/**
 * A Mermaid-safe ID for a model ID: letters, digits and `_` only, with a prefix (`n` nodes, `g` subgraphs, `k`
 * classes) so no ID is a keyword (`end`, `subgraph`) or starts with `o`/`x` (which Mermaid could read as an edge
 * ending), and a node never shares an ID with a subgraph. Injective: `_` is itself escaped.
 */
export function mermaidId(id: string, prefix: 'n' | 'g' | 'k' = 'n'): string {
  const body = [...id]
    .map((char) =>
      /[A-Za-z0-9]/.test(char) ? char : (ID_ESCAPES[char] ?? `_u${char.codePointAt(0)?.toString(16).padStart(6, '0')}`),
    )
    .join('');
  return `${prefix}_${body}`;
}

/** A quoted Mermaid label: quotes, angle brackets, `#`, `&` and pipes as entity codes; line breaks as `<br/>`. */
export function mermaidLabel(text: string): string {
  const escaped = text
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/\r?\n/g, '<br/>');
  return `"${escaped}"`;
}

/** Node shapes: the brackets around the quoted label. */
const SHAPES: Record<NodeKind, [string, string]> = {
  internet: ['((', '))'],
  'on-premises': ['[/', '/]'],
  'internet-gateway': ['([', '])'],
  'nat-gateway': ['[', ']'],
  'nat-instance': ['[[', ']]'],
  'nat-instance-group': ['[[', ']]'],
  'route-target': ['[', ']'],
  'route-table': ['[', ']'],
  'gateway-endpoint': ['{{', '}}'],
  'interface-endpoint': ['{{', '}}'],
  'resolver-endpoint': ['[', ']'],
  'private-hosted-zone': ['[/', '/]'],
  function: ['(', ')'],
};

function nodeLine(node: DiagramNode, indent: string): string {
  const [open, close] = SHAPES[node.kind];
  return `${indent}${mermaidId(node.id)}${open}${mermaidLabel(node.label)}${close}`;
}

/**
 * Renders a model as a Mermaid flowchart (left to right) with subgraphs VPC > AZ > subnet, the same nodes
 * and edges as the DOT: routes `-->`, allowed paths dotted `-.->`, invoke grants thick `==>`, attachments `--o`.
 *
 * @returns Mermaid text starting with `flowchart LR`; the same model always gives the same text
 */
export function toMermaid(model: DiagramModel): string {
  const byBox = nodesByBox(model);
  const lines: string[] = ['flowchart LR', `  %% ${title(model).replace(/[\r\n]/g, ' ')}`];
  const nodes = (box: string, indent: string) =>
    (byBox.get(box) ?? []).forEach((node) => lines.push(nodeLine(node, indent)));
  const subnetClasses: string[] = [];
  for (const vpc of model.vpcs) {
    lines.push(`  subgraph ${mermaidId(vpc.id, 'g')}[${mermaidLabel(`VPC ${vpc.cidr}\n${vpc.name}`)}]`);
    for (const az of vpc.azs) {
      lines.push(`    subgraph ${mermaidId(az.id, 'g')}[${mermaidLabel(az.name)}]`);
      for (const subnet of az.subnets) {
        lines.push(`      subgraph ${mermaidId(subnet.id, 'g')}[${mermaidLabel(`${subnet.tier} ${subnet.cidr}`)}]`);
        nodes(subnet.id, '        ');
        lines.push('      end');
        subnetClasses.push(`  style ${mermaidId(subnet.id, 'g')} fill:${TIER_FILL[subnet.tier] ?? OTHER_TIER_FILL}`);
      }
      nodes(az.id, '      ');
      lines.push('    end');
    }
    nodes(vpc.id, '    ');
    lines.push('  end');
  }
  nodes('', '  ');
  const linkStyles: string[] = [];
  model.edges.forEach((edge, index) => {
    const arrow = { route: '-->', path: '-.->', unknown: '-.->', invoke: '==>', attach: '--o' }[edge.kind];
    const label = edge.label ? `|${mermaidLabel(edge.label)}|` : '';
    lines.push(`  ${mermaidId(edge.from)} ${arrow}${label} ${mermaidId(edge.to)}`);
    linkStyles.push(`  linkStyle ${index} stroke:${EDGE_COLOR[edge.kind]}`);
  });
  // Styles by kind through classes, so the text stays short however many nodes share a kind.
  const kinds = [...new Set(model.nodes.map((node) => node.kind))].sort();
  for (const kind of kinds) {
    const ids = model.nodes.filter((node) => node.kind === kind).map((node) => mermaidId(node.id));
    lines.push(`  classDef ${mermaidId(kind, 'k')} fill:${NODE_FILL[kind]}`);
    lines.push(`  class ${ids.join(',')} ${mermaidId(kind, 'k')}`);
  }
  lines.push(...subnetClasses, ...linkStyles);
  return `${lines.join('\n')}\n`;
}
