// Connections: one model for security group rules. Both sides of a pair from one call, rule IDs from content
// (direction, peer, port), and the checks a group's owner makes before anything is written.
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Connections, ExistingSecurityGroup, Peer, Port } from '@lambda-vpc/network';
import {
  bodiesOf,
  resourcesOf,
  synthConstructs,
  TerraformBody,
  TerraformJson,
} from '../../../test-support/terraform-json';

/** A construct with a security group of its own, connectable as `label`. */
function groupOwner(scope: Construct, id: string, check?: ConstructorParameters<typeof Connections>[0]['check']) {
  const owner = new Construct(scope, id);
  const group = new SecurityGroup(owner, 'security-group', { name: id, description: id });
  return { connections: Connections.ofSecurityGroup(owner, group.id, { check }) };
}

const rulesOf = (json: TerraformJson, type: string): TerraformBody[] =>
  resourcesOf(json, type).map(([name, body]) => ({ name, ...body }));

describe('allowTo between two groups', () => {
  it('writes the egress rule on this group and the ingress rule on the other, each naming the other group', () => {
    const json = synthConstructs((scope) => {
      const api = groupOwner(scope, 'api');
      const database = new ExistingSecurityGroup(scope, 'orders-db', { securityGroupId: 'sg-0123456789abcdef0' });
      api.connections.allowTo(database, Port.tcp(5432), 'PostgreSQL to the orders database');
    });
    const [egress] = rulesOf(json, 'aws_vpc_security_group_egress_rule');
    const [ingress] = rulesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(egress).toMatchObject({
      name: expect.stringMatching(/^api_egress_orders-db_tcp5432/),
      description: 'PostgreSQL to the orders database',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: 'sg-0123456789abcdef0',
    });
    expect(ingress).toMatchObject({
      name: expect.stringMatching(/^orders-db_ingress_api_tcp5432/),
      description: 'TCP 5432 from api',
      security_group_id: 'sg-0123456789abcdef0',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: expect.stringMatching(/^\$\{aws_security_group\.api_security-group.*\.id\}$/),
    });
  });

  it("describes the other side by the port's name when it has one, or by the description given for it", () => {
    const json = synthConstructs((scope) => {
      const caller = groupOwner(scope, 'caller');
      const endpoint = groupOwner(scope, 'lambda-endpoint');
      caller.connections.allowTo(endpoint, Port.https(), 'HTTPS to the Lambda API');
      endpoint.connections.allowFrom(caller, Port.udp(53), 'DNS from the caller', 'DNS to the endpoint');
    });
    expect(
      bodiesOf(json, 'aws_vpc_security_group_ingress_rule')
        .map((rule) => rule.description)
        .sort(),
    ).toEqual(['DNS from the caller', 'HTTPS from caller']);
    expect(
      bodiesOf(json, 'aws_vpc_security_group_egress_rule')
        .map((rule) => rule.description)
        .sort(),
    ).toEqual(['DNS to the endpoint', 'HTTPS to the Lambda API']);
  });
});

describe('rules with a peer that has no group (a CIDR, a prefix list)', () => {
  it('writes one rule, on this group, naming the peer', () => {
    const json = synthConstructs((scope) => {
      const api = groupOwner(scope, 'api');
      api.connections.allowTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.https(), 'HTTPS to DynamoDB');
      api.connections.allowTo(Peer.anyIpv4(), Port.https(), 'HTTPS to the internet through NAT');
      api.connections.allowFrom(Peer.ipv4('172.16.0.0/16'), Port.https(), 'HTTPS from on-premises');
    });
    expect(
      rulesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => [
        rule.name.split('_').slice(0, 4).join('_'),
        rule.prefix_list_id,
        rule.cidr_ipv4,
      ]),
    ).toEqual([
      ['api_egress_dynamodb_tcp443', 'pl-6da54004', undefined],
      ['api_egress_internet_tcp443', undefined, '0.0.0.0/0'],
    ]);
    expect(
      rulesOf(json, 'aws_vpc_security_group_ingress_rule').map((rule) => [
        rule.name.split('_').slice(0, 4).join('_'),
        rule.cidr_ipv4,
      ]),
    ).toEqual([['api_ingress_172-16-0-0-16_tcp443', '172.16.0.0/16']]);
  });

  it('names a CIDR by the block itself, so reordering a list of blocks moves no rule', () => {
    const names = (cidrs: string[]) => {
      const json = synthConstructs((scope) => {
        const endpoint = groupOwner(scope, 'endpoint');
        for (const cidr of cidrs) endpoint.connections.allowFrom(Peer.ipv4(cidr), Port.https(), `HTTPS from ${cidr}`);
      });
      return Object.fromEntries(
        rulesOf(json, 'aws_vpc_security_group_ingress_rule').map((rule) => [rule.cidr_ipv4, rule.name]),
      );
    };
    expect(names(['10.0.0.0/8', '192.168.0.0/16'])).toEqual(names(['192.168.0.0/16', '10.0.0.0/8']));
    expect(Peer.ipv4('10.0.0.0/8').label).toBe('10-0-0-0-8');
  });

  it('refuses a rule written on a peer, which has no group to write it on', () => {
    synthConstructs((scope) => {
      const api = groupOwner(scope, 'api');
      expect(() => Peer.ipv4('10.0.0.0/8').connections.allowTo(api, Port.https(), 'x')).toThrow(
        "10-0-0-0-8: allowTo(api) writes a rule on this side's security group, and it has none; call it on api's " +
          'connections instead',
      );
    });
  });
});

