// Colours and shapes shared by the DOT and Mermaid renderers, so both diagrams of a stack read alike.
import { DiagramNode, EdgeKind, DiagramModel, NodeKind } from './model';

/** Fill colour per node kind. */
export const NODE_FILL: Record<NodeKind, string> = {
  internet: '#e8f0fe',
  'on-premises': '#fff3c4',
  'internet-gateway': '#c8e6c9',
  'nat-gateway': '#ffe0b2',
  'nat-instance': '#ffe0b2',
  'nat-instance-group': '#ffe0b2',
  'route-target': '#eeeeee',
  'route-table': '#fafafa',
  'gateway-endpoint': '#e1d5f5',
  'interface-endpoint': '#e1d5f5',
  'resolver-endpoint': '#d0ecf5',
  'private-hosted-zone': '#dcedc8',
  function: '#ffecb3',
};

/** Fill colour of a subnet box per tier; other tiers are grey. */
export const TIER_FILL: Record<string, string> = { public: '#e8f5e9', private: '#e3f2fd', isolated: '#f3e5f5' };
export const OTHER_TIER_FILL = '#f5f5f5';

/**
 * Line colour per edge kind: routes grey, allowed paths blue, paths of unknown outcome light grey, invoke grants
 * purple, attachments orange.
 */
export const EDGE_COLOR: Record<EdgeKind, string> = {
  route: '#616161',
  path: '#1565c0',
  unknown: '#9e9e9e',
  invoke: '#6a1b9a',
  attach: '#e65100',
};

/** Where each node goes: by box ID (`''` for outside every VPC), nodes in model order. */
export function nodesByBox(model: DiagramModel): Map<string, DiagramNode[]> {
  const boxes = new Set<string>();
  for (const vpc of model.vpcs) {
    boxes.add(vpc.id);
    for (const az of vpc.azs) {
      boxes.add(az.id);
      for (const subnet of az.subnets) boxes.add(subnet.id);
    }
  }
  const byBox = new Map<string, DiagramNode[]>();
  for (const node of model.nodes) {
    // A parent that is not a drawn box (a subnet of another stack) falls back to the top level, so no node is lost.
    const box = node.parent !== undefined && boxes.has(node.parent) ? node.parent : '';
    byBox.set(box, [...(byBox.get(box) ?? []), node]);
  }
  return byBox;
}

/** The diagram's title: the stack name and its variant. */
export function title(model: DiagramModel): string {
  return model.variant ? `${model.stackName} (${model.variant})` : model.stackName;
}
