import { buildDiagramModel, dotString, toDot } from '@lambda-vpc/diagram';
import { natEgress, privateLink, selfHealingNatEgress } from './fixtures';

/** Node ID -> the clusters enclosing its declaration, outermost first, read from the DOT text. */
function clustersOf(dot: string): Map<string, string[]> {
  const stack: string[] = [];
  const placed = new Map<string, string[]>();
  for (const line of dot.split('\n')) {
    const cluster = /^\s*subgraph "(cluster_[^"]+)" \{$/.exec(line);
    const node = /^\s*"([^"]+)" \[label=/.exec(line);
    if (cluster) stack.push(cluster[1]);
    else if (/^\s*\}$/.test(line)) stack.pop();
    else if (node) placed.set(node[1], [...stack]);
  }
  return placed;
}

describe('toDot', () => {
  const dot = toDot(buildDiagramModel('test-stack', natEgress()));

  it('nests VPC > AZ > subnet clusters labelled with CIDRs, and declares each node in its subnet', () => {
    expect(dot.startsWith('digraph "test-stack" {\n')).toBe(true);
    expect(dot).toContain('subgraph "cluster_aws_vpc.vpc" {\n    label="VPC 10.0.0.0/16\\ntest-vpc";');
    expect(dot).toContain('label="private 10.0.16.0/20";');
    expect(clustersOf(dot).get('aws_lambda_function.probe@aws_subnet.private-a')).toEqual([
      'cluster_aws_vpc.vpc',
      'cluster_aws_vpc.vpc/eu-west-1a',
      'cluster_aws_subnet.private-a',
    ]);
    expect(clustersOf(dot).get('aws_nat_gateway.nat-b')).toEqual([
      'cluster_aws_vpc.vpc',
      'cluster_aws_vpc.vpc/eu-west-1b',
      'cluster_aws_subnet.public-b',
    ]);
    expect(clustersOf(dot).get('aws_vpc_endpoint.dynamodb')).toEqual(['cluster_aws_vpc.vpc']);
    expect(clustersOf(dot).get('internet')).toEqual([]);
  });

  it('draws routes solid with their destination and allowed paths dashed with the protocol', () => {
    expect(dot).toContain(
      '  "aws_route_table.private-a" -> "aws_nat_gateway.nat-a" [label="0.0.0.0/0", style=solid, color="#616161", ' +
        'fontcolor="#616161"];',
    );
    expect(dot).toContain(
      '  "aws_route_table.private-b" -> "aws_vpc_endpoint.dynamodb" [label="prefix list dynamodb", style=solid,',
    );
    expect(dot).toContain(
      '  "aws_lambda_function.probe@aws_subnet.private-b" -> "aws_nat_gateway.nat-b" [label="tcp 443", style=dashed, ' +
        'color="#1565c0", fontcolor="#1565c0"];',
    );
    const visible = dot.split('\n').filter((line) => / -> /.test(line) && !line.includes('style=invis'));
    expect(visible).toHaveLength(buildDiagramModel('test-stack', natEgress()).edges.length);
  });

  it("stacks each AZ's tiers with invisible edges, private below public", () => {
    expect(dot).toContain(
      '  "aws_lambda_function.probe@aws_subnet.private-a" -> "aws_nat_gateway.nat-a" [style=invis];',
    );
  });

  it('draws a function without a VPC config outside every cluster, and invoke grants bold', () => {
    const link = toDot(buildDiagramModel('link', privateLink()));
    expect(clustersOf(link).get('aws_lambda_function.target')).toEqual([]);
    expect(link).toContain(
      '"aws_vpc_endpoint.lambda@aws_subnet.isolated-a" -> "aws_lambda_function.target" ' +
        '[label="lambda:InvokeFunction", style=bold,',
    );
  });

  it("draws a self-healing NAT's group as a 3D box beside its static interface, its attachment dotted orange", () => {
    const healing = toDot(buildDiagramModel('heal', selfHealingNatEgress()));
    expect(healing).toContain(
      '"aws_autoscaling_group.nat-a" [label="NAT instance group\\n1 x t4g.nano", shape=box3d, style="filled", ' +
        'fillcolor="#ffe0b2"];',
    );
    expect(healing).toContain(
      '  "aws_autoscaling_group.nat-a" -> "aws_network_interface.nat-a" [label="attaches at boot", style=dotted, ' +
        'color="#e65100", fontcolor="#e65100"];',
    );
  });

  it('escapes quotes, backslashes and line breaks', () => {
    expect(dotString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
    const json = natEgress();
    json.resource.aws_vpc.vpc.tags.Name = 'say "hi" \\N';
    expect(toDot(buildDiagramModel('x', json))).toContain('label="VPC 10.0.0.0/16\\nsay \\"hi\\" \\\\N";');
  });

  it('names one monospace font for every label, whose widths Graphviz lays out by hold in any viewer', () => {
    expect(dot).toContain('labelloc=t, fontname="Courier", fontsize=14,');
    expect(dot).toContain('  node [fontname="Courier", fontsize=10];\n  edge [fontname="Courier", fontsize=9];\n');
    expect(dot.match(/fontname="[^"]*"/g)).toEqual(Array(3).fill('fontname="Courier"'));
  });

  it('is byte-stable', () => {
    expect(toDot(buildDiagramModel('test-stack', natEgress()))).toBe(dot);
  });
});
