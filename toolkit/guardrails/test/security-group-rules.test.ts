import { addResource, baseline, EGRESS_RULE, errorsOf, expected, ref, resourceOf, SECURITY_GROUP } from './fixtures';

const GROUP = ref('aws_security_group', SECURITY_GROUP);
const HTTPS = { ip_protocol: 'tcp', from_port: 443, to_port: 443 };

describe('LVB-SG-1 no ingress from everywhere', () => {
  it('fires on an aws_vpc_security_group_ingress_rule with cidr_ipv4 0.0.0.0/0', () => {
    const json = baseline();
    addResource(
      json,
      'aws_vpc_security_group_ingress_rule',
      'fn_ingress_any',
      { security_group_id: GROUP, description: 'HTTPS from anywhere', ...HTTPS, cidr_ipv4: '0.0.0.0/0' },
      'fn/ingress_any',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-SG-1',
        'aws_vpc_security_group_ingress_rule.fn_ingress_any',
        'test-stack/fn/ingress_any',
        'ingress from every address',
      ),
    ]);
  });

  it('fires on an aws_vpc_security_group_ingress_rule with cidr_ipv6 ::/0', () => {
    const json = baseline();
    addResource(
      json,
      'aws_vpc_security_group_ingress_rule',
      'fn_ingress_any6',
      { security_group_id: GROUP, description: 'HTTPS from anywhere (IPv6)', ...HTTPS, cidr_ipv6: '::/0' },
      'fn/ingress_any6',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-SG-1',
        'aws_vpc_security_group_ingress_rule.fn_ingress_any6',
        'test-stack/fn/ingress_any6',
        'ingress from every address',
      ),
    ]);
  });

  it('fires on an ingress aws_security_group_rule with 0.0.0.0/0 among its cidr_blocks', () => {
    const json = baseline();
    addResource(
      json,
      'aws_security_group_rule',
      'legacy_ingress',
      {
        type: 'ingress',
        security_group_id: GROUP,
        description: 'HTTPS',
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_blocks: ['10.0.0.0/16', '0.0.0.0/0'],
      },
      'legacy/ingress',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-SG-1',
        'aws_security_group_rule.legacy_ingress',
        'test-stack/legacy/ingress',
        'ingress from every address',
      ),
    ]);
  });

  it('fires on an ingress aws_security_group_rule with ::/0 in ipv6_cidr_blocks', () => {
    const json = baseline();
    addResource(
      json,
      'aws_security_group_rule',
      'legacy_ingress6',
      {
        type: 'ingress',
        security_group_id: GROUP,
        description: 'HTTPS',
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        ipv6_cidr_blocks: ['::/0'],
      },
      'legacy/ingress6',
    );
    expect(errorsOf(json).map((e) => [e.ruleId, e.address])).toEqual([
      ['LVB-SG-1', 'aws_security_group_rule.legacy_ingress6'],
    ]);
  });

  it('fires on a security group with an inline ingress block from 0.0.0.0/0', () => {
    const json = baseline();
    addResource(
      json,
      'aws_security_group',
      'web',
      {
        vpc_id: ref('aws_vpc', 'network_vpc'),
        description: 'Web servers',
        ingress: [
          {
            description: 'HTTPS from the VPC',
            protocol: 'tcp',
            from_port: 443,
            to_port: 443,
            cidr_blocks: ['10.0.0.0/16'],
          },
          {
            description: 'HTTP from anywhere',
            protocol: 'tcp',
            from_port: 80,
            to_port: 80,
            cidr_blocks: ['0.0.0.0/0'],
          },
        ],
      },
      'web/security-group',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-SG-1', 'aws_security_group.web', 'test-stack/web/security-group', 'ingress from every address'),
    ]);
  });

  it('fires on a security group with an inline ingress block from ::/0 in ipv6_cidr_blocks', () => {
    const json = baseline();
    resourceOf(json, 'aws_security_group', SECURITY_GROUP).ingress = [
      {
        description: 'HTTPS from anywhere (IPv6)',
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_blocks: [],
        ipv6_cidr_blocks: ['2001:db8::/56', '::/0'],
      },
    ];
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-SG-1',
        `aws_security_group.${SECURITY_GROUP}`,
        'test-stack/fn/security-group',
        'ingress from every address',
      ),
    ]);
  });

  it('passes egress to ::/0 (a dual-stack function out through an egress-only gateway), as it does 0.0.0.0/0', () => {
    const json = baseline();
    addResource(json, 'aws_vpc_security_group_egress_rule', 'fn_egress_ipv6', {
      security_group_id: GROUP,
      description: 'HTTPS to the IPv6 internet through the egress-only internet gateway',
      ...HTTPS,
      cidr_ipv6: '::/0',
    });
    expect(errorsOf(json)).toEqual([]);
  });

  it('passes ingress from 10.0.0.0/8 in every form, and an egress rule to 0.0.0.0/0, beside one that fires', () => {
    const json = baseline();
    addResource(json, 'aws_vpc_security_group_ingress_rule', 'private_v4', {
      security_group_id: GROUP,
      description: 'HTTPS from private ranges',
      ...HTTPS,
      cidr_ipv4: '10.0.0.0/8',
    });
    addResource(json, 'aws_vpc_security_group_ingress_rule', 'private_v6', {
      security_group_id: GROUP,
      description: 'HTTPS from the VPC (IPv6)',
      ...HTTPS,
      cidr_ipv6: '2001:db8::/56',
    });
    addResource(json, 'aws_security_group_rule', 'legacy_private', {
      type: 'ingress',
      security_group_id: GROUP,
      description: 'HTTPS',
      protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_blocks: ['10.0.0.0/8'],
    });
    addResource(json, 'aws_security_group_rule', 'legacy_egress', {
      type: 'egress',
      security_group_id: GROUP,
      description: 'HTTPS out',
      protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_blocks: ['0.0.0.0/0'],
    });
    resourceOf(json, 'aws_vpc_security_group_egress_rule', EGRESS_RULE).cidr_ipv4 = '0.0.0.0/0';
    resourceOf(json, 'aws_security_group', SECURITY_GROUP).ingress = [
      {
        description: 'From private ranges',
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_blocks: ['10.0.0.0/8'],
      },
    ];
    addResource(json, 'aws_vpc_security_group_ingress_rule', 'open', {
      security_group_id: GROUP,
      description: 'HTTPS from anywhere',
      ...HTTPS,
      cidr_ipv4: '0.0.0.0/0',
    });
    expect(errorsOf(json)).toEqual([
      expected('LVB-SG-1', 'aws_vpc_security_group_ingress_rule.open', 'test-stack/open', 'ingress from every address'),
    ]);
  });
});

