import { protocolName, securityGroupRules, StackDocument, StackJson } from '@lambda-vpc/stack-model';

const GROUP = '${aws_security_group.fn.id}';

function stack(resource: StackJson['resource']): StackDocument {
  return new StackDocument('s', { resource });
}

describe('securityGroupRules: the three Terraform shapes, one way', () => {
  it('reads a standalone aws_vpc_security_group_*_rule (what the blueprints write)', () => {
    const doc = stack({
      aws_security_group: { fn: { name: 'fn' } },
      aws_vpc_security_group_egress_rule: {
        https: { security_group_id: GROUP, ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
        dynamodb: {
          security_group_id: GROUP,
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          prefix_list_id: '${aws_vpc_endpoint.dynamodb.prefix_list_id}',
        },
      },
      aws_vpc_security_group_ingress_rule: {
        peer: {
          security_group_id: GROUP,
          ip_protocol: '-1',
          referenced_security_group_id: '${aws_security_group.caller.id}',
        },
      },
    });
    expect(securityGroupRules(doc).map(({ resource, ...rule }) => [resource.address, rule])).toEqual([
      [
        'aws_vpc_security_group_ingress_rule.peer',
        {
          address: 'aws_vpc_security_group_ingress_rule.peer',
          groupReference: GROUP,
          direction: 'ingress',
          protocol: 'all',
          fromPort: undefined,
          toPort: undefined,
          ipv4: [],
          ipv6: [],
          prefixLists: [],
          peerGroups: ['${aws_security_group.caller.id}'],
        },
      ],
      [
        'aws_vpc_security_group_egress_rule.https',
        {
          address: 'aws_vpc_security_group_egress_rule.https',
          groupReference: GROUP,
          direction: 'egress',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          ipv4: ['0.0.0.0/0'],
          ipv6: [],
          prefixLists: [],
          peerGroups: [],
        },
      ],
      [
        'aws_vpc_security_group_egress_rule.dynamodb',
        {
          address: 'aws_vpc_security_group_egress_rule.dynamodb',
          groupReference: GROUP,
          direction: 'egress',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          ipv4: [],
          ipv6: [],
          prefixLists: ['${aws_vpc_endpoint.dynamodb.prefix_list_id}'],
          peerGroups: [],
        },
      ],
    ]);
  });

  it('reads an aws_security_group_rule, with self as the owning group', () => {
    const doc = stack({
      aws_security_group_rule: {
        dns: {
          type: 'egress',
          security_group_id: GROUP,
          protocol: '17',
          from_port: '53',
          to_port: '53',
          cidr_blocks: ['10.0.0.2/32'],
          ipv6_cidr_blocks: ['::/0'],
        },
        mesh: {
          type: 'ingress',
          security_group_id: GROUP,
          protocol: 'tcp',
          from_port: 0,
          to_port: 65535,
          self: true,
          source_security_group_id: undefined,
        },
      },
    });
    const [dns, mesh] = securityGroupRules(doc);
    expect([dns.direction, dns.protocol, dns.fromPort, dns.toPort, dns.ipv4, dns.ipv6]).toEqual([
      'egress',
      'udp',
      53,
      53,
      ['10.0.0.2/32'],
      ['::/0'],
    ]);
    expect([mesh.direction, mesh.peerGroups]).toEqual(['ingress', [GROUP]]);
  });

  it(
    "reads inline ingress and egress blocks of a group and of a VPC's default group, each with its own " + 'address',
    () => {
      const doc = stack({
        aws_security_group: {
          fn: {
            ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }],
            egress: { protocol: '-1', security_groups: ['${aws_security_group.db.id}'] },
          },
        },
        aws_default_security_group: { vpc: { ingress: [{ protocol: '-1', self: true }] } },
      });
      expect(
        securityGroupRules(doc).map((rule) => [
          rule.address,
          rule.resource.address,
          rule.groupReference,
          rule.protocol,
          rule.peerGroups,
        ]),
      ).toEqual([
        ['aws_security_group.fn ingress[0]', 'aws_security_group.fn', GROUP, 'tcp', []],
        ['aws_security_group.fn egress[0]', 'aws_security_group.fn', GROUP, 'all', ['${aws_security_group.db.id}']],
        [
          'aws_default_security_group.vpc ingress[0]',
          'aws_default_security_group.vpc',
          '${aws_default_security_group.vpc.id}',
          'all',
          ['${aws_default_security_group.vpc.id}'],
        ],
      ]);
    },
  );

  it('finds none in a stack without security groups', () => {
    expect(securityGroupRules(stack({ aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } }))).toEqual([]);
  });
});

describe('protocolName', () => {
  it('names protocol numbers and -1 the way rules compare them', () => {
    expect(['-1', 6, '17', '1', '58', 'TCP', undefined, '47'].map(protocolName)).toEqual([
      'all',
      'tcp',
      'udp',
      'icmp',
      'icmpv6',
      'tcp',
      'all',
      '47',
    ]);
  });
});
