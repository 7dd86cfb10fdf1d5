import { buildDiagramModel, DiagramEdge, EdgeKind, DiagramModel } from '@lambda-vpc/diagram';
import {
  add,
  addFunction,
  addNatSecurityGroup,
  Fixture,
  natEgress,
  network,
  privateLink,
  ref,
  remove,
  selfHealingNatEgress,
} from './fixtures';

const ENI_A = 'aws_lambda_function.probe@aws_subnet.private-a';
const ENI_B = 'aws_lambda_function.probe@aws_subnet.private-b';
const CALLER_A = 'aws_lambda_function.caller@aws_subnet.isolated-a';
const CALLER_B = 'aws_lambda_function.caller@aws_subnet.isolated-b';
const LAMBDA_A = 'aws_vpc_endpoint.lambda@aws_subnet.isolated-a';
const LAMBDA_B = 'aws_vpc_endpoint.lambda@aws_subnet.isolated-b';
const RESOLVER_A = 'aws_route53_resolver_endpoint.resolver@aws_subnet.isolated-a';
const RESOLVER_B = 'aws_route53_resolver_endpoint.resolver@aws_subnet.isolated-b';

function model(json: Fixture): DiagramModel {
  return buildDiagramModel('test-stack', json);
}

function edges(m: DiagramModel, kind: EdgeKind): [string, string, string][] {
  return m.edges.filter((edge: DiagramEdge) => edge.kind === kind).map((edge) => [edge.from, edge.to, edge.label]);
}