describe('LVB-SG-2 described security groups and rules', () => {
  it('fires on a security group without a description', () => {
    const json = baseline();
    delete resourceOf(json, 'aws_security_group', SECURITY_GROUP).description;
    expect(errorsOf(json)).toEqual([
      expected('LVB-SG-2', `aws_security_group.${SECURITY_GROUP}`, 'test-stack/fn/security-group', 'no description'),
    ]);
  });

  it('fires on a security group whose description is blank', () => {
    const json = baseline();
    resourceOf(json, 'aws_security_group', SECURITY_GROUP).description = '   ';
    expect(errorsOf(json)).toEqual([
      expected('LVB-SG-2', `aws_security_group.${SECURITY_GROUP}`, 'test-stack/fn/security-group', 'no description'),
    ]);
  });

  it('fires on an egress rule without a description', () => {
    const json = baseline();
    delete resourceOf(json, 'aws_vpc_security_group_egress_rule', EGRESS_RULE).description;
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-SG-2',
        `aws_vpc_security_group_egress_rule.${EGRESS_RULE}`,
        'test-stack/fn/egress_https',
        'no description',
      ),
    ]);
  });

  it('fires on an ingress rule with an empty description and on an aws_security_group_rule without one', () => {
    const json = baseline();
    addResource(
      json,
      'aws_vpc_security_group_ingress_rule',
      'fn_ingress',
      { security_group_id: GROUP, description: '', ...HTTPS, cidr_ipv4: '10.0.0.0/16' },
      'fn/ingress',
    );
    addResource(
      json,
      'aws_security_group_rule',
      'legacy',
      {
        type: 'egress',
        security_group_id: GROUP,
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_blocks: ['10.0.0.0/16'],
      },
      'legacy/rule',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-SG-2', 'aws_vpc_security_group_ingress_rule.fn_ingress', 'test-stack/fn/ingress', 'no description'),
      expected('LVB-SG-2', 'aws_security_group_rule.legacy', 'test-stack/legacy/rule', 'no description'),
    ]);
  });

  it('passes described groups and rules, beside an undescribed one that fires', () => {
    const json = baseline();
    addResource(json, 'aws_vpc_security_group_ingress_rule', 'described', {
      security_group_id: GROUP,
      description: 'HTTPS from the VPC',
      ...HTTPS,
      cidr_ipv4: '10.0.0.0/16',
    });
    addResource(json, 'aws_vpc_security_group_ingress_rule', 'undescribed', {
      security_group_id: GROUP,
      ...HTTPS,
      cidr_ipv4: '10.0.0.0/16',
    });
    expect(errorsOf(json).map((e) => [e.ruleId, e.address])).toEqual([
      ['LVB-SG-2', 'aws_vpc_security_group_ingress_rule.undescribed'],
    ]);
  });
});
