import { buildDiagramModel, EdgeKind, DiagramModel, toDot } from '@lambda-vpc/diagram';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { admittingNetworkAcl } from '../../../test-support/stack-json';
import { add, addEgress, addFunction, Fixture, natEgress, network, privateLink, ref, remove } from './fixtures';

const ENI_A = 'aws_lambda_function.probe@aws_subnet.private-a';
const ENI_B = 'aws_lambda_function.probe@aws_subnet.private-b';

function model(json: Fixture): DiagramModel {
  return buildDiagramModel('test-stack', json);
}

function edges(m: DiagramModel, kind: EdgeKind): [string, string, string][] {
  return m.edges.filter((edge) => edge.kind === kind).map((edge) => [edge.from, edge.to, edge.label]);
}

describe('paths come from reachability', () => {
  it('draws the paths of the reachability result it is given, and none of its own', () => {
    const json = natEgress();
    const result = analyzeReachability('test-stack', json);
    expect(edges(buildDiagramModel('test-stack', json, result), 'path')).toEqual(edges(model(json), 'path'));
    expect(edges(buildDiagramModel('test-stack', json, { ...result, functions: [] }), 'path')).toEqual([]);
  });

  it("draws no path through a public NAT gateway without an Elastic IP, and notes reachability's reason", () => {
    const json = natEgress();
    delete json.resource.aws_nat_gateway['nat-b'].allocation_id;
    const m = model(json);
    expect(edges(m, 'path')).toEqual([
      [ENI_A, 'aws_nat_gateway.nat-a', 'tcp 443'],
      [ENI_A, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
      [ENI_B, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
    ]);
    expect(m.notes).toContain(
      'aws_lambda_function.probe: internet from aws_subnet.private-b: aws_nat_gateway.nat-b has no Elastic IP ' +
        '(allocation_id), so the internet gateway cannot carry its traffic; not drawn',
    );
  });

  it('draws no path through a NAT instance that cannot forward, and notes every reason', () => {
    const json = remove(remove(natEgress(), 'aws_nat_gateway', 'nat-a'), 'aws_nat_gateway', 'nat-b');
    add(json, 'aws_instance', 'nat', { instance_type: 't4g.nano', subnet_id: ref('aws_subnet', 'public-a') });
    json.resource.aws_route['private-a'] = {
      route_table_id: ref('aws_route_table', 'private-a'),
      destination_cidr_block: '0.0.0.0/0',
      network_interface_id: ref('aws_instance', 'nat', 'primary_network_interface_id'),
    };
    remove(json, 'aws_route', 'private-b');
    const m = model(json);
    expect(edges(m, 'path').filter(([, to]) => to === 'aws_instance.nat')).toEqual([]);
    expect(
      m.notes.find((note) => note.startsWith('aws_lambda_function.probe: internet from aws_subnet.private-a:')),
    ).toBe(
      'aws_lambda_function.probe: internet from aws_subnet.private-a: aws_instance.nat has source_dest_check on: it ' +
        'drops traffic not addressed to itself, so it cannot forward as a NAT; ' +
        'security group ingress of aws_instance.nat: no rule of (none) admits tcp/443 from ' +
        'aws_security_group.probe-sg or 10.0.16.0/20; ' +
        'security group egress of aws_instance.nat: no rule of (none) allows tcp/443 to the internet ' +
        '(203.0.113.10/32); ' +
        'aws_instance.nat has no public IP (no associate_public_ip_address, aws_eip or aws_eip_association), so the ' +
        'internet gateway cannot carry its traffic; not drawn',
    );
  });

  it("does not note a destination the function's own rules do not allow", () => {
    const json = natEgress();
    remove(json, 'aws_vpc_security_group_egress_rule', 'probe-internet');
    const m = model(json);
    expect(edges(m, 'path')).toEqual([
      [ENI_A, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
      [ENI_B, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
    ]);
    expect(m.notes).toEqual([]);
  });

  it("draws a function to an interface endpoint of any service, at the endpoint's ENI in its own AZ", () => {
    const json = network({ isolated: { 'eu-west-1a': '10.0.0.0/20', 'eu-west-1b': '10.0.16.0/20' } }, 'private-only');
    addFunction(json, 'probe', ['isolated-a', 'isolated-b']);
    add(json, 'aws_security_group', 'sqs-sg', { vpc_id: ref('aws_vpc', 'vpc') });
    add(json, 'aws_vpc_security_group_ingress_rule', 'sqs-from-probe', {
      security_group_id: ref('aws_security_group', 'sqs-sg'),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: ref('aws_security_group', 'probe-sg'),
    });
    add(json, 'aws_vpc_endpoint', 'sqs', {
      vpc_id: ref('aws_vpc', 'vpc'),
      vpc_endpoint_type: 'Interface',
      service_name: 'com.amazonaws.eu-west-1.sqs',
      private_dns_enabled: true,
      subnet_ids: [ref('aws_subnet', 'isolated-a'), ref('aws_subnet', 'isolated-b')],
      security_group_ids: [ref('aws_security_group', 'sqs-sg')],
    });
    addEgress(json, 'probe', 'sqs', { referenced_security_group_id: ref('aws_security_group', 'sqs-sg') });
    const m = model(json);
    expect(edges(m, 'path')).toEqual([
      ['aws_lambda_function.probe@aws_subnet.isolated-a', 'aws_vpc_endpoint.sqs@aws_subnet.isolated-a', 'tcp 443'],
      ['aws_lambda_function.probe@aws_subnet.isolated-b', 'aws_vpc_endpoint.sqs@aws_subnet.isolated-b', 'tcp 443'],
    ]);
    expect(m.notes).toEqual([]);
  });
});

describe('callers outside the VPC come from reachability', () => {
  it("draws only what the endpoint admits on its port through a subnet's network ACL", () => {
    const json = privateLink();
    add(
      json,
      'aws_network_acl',
      'isolated',
      admittingNetworkAcl(ref('aws_vpc', 'vpc'), [ref('aws_subnet', 'isolated-a'), ref('aws_subnet', 'isolated-b')], {
        protocol: 'udp',
        cidr: '0.0.0.0/0',
      }),
    );
    // The ACL lets in UDP only: DNS over UDP still reaches the resolver, nothing over TCP gets in.
    expect(edges(model(json), 'path').filter(([from]) => from.startsWith('cidr:'))).toEqual([
      ['cidr:172.16.0.0/16', 'aws_route53_resolver_endpoint.resolver@aws_subnet.isolated-a', 'udp 53'],
      ['cidr:172.16.0.0/16', 'aws_route53_resolver_endpoint.resolver@aws_subnet.isolated-b', 'udp 53'],
    ]);
  });

  it("labels an endpoint caller with the flow the endpoint serves (tcp 443), whatever the rule's range", () => {
    const json = privateLink();
    Object.assign(json.resource.aws_vpc_security_group_ingress_rule['endpoint-on-premises'], {
      ip_protocol: '-1',
      from_port: undefined,
      to_port: undefined,
    });
    expect(
      edges(model(json), 'path').filter(([from, to]) => from.startsWith('cidr:') && to.startsWith('aws_vpc_endpoint')),
    ).toEqual([
      ['cidr:172.16.0.0/16', 'aws_vpc_endpoint.lambda@aws_subnet.isolated-a', 'tcp 443'],
      ['cidr:172.16.0.0/16', 'aws_vpc_endpoint.lambda@aws_subnet.isolated-b', 'tcp 443'],
    ]);
  });
});

describe('routes into tables the diagram does not draw', () => {
  it(
    'notes a route into the VPC main route table (adopted, or through main_route_table_id) as that, and one outside ' +
      'the stack as not in it',
    () => {
      const json = natEgress();
      add(json, 'aws_default_route_table', 'main', {
        default_route_table_id: ref('aws_vpc', 'vpc', 'default_route_table_id'),
        route: [{ cidr_block: '10.9.0.0/16', vpc_peering_connection_id: 'pcx-1' }],
      });
      add(json, 'aws_route', 'via-vpc', {
        route_table_id: ref('aws_vpc', 'vpc', 'main_route_table_id'),
        destination_cidr_block: '10.8.0.0/16',
        vpc_peering_connection_id: 'pcx-1',
      });
      add(json, 'aws_route', 'elsewhere', {
        route_table_id: 'rtb-0abc',
        destination_cidr_block: '10.7.0.0/16',
        vpc_peering_connection_id: 'pcx-1',
      });
      json.resource.aws_vpc_endpoint.dynamodb.route_table_ids.push('rtb-0abc');
      expect(model(json).notes).toEqual([
        'aws_default_route_table.main: its route table is the VPC main route table, which is not drawn',
        'aws_route.elsewhere: its route table is not in this stack; not drawn',
        'aws_route.via-vpc: its route table is the VPC main route table, which is not drawn',
        'aws_vpc_endpoint.dynamodb: route table rtb-0abc is not in this stack; not drawn',
      ]);
    },
  );
});

describe('IPv6 egress through an egress-only internet gateway', () => {
  /** {@link natEgress} made dual-stack: IPv6 blocks, an egress-only gateway with ::/0 routes, `probe` allowed IPv6. */
  function dualStack(): Fixture {
    const json = natEgress();
    add(json, 'aws_egress_only_internet_gateway', 'eigw', { vpc_id: ref('aws_vpc', 'vpc') });
    ['a', 'b'].forEach((zone, i) => {
      json.resource.aws_subnet[`private-${zone}`].ipv6_cidr_block =
        `\${cidrsubnet(aws_vpc.vpc.ipv6_cidr_block, 8, ${i})}`;
      add(json, 'aws_route', `private-ipv6-${zone}`, {
        route_table_id: ref('aws_route_table', `private-${zone}`),
        destination_ipv6_cidr_block: '::/0',
        egress_only_gateway_id: ref('aws_egress_only_internet_gateway', 'eigw'),
      });
    });
    addEgress(json, 'probe', 'internet-ipv6', { cidr_ipv6: '::/0' });
    const fn = json.resource.aws_lambda_function.probe;
    fn.vpc_config = { ...(fn.vpc_config as object), ipv6_allowed_for_dual_stack: true };
    return json;
  }

  it('draws the gateway in the VPC, outbound only, with its ::/0 routes from the private tables', () => {
    const m = model(dualStack());
    expect(m.nodes.find((node) => node.id === 'aws_egress_only_internet_gateway.eigw')).toMatchObject({
      kind: 'internet-gateway',
      label: 'egress-only internet gateway\nIPv6, outbound only',
      parent: 'aws_vpc.vpc',
    });
    expect(edges(m, 'route').filter(([, to]) => to.includes('eigw') || to === 'internet')).toEqual(
      expect.arrayContaining([
        ['aws_egress_only_internet_gateway.eigw', 'internet', 'IPv6 out'],
        ['aws_route_table.private-a', 'aws_egress_only_internet_gateway.eigw', '::/0'],
        ['aws_route_table.private-b', 'aws_egress_only_internet_gateway.eigw', '::/0'],
      ]),
    );
  });

  it('draws the IPv6 path from each function ENI to the gateway beside the IPv4 path to its NAT', () => {
    const paths = edges(model(dualStack()), 'path');
    expect(paths).toEqual(
      expect.arrayContaining([
        [ENI_A, 'aws_egress_only_internet_gateway.eigw', 'tcp 443 IPv6'],
        [ENI_B, 'aws_egress_only_internet_gateway.eigw', 'tcp 443 IPv6'],
        [ENI_A, 'aws_nat_gateway.nat-a', 'tcp 443'],
        [ENI_B, 'aws_nat_gateway.nat-b', 'tcp 443'],
      ]),
    );
  });

  it('draws no IPv6 path without Lambda IPv6 on, and notes why', () => {
    const json = dualStack();
    delete (json.resource.aws_lambda_function.probe.vpc_config as Record<string, unknown>).ipv6_allowed_for_dual_stack;
    const m = model(json);
    expect(edges(m, 'path').filter(([, to]) => to.includes('eigw'))).toEqual([]);
    expect(m.notes).toContain(
      'aws_lambda_function.probe: internet-ipv6 from aws_subnet.private-a: aws_lambda_function.probe has ' +
        'ipv6_allowed_for_dual_stack off: Lambda gives its ENIs no IPv6 traffic, so IPv6 destinations are ' +
        'unreachable whatever the routes say; not drawn',
    );
  });
});

describe('a path reachability cannot follow (unknown)', () => {
  const TGW = 'tgw-0123456789abcdef0';

  /** {@link natEgress} with each private table's 0.0.0.0/0 sent to a transit gateway outside the stack. */
  function throughTransitGateway(): Fixture {
    const json = natEgress();
    for (const zone of ['a', 'b']) {
      const route = json.resource.aws_route[`private-${zone}`]!;
      delete route.nat_gateway_id;
      route.transit_gateway_id = TGW;
    }
    return json;
  }

  it('is drawn as its own kind of edge to the hop where the analysis stops, not as a path and not left out', () => {
    const m = model(throughTransitGateway());
    expect(edges(m, 'unknown')).toEqual([
      [ENI_A, `external:${TGW}`, `tcp 443 unknown: leaves via ${TGW}`],
      [ENI_B, `external:${TGW}`, `tcp 443 unknown: leaves via ${TGW}`],
    ]);
    expect(edges(m, 'path').map(([, to]) => to)).not.toContain(`external:${TGW}`);
  });

  it('is dashed grey in DOT, while the known paths keep their blue', () => {
    const dot = toDot(model(throughTransitGateway()));
    expect(dot).toContain(
      `"${ENI_A}" -> "external:${TGW}" [label="tcp 443 unknown: leaves via ${TGW}", style=dashed, color="#9e9e9e", ` +
        'fontcolor="#9e9e9e"];',
    );
    expect(dot).toContain(
      `"${ENI_A}" -> "aws_vpc_endpoint.dynamodb" [label="tcp 443", style=dashed, color="#1565c0", ` +
        'fontcolor="#1565c0"];',
    );
  });
});
