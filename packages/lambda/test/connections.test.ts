import { Construct } from 'constructs';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { ExistingSecurityGroup, Peer, Port } from '@lambda-vpc/network';
import {
  bodiesOf,
  onlyResource,
  referenceTo,
  resourcesOf,
  synthConstructs,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { functionProps, makeCodeDirectory, removeDirectory, testNetwork } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
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

describe("the function's connections: rules out of its security group", () => {
  it('to a prefix list: one TCP egress rule on the function group naming the prefix list', () => {
    const json = withFunction((fn) =>
      fn.connections.allowTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.https(), 'HTTPS to DynamoDB'),
    );
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
    const json = withFunction((fn) =>
      fn.connections.allowTo(Peer.ipv4('10.200.0.0/16', 'on-premises'), Port.https(), 'HTTPS on premises'),
    );
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
    const json = withFunction((fn) =>
      fn.connections.allowTo(Peer.ipv4('10.10.0.2/32', 'vpc-resolver'), Port.udp(53), 'DNS'),
    );
    const rule = onlyResource(json, 'aws_vpc_security_group_egress_rule');
    expect(rule.ip_protocol).toBe('udp');
    expect([rule.from_port, rule.to_port]).toEqual([53, 53]);
  });

  it('keeps one rule per peer and port', () => {
    const json = withFunction((fn) => {
      fn.connections.allowTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.https(), 'HTTPS to DynamoDB');
      fn.connections.allowTo(Peer.prefixList('pl-6ea54007', 's3'), Port.https(), 'HTTPS to S3');
    });
    expect(
      bodiesOf(json, 'aws_vpc_security_group_egress_rule')
        .map((rule) => rule.prefix_list_id)
        .sort(),
    ).toEqual(['pl-6da54004', 'pl-6ea54007']);
    expect(() =>
      withFunction((fn) => {
        fn.connections.allowTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.https(), 'HTTPS to DynamoDB');
        fn.connections.allowTo(Peer.prefixList('pl-6da54004', 'dynamodb'), Port.https(), 'HTTPS to DynamoDB again');
      }),
    ).toThrow('fn: an egress rule for dynamodb on TCP 443 is already written');
  });
});

describe('the function admitted by a group it does not own (a database)', () => {
  const admitted = () =>
    withFunction((fn) => {
      const database = new ExistingSecurityGroup(fn.node.scope!, 'orders-db', { securityGroupId: DATABASE_SG });
      fn.connections.allowTo(database, Port.tcp(5432), 'PostgreSQL to orders-db');
    });

  it('admits the function group on the target group', () => {
    const json = admitted();
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toEqual({
      security_group_id: DATABASE_SG,
      description: 'TCP 5432 from fn',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: functionSecurityGroup(json),
    });
  });

  it('lets the function group out to the target group', () => {
    const json = admitted();
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      security_group_id: functionSecurityGroup(json),
      description: 'PostgreSQL to orders-db',
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

  it('has no security group, so no connections', () => {
    expect(
      outsideVpc((fn) => fn.connections.allowTo(Peer.ipv4('10.200.0.0/16', 'on-premises'), Port.https(), 'HTTPS')),
    ).toThrow('dev-test-api: connections needs a function attached to a VPC (set vpc)');
    expect(outsideVpc((fn) => fn.securityGroupId)).toThrow(
      'dev-test-api: securityGroupId needs a function attached to a VPC (set vpc)',
    );
  });
});

describe('ingress on the function and its label', () => {
  it('writes one ingress rule on the function group, named after the peer and port', () => {
    const json = withFunction((fn) =>
      fn.connections.allowFrom(
        Peer.ipv4('10.1.0.0/16', 'queue-workers'),
        Port.tcp(8443),
        'TCP 8443 from the queue workers',
      ),
    );
    expect(
      resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map(([name]) =>
        name.startsWith('fn_ingress_queue-workers_tcp8443'),
      ),
    ).toEqual([true]);
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toEqual({
      security_group_id: functionSecurityGroup(json),
      description: 'TCP 8443 from the queue workers',
      ip_protocol: 'tcp',
      from_port: 8443,
      to_port: 8443,
      cidr_ipv4: '10.1.0.0/16',
    });
  });

  it('is named by its construct ID unless told otherwise', () => {
    synthConstructs((scope) => {
      const network = testNetwork(scope);
      const byId = new LambdaFunction(scope, 'orders-api', functionProps(codeDirectory, { vpc: { network } }));
      const named = new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, { functionName: 'dev-test-other', vpc: { network }, peerLabel: 'billing' }),
      );
      expect([byId.peerLabel, named.peerLabel]).toEqual(['orders-api', 'billing']);
      expect([byId.connections.label, named.connections.label]).toEqual(['orders-api', 'billing']);
    });
  });
});
