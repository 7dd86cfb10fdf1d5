import { query } from '@lambda-vpc/reachability';
import { add, analyze, body, FN, fnOf, natVpc, ref, remove, STACK } from './fixtures';

describe('security groups', () => {
  it('blocks the internet when no egress rule allows it, and says which group', () => {
    const json = natVpc();
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-internet');
    const fn = fnOf(json);
    expect(fn.destinations.internet.verdict).toBe('no');
    expect(fn.destinations.internet.reason).toBe(
      'security group egress: no rule of aws_security_group.fn allows tcp/443 to the internet (203.0.113.10/32)',
    );
    // The route is intact: the path still shows where it would have gone.
    expect(fn.destinations.internet.path).toContain('aws_nat_gateway.nat');
    // The prefix-list rule still covers DynamoDB.
    expect(fn.destinations.dynamodb.verdict).toBe('yes');
  });

  it('matches protocol and port: TCP 443 does not allow 8443, ip_protocol -1 allows every port', () => {
    const json = natVpc();
    expect(query(STACK, json, FN, { cidr: '198.51.100.7', port: 8443 }).reason).toMatch(
      /no rule of aws_security_group.fn allows tcp\/8443/,
    );
    add(json, 'aws_vpc_security_group_egress_rule', 'fn-all', {
      security_group_id: ref('aws_security_group', 'fn'),
      cidr_ipv4: '198.51.100.0/24',
      ip_protocol: '-1',
    });
    expect(query(STACK, json, FN, { cidr: '198.51.100.7', port: 8443 }).verdict).toBe('yes');
  });

  it('matches the protocol: a TCP rule does not allow UDP to the same port', () => {
    expect(query(STACK, natVpc(), FN, { cidr: '198.51.100.7', port: 443 }).verdict).toBe('yes');
    expect(query(STACK, natVpc(), FN, { cidr: '198.51.100.7', port: 443, protocol: 'udp' }).reason).toMatch(
      /no rule of aws_security_group.fn allows udp\/443/,
    );
  });

  it('does not let a narrower CIDR rule stand for a service prefix list it cannot be known to cover', () => {
    const json = natVpc();
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-dynamodb');
    body(json, 'aws_vpc_security_group_egress_rule', 'fn-internet').cidr_ipv4 = '52.0.0.0/8';
    expect(fnOf(json).destinations.dynamodb.reason).toMatch(
      /security group egress: no rule .* allows tcp\/443 to dynamodb/,
    );
  });

  it('reads aws_security_group_rule and inline egress blocks as well', () => {
    const json = natVpc();
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-internet');
    add(json, 'aws_security_group_rule', 'fn-out', {
      type: 'egress',
      security_group_id: ref('aws_security_group', 'fn'),
      protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_blocks: ['0.0.0.0/0'],
    });
    expect(fnOf(json).destinations.internet.verdict).toBe('yes');
    remove(json, 'aws_security_group_rule', 'fn-out');
    body(json, 'aws_security_group', 'fn').egress = [
      { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] },
    ];
    expect(fnOf(json).destinations.internet.verdict).toBe('yes');
  });
});

describe('network ACLs (stateless, rule order)', () => {
  const aclOnPrivateA = (egress: Record<string, unknown>[], ingress: Record<string, unknown>[]) => {
    const json = natVpc();
    add(json, 'aws_network_acl', 'private', {
      vpc_id: ref('aws_vpc', 'vpc'),
      subnet_ids: [ref('aws_subnet', 'private-a')],
      egress,
      ingress,
    });
    return json;
  };
  const allowAll = { rule_no: 200, protocol: '-1', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 };
  const deny443 = (rule_no: number) => ({
    rule_no,
    protocol: 'tcp',
    action: 'deny',
    cidr_block: '0.0.0.0/0',
    from_port: 443,
    to_port: 443,
  });

  it('denies when a lower-numbered deny precedes the allow', () => {
    const internet = fnOf(aclOnPrivateA([deny443(100), allowAll], [allowAll])).destinations.internet.paths[0]!;
    expect(internet.verdict).toBe('no');
    expect(internet.path).toContain('aws_network_acl.private');
    expect(internet.reason).toMatch(
      /network ACL aws_network_acl.private of aws_subnet.private-a: outbound tcp\/443 to the internet .* is denied by aws_network_acl.private egress\[0\] \(#100 deny\)/,
    );
  });

  it('allows when the allow comes first, whatever the order the rules are written in', () => {
    const internet = fnOf(aclOnPrivateA([deny443(300), allowAll], [allowAll])).destinations.internet;
    expect(internet.verdict).toBe('yes');
  });

  it('needs an inbound rule for the reply: with none, the default deny drops it', () => {
    const internet = fnOf(aclOnPrivateA([allowAll], [])).destinations.internet.paths[0]!;
    expect(internet.verdict).toBe('no');
    expect(internet.reason).toMatch(
      /the reply \(inbound tcp\/32768 from the internet .*\) is denied by aws_network_acl.private default deny/,
    );
  });

  it('reads aws_network_acl_rule resources and aws_network_acl_association', () => {
    const json = natVpc();
    add(json, 'aws_network_acl', 'private', { vpc_id: ref('aws_vpc', 'vpc') });
    add(json, 'aws_network_acl_association', 'private-b', {
      network_acl_id: ref('aws_network_acl', 'private'),
      subnet_id: ref('aws_subnet', 'private-b'),
    });
    add(json, 'aws_network_acl_rule', 'in', {
      network_acl_id: ref('aws_network_acl', 'private'),
      rule_number: 100,
      egress: false,
      protocol: '-1',
      rule_action: 'allow',
      cidr_block: '0.0.0.0/0',
    });
    add(json, 'aws_network_acl_rule', 'out-deny', {
      network_acl_id: ref('aws_network_acl', 'private'),
      rule_number: 50,
      egress: true,
      protocol: '6',
      rule_action: 'deny',
      cidr_block: '203.0.113.0/24',
      from_port: 0,
      to_port: 65535,
    });
    add(json, 'aws_network_acl_rule', 'out', {
      network_acl_id: ref('aws_network_acl', 'private'),
      rule_number: 100,
      egress: true,
      protocol: '-1',
      rule_action: 'allow',
      cidr_block: '0.0.0.0/0',
    });
    const [a, b] = fnOf(json).destinations.internet.paths;
    expect(a!.verdict).toBe('yes');
    expect(b!.reason).toMatch(/denied by aws_network_acl_rule.out-deny \(#50 deny\)/);
  });

  it('notes that the stack declares no network ACL, so every subnet keeps the allow-all default', () => {
    expect(analyze(natVpc()).notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no network ACL is declared/)]),
    );
  });
});
