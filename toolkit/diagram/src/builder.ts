// Shared state while a model is extracted: what is known about subnets, drawn route tables and network interfaces,
// and the nodes, edges and notes collected so far. Edges between the same two nodes of the same kind merge
// their labels, so two rules allowing tcp 443 and udp 53 to one target draw one edge `tcp 443, udp 53`.
import { StackDocument, StackResource } from '@lambda-vpc/stack-model';
import { byString, DiagramEdge, DiagramNode, EdgeKind, NodeKind, SubnetBox } from './model';

/** A subnet with the VPC it belongs to. */
export interface SubnetInfo extends SubnetBox {
  /** The aws_subnet itself. */
  readonly resource: StackResource;
  readonly vpc: string;
  readonly vpcCidr: string;
}

/** A network interface placed in a subnet: a function's, an interface endpoint's or a resolver endpoint's. */
export interface EniInfo {
  /** The node drawn for it. */
  readonly node: string;
  /** Address of the resource that owns it. */
  readonly owner: string;
  readonly ownerKind: NodeKind;
  readonly subnet: SubnetInfo;
}

/** Collects a model's parts while the extraction steps run. */
export class ModelBuilder {
  public readonly subnets = new Map<string, SubnetInfo>();
  /** Keys of the route tables drawn (stack-model's table keys, which are their addresses). */
  public readonly tables = new Set<string>();
  public readonly enis: EniInfo[] = [];
  private readonly nodes = new Map<string, DiagramNode>();
  private readonly edges = new Map<string, { from: string; to: string; kind: EdgeKind; labels: Set<string> }>();
  private readonly notes = new Set<string>();

  constructor(public readonly doc: StackDocument) {}

  /** Adds a node once; a second add with the same ID keeps the first (IDs are addresses, so it is the same thing). */
  public node(node: DiagramNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  public hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  /** The one `internet` node, added on first use. */
  public internet(): string {
    return this.node({ id: 'internet', kind: 'internet', label: 'internet' });
  }

  /** Adds an edge, or merges `label` into the existing edge of the same kind between the same nodes. */
  public edge(from: string, to: string, kind: EdgeKind, label: string): void {
    const key = JSON.stringify([from, to, kind]);
    const existing = this.edges.get(key) ?? { from, to, kind, labels: new Set<string>() };
    if (label) existing.labels.add(label);
    this.edges.set(key, existing);
  }

  /** Records something the diagram cannot show, prefixed by the resource it concerns. */
  public note(address: string, text: string): void {
    this.notes.add(`${address}: ${text}`);
  }

  /** The subnet a reference points at, noting the resource that referenced an unknown one. */
  public subnetOf(reference: unknown, referrer: StackResource): SubnetInfo | undefined {
    const subnet = this.subnets.get(this.doc.resolve(reference)?.address ?? '');
    if (!subnet)
      this.note(referrer.address, `subnet ${String(reference)} is not a subnet of this stack; not drawn there`);
    return subnet;
  }

  /** The collected parts, sorted. */
  public result(): { nodes: DiagramNode[]; edges: DiagramEdge[]; notes: string[] } {
    const nodes = [...this.nodes.values()].sort((a, b) => byString(a.id, b.id));
    const edges = [...this.edges.values()]
      .map(({ from, to, kind, labels }) => ({ from, to, kind, label: [...labels].sort(byString).join(', ') }))
      .sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to) || byString(a.kind, b.kind));
    return { nodes, edges, notes: [...this.notes].sort(byString) };
  }
}

/** `dynamodb` from `com.amazonaws.eu-west-1.dynamodb`; the raw value when it is a reference or unusual. */
export function serviceShortName(serviceName: unknown): string {
  const text = String(serviceName ?? 'unknown service');
  const match = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(text);
  return match ? match[1] : text;
}

/** The resource's `Name` tag, or its name within the stack. */
export function displayName(resource: StackResource): string {
  const tagged = resource.body.tags?.Name;
  return typeof tagged === 'string' && !tagged.includes('${') ? tagged : resource.name;
}
