import { Construct } from 'constructs';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Peer, Port } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, referenceTo, synthConstructs, TerraformJson } from '../../../test-support/terraform-json';
import { functionProps, makeCodeDirectory, removeDirectory, testNetwork } from './fixtures';

let codeDirectory: string;
beforeAll(() => { codeDirectory = makeCodeDirectory(); });
afterAll(() => removeDirectory(codeDirectory));

const DATABASE_SG = 'sg-0123456789abcdef0';

/** Synthesizes a VPC-attached function after `configure` adds its rules. */
function withFunction(configure: (fn: LambdaFunction) => void): TerraformJson {
  return synthConstructs((scope: Construct) => {
    const fn = new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { vpc: { network: testNetwork(scope) } }));
    configure(fn);
  });
}

function functionSecurityGroup(json: TerraformJson): string {
  return referenceTo(json, 'aws_security_group', onlyResource(json, 'aws_security_group'));
}

describe('allowEgressTo', () => {
  it('to a prefix list: one TCP egress rule on the function group naming the prefix list', () => {
    const json = withFunction((fn) => fn.allowEgressTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB'));
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      security_group_id: functionSecurityGroup(json),
      description: 'HTTPS to DynamoDB',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      prefix_list_id: 'pl-6da54004',
    });
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
  });

  it('to an IPv4 block: the rule names the block as cidr_ipv4', () => {
    const json = withFunction((fn) => fn.allowEgressTo(Peer.ipv4('10.200.0.0/16', 'on-premises'), Port.tcp(443), 'HTTPS on premises'));
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      security_group_id: functionSecurityGroup(json),
      description: 'HTTPS on premises',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '10.200.0.0/16',
    });
  });

  it('over UDP: the rule says udp', () => {
    const json = withFunction((fn) => fn.allowEgressTo(Peer.ipv4('10.10.0.2/32', 'vpc-resolver'), Port.udp(53), 'DNS'));
    const rule = onlyResource(json, 'aws_vpc_security_group_egress_rule');
    expect(rule.ip_protocol).toBe('udp');
    expect([rule.from_port, rule.to_port]).toEqual([53, 53]);
  });

  it('keeps one rule per peer and port', () => {
    const json = withFunction((fn) => {
      fn.allowEgressTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB');
      fn.allowEgressTo(Peer.prefixList('pl-6ea54007', 's3'), Port.tcp(443), 'HTTPS to S3');
    });
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => rule.prefix_list_id).sort())
      .toEqual(['pl-6da54004', 'pl-6ea54007']);
    expect(() => withFunction((fn) => {
      fn.allowEgressTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB');
      fn.allowEgressTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.tcp(443), 'HTTPS to DynamoDB again');
    })).toThrow('egress_dynamodb_tcp443');
  });
});

describe('allowConnectionsTo', () => {
  const database = { securityGroupId: DATABASE_SG, label: 'orders-db' };

  it('admits the function group on the target group', () => {
    const json = withFunction((fn) => fn.allowConnectionsTo(database, Port.tcp(5432)));
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toEqual({
      security_group_id: DATABASE_SG,
      description: 'TCP 5432 from Lambda function dev-test-api',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: functionSecurityGroup(json),
    });
  });

  it('lets the function group out to the target group', () => {
    const json = withFunction((fn) => fn.allowConnectionsTo(database, Port.tcp(5432)));
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      security_group_id: functionSecurityGroup(json),
      description: 'TCP 5432 to orders-db',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: DATABASE_SG,
    });
  });
});