describe('what the owner of a group refuses', () => {
  it('a second rule for the same direction, peer and port', () => {
    synthConstructs((scope) => {
      const api = groupOwner(scope, 'api');
      api.connections.allowTo(Peer.anyIpv4(), Port.https(), 'HTTPS out');
      expect(() => api.connections.allowTo(Peer.anyIpv4(), Port.https(), 'again')).toThrow(
        'api: an egress rule for internet on TCP 443 is already written; each peer and port once',
      );
    });
  });

  it('whatever its check refuses, leaving neither rule of the pair behind', () => {
    const json = synthConstructs((scope) => {
      const endpoint = groupOwner(scope, 'endpoint', (_direction, peer, port) => {
        if (port.id !== 'tcp443') throw new Error(`endpoint: HTTPS only, not ${port} from ${peer.label}`);
      });
      const caller = groupOwner(scope, 'caller');
      expect(() => caller.connections.allowTo(endpoint, Port.tcp(22), 'SSH')).toThrow(
        'endpoint: HTTPS only, not TCP 22 from caller',
      );
    });
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });
});

describe('Port', () => {
  it('names one port of a protocol, and well-known ones by name', () => {
    expect(Port.tcp(443)).toMatchObject({ protocol: 'tcp', fromPort: 443, toPort: 443, id: 'tcp443', label: 'HTTPS' });
    expect(Port.https().id).toBe('tcp443');
    expect([Port.udp(53).label, Port.tcp(53).label, Port.tcp(5432).label]).toEqual([
      'DNS over UDP',
      'DNS over TCP',
      'TCP 5432',
    ]);
    expect(Port.udp(53).toString()).toBe('UDP 53');
    expect([Port.tcp(1).fromPort, Port.tcp(65535).toPort]).toEqual([1, 65535]);
  });

  it.each([0, -1, 65536, 70000, 443.5, Number.NaN])('refuses %s', (port) => {
    expect(() => Port.tcp(port)).toThrow(`port ${port}-${port} is outside 1-65535`);
    expect(() => Port.udp(port)).toThrow('is outside 1-65535');
  });
});

describe('Peer', () => {
  it('carries the rule target of its kind', () => {
    expect(Peer.ipv4('10.200.0.0/16', 'on-premises').ruleTarget).toEqual({ cidrIpv4: '10.200.0.0/16' });
    expect(Peer.anyIpv4()).toMatchObject({ label: 'internet', ruleTarget: { cidrIpv4: '0.0.0.0/0' } });
    expect(Peer.anyIpv6()).toMatchObject({ label: 'internet-ipv6', ruleTarget: { cidrIpv6: '::/0' } });
    expect(Peer.ipv6('2001:db8::/32')).toMatchObject({
      label: '2001-db8---32',
      ruleTarget: { cidrIpv6: '2001:db8::/32' },
    });
    expect(Peer.prefixList('pl-6da54004', 'dynamodb').ruleTarget).toEqual({ prefixListId: 'pl-6da54004' });
  });

  it.each(['Orders-DB', 'orders_db', 'orders db', ''])('refuses the label "%s"', (label) => {
    const message = `peer label "${label}" must be lower-case letters, digits and dashes`;
    expect(() => Peer.ipv4('10.200.0.0/16', label)).toThrow(message);
    expect(() => Peer.prefixList('pl-6da54004', label)).toThrow(message);
    expect(() =>
      synthConstructs((scope) => new ExistingSecurityGroup(scope, 'db', { securityGroupId: 'sg-1', label })),
    ).toThrow(`connections label "${label}" must be lower-case letters, digits and dashes`);
  });
});