function parentOf(m: DiagramModel, id: string): string | undefined {
  const node = m.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no node ${id}; nodes: ${m.nodes.map((n) => n.id).join(', ')}`);
  return node.parent;
}

describe('buildDiagramModel: boxes', () => {
  it('nests subnets by VPC and AZ, public before private, with CIDRs and the variant', () => {
    const m = model(natEgress());
    expect(m.variant).toBe('nat-egress');
    expect(m.vpcs).toEqual([
      {
        id: 'aws_vpc.vpc',
        name: 'test-vpc',
        cidr: '10.0.0.0/16',
        azs: ['a', 'b'].map((zone) => ({
          id: `aws_vpc.vpc/eu-west-1${zone}`,
          name: `eu-west-1${zone}`,
          subnets: [
            {
              id: `aws_subnet.public-${zone}`,
              name: `test-public-${zone}`,
              tier: 'public',
              cidr: zone === 'a' ? '10.0.0.0/24' : '10.0.1.0/24',
              az: `eu-west-1${zone}`,
            },
            {
              id: `aws_subnet.private-${zone}`,
              name: `test-private-${zone}`,
              tier: 'private',
              cidr: zone === 'a' ? '10.0.16.0/20' : '10.0.32.0/20',
              az: `eu-west-1${zone}`,
            },
          ],
        })),
      },
    ]);
  });

  it('places every node: route tables and ENIs in their subnets, NATs in public subnets, gateways in the VPC', () => {
    const m = model(natEgress());
    expect(m.nodes.map((node) => [node.id, node.kind, node.parent])).toEqual([
      ['aws_internet_gateway.igw', 'internet-gateway', 'aws_vpc.vpc'],
      [ENI_A, 'function', 'aws_subnet.private-a'],
      [ENI_B, 'function', 'aws_subnet.private-b'],
      ['aws_nat_gateway.nat-a', 'nat-gateway', 'aws_subnet.public-a'],
      ['aws_nat_gateway.nat-b', 'nat-gateway', 'aws_subnet.public-b'],
      ['aws_route_table.private-a', 'route-table', 'aws_subnet.private-a'],
      ['aws_route_table.private-b', 'route-table', 'aws_subnet.private-b'],
      ['aws_route_table.public-a', 'route-table', 'aws_subnet.public-a'],
      ['aws_route_table.public-b', 'route-table', 'aws_subnet.public-b'],
      ['aws_vpc_endpoint.dynamodb', 'gateway-endpoint', 'aws_vpc.vpc'],
      ['internet', 'internet', undefined],
    ]);
    expect(m.nodes.find((node) => node.id === ENI_A)?.label).toBe('function\ntest-probe');
    expect(m.nodes.find((node) => node.id === 'aws_vpc_endpoint.dynamodb')?.label).toBe('gateway endpoint\ndynamodb');
    expect(m.notes).toEqual([]);
  });
});

describe('buildDiagramModel: routes and allowed paths', () => {
  it('routes each private table to the NAT of its own AZ, and the private tables to the gateway endpoint', () => {
    expect(edges(model(natEgress()), 'route')).toEqual([
      ['aws_internet_gateway.igw', 'internet', ''],
      ['aws_route_table.private-a', 'aws_nat_gateway.nat-a', '0.0.0.0/0'],
      ['aws_route_table.private-a', 'aws_vpc_endpoint.dynamodb', 'prefix list dynamodb'],
      ['aws_route_table.private-b', 'aws_nat_gateway.nat-b', '0.0.0.0/0'],
      ['aws_route_table.private-b', 'aws_vpc_endpoint.dynamodb', 'prefix list dynamodb'],
      ['aws_route_table.public-a', 'aws_internet_gateway.igw', '0.0.0.0/0'],
      ['aws_route_table.public-b', 'aws_internet_gateway.igw', '0.0.0.0/0'],
    ]);
  });

  it('draws the function in two AZs to the right NAT each, and to the prefix list endpoint', () => {
    expect(edges(model(natEgress()), 'path')).toEqual([
      [ENI_A, 'aws_nat_gateway.nat-a', 'tcp 443'],
      [ENI_A, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
      [ENI_B, 'aws_nat_gateway.nat-b', 'tcp 443'],
      [ENI_B, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
    ]);
  });

  it("follows a single NAT: the second AZ goes across to the first AZ's NAT", () => {
    const json = remove(natEgress(), 'aws_nat_gateway', 'nat-b');
    json.resource.aws_route['private-b'].nat_gateway_id = ref('aws_nat_gateway', 'nat-a');
    expect(edges(model(json), 'path').filter(([, to]) => to.startsWith('aws_nat'))).toEqual([
      [ENI_A, 'aws_nat_gateway.nat-a', 'tcp 443'],
      [ENI_B, 'aws_nat_gateway.nat-a', 'tcp 443'],
    ]);
  });

  it('draws a NAT instance routed to by its network interface', () => {
    const json = remove(remove(natEgress(), 'aws_nat_gateway', 'nat-a'), 'aws_nat_gateway', 'nat-b');
    // A working NAT instance: a public IP, source/destination check off, and a group admitting the probe and allowing
    // HTTPS out.
    addNatSecurityGroup(json);
    add(json, 'aws_instance', 'nat', {
      instance_type: 't4g.nano',
      source_dest_check: false,
      subnet_id: ref('aws_subnet', 'public-a'),
      associate_public_ip_address: true,
      vpc_security_group_ids: [ref('aws_security_group', 'nat-sg')],
    });
    for (const zone of ['a', 'b']) {
      json.resource.aws_route[`private-${zone}`] = {
        route_table_id: ref('aws_route_table', `private-${zone}`),
        destination_cidr_block: '0.0.0.0/0',
        network_interface_id: ref('aws_instance', 'nat', 'primary_network_interface_id'),
      };
    }
    const m = model(json);
    expect(m.nodes.find((node) => node.id === 'aws_instance.nat')).toEqual({
      id: 'aws_instance.nat',
      kind: 'nat-instance',
      label: 'NAT instance\nt4g.nano',
      address: 'aws_instance.nat',
      parent: 'aws_subnet.public-a',
    });
    expect(edges(m, 'path').filter(([, to]) => to === 'aws_instance.nat')).toEqual([
      [ENI_A, 'aws_instance.nat', 'tcp 443'],
      [ENI_B, 'aws_instance.nat', 'tcp 443'],
    ]);
  });

  it("draws a self-healing NAT: each AZ's static interface, routed to, and the group whose instances attach it", () => {
    const m = model(selfHealingNatEgress());
    expect(m.nodes.filter((node) => node.kind === 'nat-instance' || node.kind === 'nat-instance-group')).toEqual([
      {
        id: 'aws_autoscaling_group.nat-a',
        kind: 'nat-instance-group',
        label: 'NAT instance group\n1 x t4g.nano',
        address: 'aws_autoscaling_group.nat-a',
        parent: 'aws_subnet.public-a',
      },
      {
        id: 'aws_autoscaling_group.nat-b',
        kind: 'nat-instance-group',
        label: 'NAT instance group\n1 x t4g.nano',
        address: 'aws_autoscaling_group.nat-b',
        parent: 'aws_subnet.public-b',
      },
      {
        id: 'aws_network_interface.nat-a',
        kind: 'nat-instance',
        label: 'NAT interface (static)',
        address: 'aws_network_interface.nat-a',
        parent: 'aws_subnet.public-a',
      },
      {
        id: 'aws_network_interface.nat-b',
        kind: 'nat-instance',
        label: 'NAT interface (static)',
        address: 'aws_network_interface.nat-b',
        parent: 'aws_subnet.public-b',
      },
    ]);
    expect(edges(m, 'attach')).toEqual([
      ['aws_autoscaling_group.nat-a', 'aws_network_interface.nat-a', 'attaches at boot'],
      ['aws_autoscaling_group.nat-b', 'aws_network_interface.nat-b', 'attaches at boot'],
    ]);
    expect(edges(m, 'route').filter(([, to]) => to.startsWith('aws_network_interface'))).toEqual([
      ['aws_route_table.private-a', 'aws_network_interface.nat-a', '0.0.0.0/0'],
      ['aws_route_table.private-b', 'aws_network_interface.nat-b', '0.0.0.0/0'],
    ]);
    expect(edges(m, 'path').filter(([, to]) => to.startsWith('aws_network_interface'))).toEqual([
      [ENI_A, 'aws_network_interface.nat-a', 'tcp 443'],
      [ENI_B, 'aws_network_interface.nat-b', 'tcp 443'],
    ]);
  });

  it('notes, and does not draw, what a rule allows but no route carries', () => {
    const json = natEgress();
    json.resource.aws_vpc_endpoint.dynamodb.route_table_ids = [ref('aws_route_table', 'private-a')];
    remove(json, 'aws_route', 'private-b');
    const m = model(json);
    expect(edges(m, 'path')).toEqual([
      [ENI_A, 'aws_nat_gateway.nat-a', 'tcp 443'],
      [ENI_A, 'aws_vpc_endpoint.dynamodb', 'tcp 443'],
    ]);
    // Reachability's reason, per destination the probe's rules allow (S3 and the public Lambda API by 0.0.0.0/0).
    expect(m.notes).toEqual([
      'aws_lambda_function.probe: dynamodb from aws_subnet.private-b: no route in aws_route_table.private-b matches ' +
        'dynamodb (com.amazonaws.eu-west-1.dynamodb); not drawn',
      'aws_lambda_function.probe: internet from aws_subnet.private-b: no route in aws_route_table.private-b matches ' +
        'the internet (203.0.113.10/32); not drawn',
      'aws_lambda_function.probe: lambda-api from aws_subnet.private-b: no route in aws_route_table.private-b ' +
        'matches lambda.eu-west-1.amazonaws.com (public, 203.0.113.10/32); not drawn',
      'aws_lambda_function.probe: s3 from aws_subnet.private-b: no route in aws_route_table.private-b matches s3 ' +
        '(com.amazonaws.eu-west-1.s3); not drawn',
    ]);
  });

  it('reads the older aws_security_group_rule shape the same way', () => {
    const json = natEgress();
    delete json.resource.aws_vpc_security_group_egress_rule;
    add(json, 'aws_security_group_rule', 'probe-out', {
      type: 'egress',
      security_group_id: ref('aws_security_group', 'probe-sg'),
      protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_blocks: ['0.0.0.0/0'],
      prefix_list_ids: [ref('aws_vpc_endpoint', 'dynamodb', 'prefix_list_id')],
    });
    expect(edges(model(json), 'path')).toEqual(edges(model(natEgress()), 'path'));
  });
});

describe('buildDiagramModel: PrivateLink', () => {
  const m = model(privateLink());

  it('draws the target function outside the VPC and the caller in both subnets', () => {
    expect(parentOf(m, 'aws_lambda_function.target')).toBeUndefined();
    expect([parentOf(m, CALLER_A), parentOf(m, CALLER_B)]).toEqual(['aws_subnet.isolated-a', 'aws_subnet.isolated-b']);
    expect(
      m.nodes.some(
        (node) => node.kind === 'internet-gateway' || node.kind.startsWith('nat') || node.kind === 'internet',
      ),
    ).toBe(false);
  });

  it('draws the caller to the endpoint interface in its own AZ, and the endpoint to the target it grants', () => {
    expect(edges(m, 'path').filter(([from]) => from.startsWith('aws_lambda'))).toEqual([
      [CALLER_A, LAMBDA_A, 'tcp 443'],
      [CALLER_B, LAMBDA_B, 'tcp 443'],
    ]);
    expect(edges(m, 'invoke')).toEqual([
      [LAMBDA_A, 'aws_lambda_function.target', 'lambda:InvokeFunction'],
      [LAMBDA_B, 'aws_lambda_function.target', 'lambda:InvokeFunction'],
    ]);
  });

  it('draws the on-premises network the endpoint and resolver groups admit, with merged protocol labels', () => {
    expect(m.nodes.find((node) => node.id === 'cidr:172.16.0.0/16')).toEqual({
      id: 'cidr:172.16.0.0/16',
      kind: 'on-premises',
      label: 'on-premises / peered\n172.16.0.0/16',
    });
    expect(edges(m, 'path').filter(([from]) => from.startsWith('cidr:'))).toEqual([
      ['cidr:172.16.0.0/16', RESOLVER_A, 'tcp 53, udp 53'],
      ['cidr:172.16.0.0/16', RESOLVER_B, 'tcp 53, udp 53'],
      ['cidr:172.16.0.0/16', LAMBDA_A, 'tcp 443'],
      ['cidr:172.16.0.0/16', LAMBDA_B, 'tcp 443'],
    ]);
    expect(m.nodes.filter((node) => node.kind === 'resolver-endpoint').map((node) => node.parent)).toEqual([
      'aws_subnet.isolated-a',
      'aws_subnet.isolated-b',
    ]);
    expect(m.notes).toEqual([]);
  });

  it('does not take a CIDR inside the VPC for an on-premises caller', () => {
    const json = privateLink();
    json.resource.aws_vpc_security_group_ingress_rule['endpoint-on-premises'].cidr_ipv4 = '10.0.0.0/20';
    const inside = model(json);
    expect(inside.nodes.some((node) => node.id === 'cidr:10.0.0.0/20')).toBe(false);
    expect(inside.notes).toContain(
      'aws_vpc_security_group_ingress_rule.endpoint-on-premises: admits 10.0.0.0/20, inside the VPC; not drawn as a ' +
        'caller',
    );
  });
});

describe('buildDiagramModel: stability', () => {
  it('gives an equal model whatever order the JSON lists resources in', () => {
    const json = natEgress();
    const reversed: Fixture = { provider: json.provider, resource: {} };
    for (const type of Object.keys(json.resource).reverse()) {
      reversed.resource[type] = Object.fromEntries(Object.entries(json.resource[type]).reverse());
    }
    expect(model(reversed)).toEqual(model(json));
  });

  it('notes a subnet without a route table association and a function in a subnet of another stack', () => {
    const json = network({ isolated: { 'eu-west-1a': '10.0.0.0/20' } });
    remove(json, 'aws_route_table_association', 'isolated-a');
    addFunction(json, 'stray', []);
    json.resource.aws_lambda_function.stray.vpc_config = { subnet_ids: ['subnet-0123'], security_group_ids: [] };
    expect(model(json).notes).toEqual([
      'aws_lambda_function.stray: in no subnet of this stack; drawn without its network interfaces',
      'aws_lambda_function.stray: subnet subnet-0123 is not a subnet of this stack; not drawn there',
      'aws_route_table.isolated-a: associated with no subnet',
      'aws_subnet.isolated-a: no route table association: it uses the VPC main route table, which is not drawn',
    ]);
  });
});

describe('buildDiagramModel: routes to a join another stack owns', () => {
  const TGW =
    '${data.terraform_remote_state.cross-stack-reference-input-example-target.outputs.cross-stack-output-tgw-id}';

  it('draws a Transit Gateway of another stack outside the VPC, named by that stack, and says so', () => {
    const json = network({ isolated: { 'eu-west-1a': '10.0.0.0/20' } }, 'private-only');
    add(json, 'aws_route', 'to-target', {
      route_table_id: ref('aws_route_table', 'isolated-a'),
      destination_cidr_block: '10.94.0.0/16',
      transit_gateway_id: TGW,
    });
    const m = model(json);
    const node = m.nodes.find((candidate) => candidate.id === `external:${TGW}`);
    expect(node).toMatchObject({ kind: 'route-target', label: 'transit gateway\nof example-target' });
    expect(node?.parent).toBeUndefined();
    expect(m.notes).toContainEqual(
      'aws_route.to-target: transit_gateway_id is an output of stack example-target; drawn outside the VPC as that ' +
        "stack's",
    );
  });
});

describe('buildDiagramModel: a private hosted zone for callers outside the endpoint VPC', () => {
  const LAMBDA_ZONE = 'lambda.eu-west-1.amazonaws.com';
  const REMOTE =
    '${data.terraform_remote_state.cross-stack-reference-input-example-target.outputs.cross-stack-output-dns}';

  it('draws the zone in the VPC it is associated with, aliased to the endpoint interfaces of the stack', () => {
    const json = privateLink();
    add(json, 'aws_route53_zone', 'zone', { name: LAMBDA_ZONE, vpc: [{ vpc_id: ref('aws_vpc', 'vpc') }] });
    add(json, 'aws_route53_record', 'alias', {
      zone_id: ref('aws_route53_zone', 'zone', 'zone_id'),
      name: LAMBDA_ZONE,
      type: 'A',
      alias: [
        {
          name: ref('aws_vpc_endpoint', 'lambda', 'dns_entry[0].dns_name'),
          zone_id: 'Z1',
          evaluate_target_health: false,
        },
      ],
    });
    const m = model(json);
    expect(m.nodes.find((node) => node.id === 'aws_route53_zone.zone')).toMatchObject({
      kind: 'private-hosted-zone',
      label: `private hosted zone\n${LAMBDA_ZONE}`,
      parent: 'aws_vpc.vpc',
    });
    expect(edges(m, 'attach').filter(([from]) => from === 'aws_route53_zone.zone')).toEqual([
      ['aws_route53_zone.zone', LAMBDA_A, 'DNS alias'],
      ['aws_route53_zone.zone', LAMBDA_B, 'DNS alias'],
    ]);
  });

  it('names the stack holding the endpoint the alias answers with, and skips a public zone', () => {
    const json = network({ isolated: { 'eu-west-1a': '10.0.0.0/20' } }, 'private-only');
    add(json, 'aws_route53_zone', 'zone', { name: LAMBDA_ZONE, vpc: [{ vpc_id: ref('aws_vpc', 'vpc') }] });
    add(json, 'aws_route53_zone', 'public', { name: 'example.com' });
    add(json, 'aws_route53_record', 'alias', {
      zone_id: ref('aws_route53_zone', 'zone', 'zone_id'),
      name: LAMBDA_ZONE,
      type: 'A',
      alias: [{ name: REMOTE, zone_id: 'Z1', evaluate_target_health: false }],
    });
    const m = model(json);
    expect(m.nodes.filter((node) => node.kind === 'private-hosted-zone').map((node) => node.label)).toEqual([
      `private hosted zone\n${LAMBDA_ZONE}\nalias: endpoint of example-target`,
    ]);
  });
});