describe('a function outside a VPC', () => {
  function outsideVpc(configure: (fn: LambdaFunction) => void): () => void {
    return () => synthConstructs((scope) => configure(new LambdaFunction(scope, 'fn', functionProps(codeDirectory))));
  }

  it('has no security group to add rules to', () => {
    expect(outsideVpc((fn) => fn.allowEgressTo(Peer.ipv4('10.200.0.0/16', 'on-premises'), Port.tcp(443), 'HTTPS')))
      .toThrow('dev-test-api: allowEgressTo needs a function attached to a VPC (set vpc)');
    expect(outsideVpc((fn) => fn.allowConnectionsTo({ securityGroupId: DATABASE_SG, label: 'orders-db' }, Port.tcp(5432))))
      .toThrow('dev-test-api: allowConnectionsTo needs a function attached to a VPC (set vpc)');
    expect(outsideVpc((fn) => fn.securityGroupId))
      .toThrow('dev-test-api: securityGroupId needs a function attached to a VPC (set vpc)');
  });
});

describe('Port', () => {
  it('names one port of a protocol', () => {
    expect(Port.tcp(443)).toMatchObject({ protocol: 'tcp', fromPort: 443, toPort: 443, id: 'tcp443' });
    expect(Port.udp(53).toString()).toBe('UDP 53');
    expect(Port.tcp(1).fromPort).toBe(1);
    expect(Port.tcp(65535).toPort).toBe(65535);
  });

  it.each([0, -1, 65536, 70000, 443.5, Number.NaN])('refuses %s', (port) => {
    expect(() => Port.tcp(port)).toThrow(`port ${port}-${port} is outside 1-65535`);
    expect(() => Port.udp(port)).toThrow('is outside 1-65535');
  });
});

describe('Peer', () => {
  it('carries the rule target of its kind', () => {
    expect(Peer.ipv4('10.200.0.0/16', 'on-premises').ruleTarget).toEqual({ cidrIpv4: '10.200.0.0/16' });
    expect(Peer.prefixList('pl-6da54004', 'dynamodb').ruleTarget).toEqual({ prefixListId: 'pl-6da54004' });
    expect(Peer.securityGroup(DATABASE_SG, 'orders-db2').ruleTarget).toEqual({ referencedSecurityGroupId: DATABASE_SG });
  });

  it.each(['Orders-DB', 'orders_db', 'orders db', ''])('refuses the label "%s"', (label) => {
    const message = `peer label "${label}" must be lower-case letters, digits and dashes`;
    expect(() => Peer.ipv4('10.200.0.0/16', label)).toThrow(message);
    expect(() => Peer.prefixList('pl-6da54004', label)).toThrow(message);
    expect(() => Peer.securityGroup(DATABASE_SG, label)).toThrow(message);
  });

  it('refuses a bad label passed through allowConnectionsTo, leaving neither rule behind', () => {
    const json = withFunction((fn) => {
      expect(() => fn.allowConnectionsTo({ securityGroupId: DATABASE_SG, label: 'OrdersDb' }, Port.tcp(5432)))
        .toThrow('peer label "OrdersDb" must be lower-case letters, digits and dashes');
    });
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
  });
});

describe('allowIngressFrom and peerLabel (the target side of connect())', () => {
  it('writes one ingress rule on the function group, named after the peer and port', () => {
    const json = withFunction((fn) => fn.allowIngressFrom(Peer.securityGroup('sg-0aaa', 'queue-worker'), Port.tcp(8443), 'TCP 8443 from the queue worker'));
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toEqual({
      security_group_id: functionSecurityGroup(json),
      description: 'TCP 8443 from the queue worker',
      ip_protocol: 'tcp', from_port: 8443, to_port: 8443,
      referenced_security_group_id: 'sg-0aaa',
    });
  });

  it('is named by its construct ID unless told otherwise', () => {
    synthConstructs((scope) => {
      const network = testNetwork(scope);
      const byId = new LambdaFunction(scope, 'orders-api', functionProps(codeDirectory, { vpc: { network } }));
      const named = new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { functionName: 'dev-test-other', vpc: { network }, peerLabel: 'billing' }));
      expect([byId.peerLabel, named.peerLabel]).toEqual(['orders-api', 'billing']);
    });
  });
});
