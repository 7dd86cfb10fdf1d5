import { buildDiagramModel, mermaidId, mermaidLabel, toMermaid } from '@lambda-vpc/diagram';
import { natEgress, privateLink, selfHealingNatEgress } from './fixtures';

/** Node ID -> the subgraphs enclosing it, outermost first, read from the Mermaid text. */
function subgraphsOf(mermaid: string): Map<string, string[]> {
  const stack: string[] = [];
  const placed = new Map<string, string[]>();
  for (const line of mermaid.split('\n')) {
    const subgraph = /^\s*subgraph (\w+)\[/.exec(line);
    const node = /^\s*(n_\w+)[[({/]/.exec(line);
    if (subgraph) stack.push(subgraph[1]);
    else if (/^\s*end$/.test(line)) stack.pop();
    else if (node) placed.set(node[1], [...stack]);
  }
  return placed;
}

describe('toMermaid', () => {
  const m = buildDiagramModel('test-stack', natEgress());
  const mermaid = toMermaid(m);

  it('is a left-to-right flowchart with VPC > AZ > subnet subgraphs', () => {
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(mermaid).toContain(`subgraph ${mermaidId('aws_vpc.vpc', 'g')}["VPC 10.0.0.0/16<br/>test-vpc"]`);
    expect(subgraphsOf(mermaid).get(mermaidId('aws_nat_gateway.nat-a'))).toEqual([
      mermaidId('aws_vpc.vpc', 'g'),
      mermaidId('aws_vpc.vpc/eu-west-1a', 'g'),
      mermaidId('aws_subnet.public-a', 'g'),
    ]);
  });

  it("has the model's nodes and edges: routes solid, paths dotted", () => {
    expect(subgraphsOf(mermaid).size).toBe(m.nodes.length);
    expect(mermaid).toContain(
      `  ${mermaidId('aws_route_table.private-b')} -->|"0.0.0.0/0"| ${mermaidId('aws_nat_gateway.nat-b')}\n`,
    );
    expect(mermaid).toContain(
      `  ${mermaidId('aws_lambda_function.probe@aws_subnet.private-a')} -.->|"tcp 443"| ` +
        `${mermaidId('aws_vpc_endpoint.dynamodb')}\n`,
    );
    expect(mermaid.split('\n').filter((line) => / (-->|-\.->|==>)/.test(line))).toHaveLength(m.edges.length);
  });

  it("draws a self-healing NAT group's attachment to its static interface as --o", () => {
    expect(toMermaid(buildDiagramModel('heal', selfHealingNatEgress()))).toContain(
      `  ${mermaidId('aws_autoscaling_group.nat-b')} --o|"attaches at boot"| ` +
        `${mermaidId('aws_network_interface.nat-b')}\n`,
    );
  });

  it('draws a function without a VPC config outside every subgraph', () => {
    expect(
      subgraphsOf(toMermaid(buildDiagramModel('link', privateLink()))).get(mermaidId('aws_lambda_function.target')),
    ).toEqual([]);
  });

  it('uses IDs of letters, digits and _ only, never a keyword, one per address', () => {
    const ids = ['aws_subnet.a-b', 'aws_subnet.a_b', 'aws_subnet.a.b', 'end', 'o', 'x@y:z/w', 'a b"c'].map((id) =>
      mermaidId(id),
    );
    for (const id of ids) expect(id).toMatch(/^n_[A-Za-z0-9_]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(mermaidId('aws_vpc.vpc', 'g')).not.toBe(mermaidId('aws_vpc.vpc'));
    const declared = mermaid.split('\n').flatMap((line) => /^\s*(?:subgraph )?([ngk]_\w*)/.exec(line)?.[1] ?? []);
    for (const id of declared) expect(id).toMatch(/^[ngk]_[A-Za-z0-9_]+$/);
  });

  it('escapes labels so quotes, brackets, pipes and # cannot end them', () => {
    expect(mermaidLabel('say "hi" [x] <y> a|b #1 &\nz')).toBe(
      '"say #quot;hi#quot; [x] #lt;y#gt; a#124;b #35;1 #38;<br/>z"',
    );
    const json = natEgress();
    json.resource.aws_vpc.vpc.tags.Name = 'evil"] --> x["';
    const text = toMermaid(buildDiagramModel('x', json));
    expect(text).toContain('["VPC 10.0.0.0/16<br/>evil#quot;] --#gt; x[#quot;"]');
    expect(text.split('\n').filter((line) => / (-->|-\.->|==>)/.test(line))).toHaveLength(m.edges.length);
  });

  it('is byte-stable', () => {
    expect(toMermaid(buildDiagramModel('test-stack', natEgress()))).toBe(mermaid);
  });
});
