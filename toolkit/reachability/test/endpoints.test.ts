import { admittingNetworkAcl } from '../../../test-support/stack-json';
import {
  add,
  addLambdaEndpoint,
  addSecretsManagerEndpoint,
  analyze,
  body,
  FN,
  fnOf,
  natVpc,
  policy,
  ref,
  remove,
} from './fixtures';

describe('the Lambda API', () => {
  it('is a public endpoint reached like the internet (through NAT) without an interface endpoint', () => {
    const lambda = fnOf(natVpc()).destinations['lambda-api'];
    expect(lambda).toMatchObject({ verdict: 'yes', via: 'nat-gateway' });
    expect(lambda.paths[0]!.notes).toEqual(
      expect.arrayContaining([
        'no interface endpoint for com.amazonaws.eu-west-1.lambda with private DNS in aws_vpc.vpc: ' +
          'lambda.eu-west-1.amazonaws.com resolves to public addresses',
      ]),
    );
  });

  it('resolves to the interface endpoint in the same AZ when private DNS is on', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    const lambda = fnOf(json).destinations['lambda-api'];
    expect(lambda).toMatchObject({ verdict: 'yes', via: 'interface-endpoint', policyAllows: true, policyOpen: false });
    expect(lambda.paths[1]!.path).toEqual([
      FN,
      'aws_security_group.fn',
      'aws_route_table.private-b',
      'aws_vpc.vpc',
      'aws_security_group.endpoint',
      'aws_vpc_endpoint.lambda',
    ]);
  });

  it('goes back to the public path (NAT) when private DNS is off, and says why', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    body(json, 'aws_vpc_endpoint', 'lambda').private_dns_enabled = false;
    const lambda = fnOf(json).destinations['lambda-api'];
    expect(lambda.via).toBe('nat-gateway');
    expect(lambda.paths[0]!.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/aws_vpc_endpoint.lambda has private DNS off/)]),
    );
  });

  it('finds the endpoint placed by aws_vpc_endpoint_subnet_association instead of subnet_ids', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    delete body(json, 'aws_vpc_endpoint', 'lambda').subnet_ids;
    for (const z of ['a', 'b']) {
      add(json, 'aws_vpc_endpoint_subnet_association', `lambda-${z}`, {
        vpc_endpoint_id: ref('aws_vpc_endpoint', 'lambda'),
        subnet_id: ref('aws_subnet', `private-${z}`),
      });
    }
    const result = analyze(json);
    expect(result.functions.find((fn) => fn.function === FN)!.destinations['lambda-api']).toMatchObject({
      verdict: 'yes',
      via: 'interface-endpoint',
    });
    expect(result.endpoints[0]).toMatchObject({
      endpoint: 'aws_vpc_endpoint.lambda',
      subnets: ['aws_subnet.private-a', 'aws_subnet.private-b'],
      reachedBy: [FN],
    });
  });

  it("is blocked when the endpoint's security group does not admit the function", () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    remove(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-from-fn');
    const lambda = fnOf(json).destinations['lambda-api'];
    expect(lambda.verdict).toBe('no');
    expect(lambda.reason).toBe(
      'security group ingress of aws_vpc_endpoint.lambda: no rule of aws_security_group.endpoint admits tcp/443 from ' +
        'aws_security_group.fn or 10.0.10.0/24',
    );
  });

  it('is admitted by a CIDR rule covering the function subnet as well as by a group reference', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    const rule = body(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-from-fn');
    delete rule.referenced_security_group_id;
    rule.cidr_ipv4 = '10.0.0.0/16';
    expect(fnOf(json).destinations['lambda-api'].verdict).toBe('yes');
  });

  it('reports a policy that does not name the role: reachable at the network level, policyAllows false', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    body(json, 'aws_vpc_endpoint', 'lambda').policy = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:role/someone-else' },
      Action: 'lambda:InvokeFunction',
      Resource: '*',
    });
    const lambda = fnOf(json).destinations['lambda-api'];
    expect(lambda).toMatchObject({
      verdict: 'yes',
      via: 'interface-endpoint',
      policyAllows: false,
      policyOpen: false,
    });
  });

  it('matches a literal role ARN by name, and honours an unconditional Deny', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    const endpoint = body(json, 'aws_vpc_endpoint', 'lambda');
    endpoint.policy = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:role/unit-fn' },
      Action: 'lambda:Invoke*',
      Resource: '*',
    });
    expect(fnOf(json).destinations['lambda-api'].policyAllows).toBe(true);
    endpoint.policy = policy(
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' },
    );
    expect(fnOf(json).destinations['lambda-api']).toMatchObject({ policyAllows: false, policyOpen: true });
  });
});

describe('endpoint reports', () => {
  it('lists what an interface endpoint admits on 443, who reaches it, and who may invoke what', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    add(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-from-onprem', {
      security_group_id: ref('aws_security_group', 'endpoint'),
      cidr_ipv4: '172.16.0.0/16',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
    add(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-ssh', {
      security_group_id: ref('aws_security_group', 'endpoint'),
      cidr_ipv4: '192.168.0.0/16',
      ip_protocol: 'tcp',
      from_port: 22,
      to_port: 22,
    });
    const [endpoint] = analyze(json).endpoints;
    expect(endpoint).toMatchObject({
      endpoint: 'aws_vpc_endpoint.lambda',
      service: 'lambda',
      privateDns: true,
      securityGroups: ['aws_security_group.endpoint'],
      admits: { securityGroups: ['aws_security_group.fn'], cidrs: ['172.16.0.0/16'], port: 443 },
      reachedBy: [FN],
      policy: 'document',
      open: false,
      principals: ['aws_iam_role.fn'],
      resources: ['aws_lambda_function.target'],
      invokers: [
        {
          principal: 'aws_iam_role.fn',
          principalFunctions: [FN, 'aws_lambda_function.target'],
          functions: ['aws_lambda_function.target'],
        },
      ],
    });
    expect(endpoint!.admits.rules).toEqual(
      expect.arrayContaining([
        {
          rule: 'aws_vpc_security_group_ingress_rule.endpoint-ssh',
          source: '192.168.0.0/16',
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
        },
      ]),
    );
    expect(endpoint!.notes).toEqual([
      expect.stringMatching(
        /^no private route back to 172.16.0.0\/16 in aws_route_table.private-a, aws_route_table.private-b/,
      ),
    ]);
  });

  it('counts a function as reaching an endpoint of any service, not only the named destinations (here SQS)', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    const lambdaEndpoint = body(json, 'aws_vpc_endpoint', 'lambda');
    add(json, 'aws_vpc_endpoint', 'sqs', {
      ...lambdaEndpoint,
      service_name: 'com.amazonaws.eu-west-1.sqs',
      policy: undefined,
    });
    const sqs = analyze(json).endpoints.find((e) => e.endpoint === 'aws_vpc_endpoint.sqs');
    expect(sqs).toMatchObject({ service: 'sqs', reachedBy: [FN] });
    // The same endpoint without the rule that admits the function's group is reached by nobody.
    remove(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-from-fn');
    expect(analyze(json).endpoints.find((e) => e.endpoint === 'aws_vpc_endpoint.sqs')!.reachedBy).toEqual([]);
  });

  it('drops the return-route note once the endpoint subnets route the CIDR to a virtual private gateway', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    add(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-from-onprem', {
      security_group_id: ref('aws_security_group', 'endpoint'),
      cidr_ipv4: '172.16.0.0/16',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
    add(json, 'aws_vpn_gateway', 'vgw', { vpc_id: ref('aws_vpc', 'vpc') });
    for (const z of ['a', 'b']) {
      add(json, 'aws_route', `onprem-${z}`, {
        route_table_id: ref('aws_route_table', `private-${z}`),
        destination_cidr_block: '172.16.0.0/12',
        gateway_id: ref('aws_vpn_gateway', 'vgw'),
      });
    }
    expect(analyze(json).endpoints[0]!.notes).toEqual([]);
  });

  it('drops a CIDR the endpoint subnets’ network ACLs deny, and says so', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    add(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-from-onprem', {
      security_group_id: ref('aws_security_group', 'endpoint'),
      cidr_ipv4: '172.16.0.0/16',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
    add(
      json,
      'aws_network_acl',
      'private',
      admittingNetworkAcl(ref('aws_vpc', 'vpc'), [ref('aws_subnet', 'private-a'), ref('aws_subnet', 'private-b')], {
        protocol: '-1',
        cidr: '10.0.0.0/8',
      }),
    );
    const [endpoint] = analyze(json).endpoints;
    expect(endpoint!.admits.cidrs).toEqual([]);
    expect(endpoint!.notes).toEqual([
      expect.stringMatching(/172.16.0.0\/16 is admitted by the security group but denied by the network ACL/),
    ]);
  });

  it('reports an open policy (Principal "*") and an endpoint without a policy as default full access', () => {
    const json = natVpc();
    addLambdaEndpoint(json);
    body(json, 'aws_vpc_endpoint', 'lambda').policy = policy({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'lambda:InvokeFunction',
      Resource: '*',
    });
    delete body(json, 'aws_vpc_endpoint', 'dynamodb').policy;
    const result = analyze(json);
    expect(result.endpoints[0]).toMatchObject({ open: true, principals: ['*'], resources: ['*'] });
    expect(result.gatewayEndpoints[0]).toMatchObject({
      endpoint: 'aws_vpc_endpoint.dynamodb',
      policy: 'default-full-access',
      open: true,
      principals: ['*'],
    });
    expect(result.functions[0]!.destinations.dynamodb).toMatchObject({ policyAllows: true, policyOpen: true });
  });

  it('lists each gateway endpoint with the route tables carrying its prefix list', () => {
    expect(analyze(natVpc()).gatewayEndpoints).toEqual([
      {
        endpoint: 'aws_vpc_endpoint.dynamodb',
        service: 'dynamodb',
        routeTables: ['aws_route_table.private-a', 'aws_route_table.private-b'],
        policy: 'document',
        open: false,
        principals: ['aws_iam_role.fn'],
        resources: ['*'],
        grants: [
          { principals: ['aws_iam_role.fn'], actions: ['dynamodb:GetItem'], resources: ['*'], conditional: false },
        ],
      },
    ]);
  });
});

describe('interface endpoints a function reaches', () => {
  /** An SQS interface endpoint (private DNS off) admitting the function's group, with the function allowed to it. */
  function withSqsEndpoint() {
    const json = natVpc();
    addLambdaEndpoint(json);
    add(json, 'aws_vpc_endpoint', 'sqs', {
      vpc_id: ref('aws_vpc', 'vpc'),
      service_name: 'com.amazonaws.eu-west-1.sqs',
      vpc_endpoint_type: 'Interface',
      subnet_ids: [ref('aws_subnet', 'private-b')],
      security_group_ids: [ref('aws_security_group', 'endpoint')],
    });
    return json;
  }

  it(
    'lists every interface endpoint of its VPC, whatever the service or private DNS, each reached at an ENI on TCP ' +
      '443',
    () => {
      const fn = fnOf(withSqsEndpoint());
      expect(Object.keys(fn.interfaceEndpoints)).toEqual(['aws_vpc_endpoint.lambda', 'aws_vpc_endpoint.sqs']);
      expect(fn.interfaceEndpoints['aws_vpc_endpoint.sqs']).toMatchObject({
        verdict: 'yes',
        via: 'interface-endpoint',
        protocol: 'tcp',
        port: 443,
        policyAllows: true,
      });
      // One ENI, in eu-west-1b: the subnet in eu-west-1a crosses to it.
      expect(fn.interfaceEndpoints['aws_vpc_endpoint.sqs']!.paths.map((p) => [p.subnet, p.nextHop])).toEqual([
        ['aws_subnet.private-a', { address: 'aws_vpc_endpoint.sqs', subnet: 'aws_subnet.private-b' }],
        ['aws_subnet.private-b', { address: 'aws_vpc_endpoint.sqs', subnet: 'aws_subnet.private-b' }],
      ]);
      expect(fn.interfaceEndpoints['aws_vpc_endpoint.lambda']!.paths.map((p) => p.verdict)).toEqual(['yes', 'yes']);
    },
  );

  it("reports an endpoint the function's groups do not allow as unreachable, and one in another VPC not at all", () => {
    const json = withSqsEndpoint();
    // Neither the rule to the endpoint's group nor the one to 0.0.0.0/0, which covers its address, is left.
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-endpoint');
    remove(json, 'aws_vpc_security_group_egress_rule', 'fn-internet');
    add(json, 'aws_vpc', 'other', { cidr_block: '10.1.0.0/16' });
    add(json, 'aws_vpc_endpoint', 'elsewhere', {
      vpc_id: ref('aws_vpc', 'other'),
      service_name: 'com.amazonaws.eu-west-1.sqs',
      vpc_endpoint_type: 'Interface',
    });
    const fn = fnOf(json);
    expect(Object.keys(fn.interfaceEndpoints)).toEqual(['aws_vpc_endpoint.lambda', 'aws_vpc_endpoint.sqs']);
    expect(fn.interfaceEndpoints['aws_vpc_endpoint.sqs']!.paths.map((p) => [p.verdict, p.egressAllowed])).toEqual([
      ['no', false],
      ['no', false],
    ]);
  });

  it('is empty without interface endpoints', () => {
    expect(fnOf(natVpc()).interfaceEndpoints).toEqual({});
  });

  it("shows the function reaching a secretsmanager endpoint past the endpoint's group, allowed by its policy", () => {
    const json = natVpc();
    addSecretsManagerEndpoint(json);
    const result = analyze(json);
    const reach = result.functions[0]!.interfaceEndpoints['aws_vpc_endpoint.secretsmanager']!;
    expect(reach).toMatchObject({ verdict: 'yes', via: 'interface-endpoint', port: 443, policyAllows: true });
    expect(reach.paths.map((p) => p.path)).toEqual(
      ['a', 'b'].map((z) => [
        FN,
        'aws_security_group.fn',
        `aws_route_table.private-${z}`,
        'aws_vpc.vpc',
        'aws_security_group.secretsmanager',
        'aws_vpc_endpoint.secretsmanager',
      ]),
    );
    expect(result.endpoints.find((e) => e.endpoint === 'aws_vpc_endpoint.secretsmanager')).toMatchObject({
      service: 'secretsmanager',
      privateDns: true,
      reachedBy: [FN],
      principals: ['aws_iam_role.fn'],
    });
  });

  it('reports the secretsmanager endpoint unreachable once its ingress from the function is gone', () => {
    const json = natVpc();
    addSecretsManagerEndpoint(json);
    remove(json, 'aws_vpc_security_group_ingress_rule', 'secretsmanager-from-fn');
    const result = analyze(json);
    expect(result.functions[0]!.interfaceEndpoints['aws_vpc_endpoint.secretsmanager']!.reason).toBe(
      'security group ingress of aws_vpc_endpoint.secretsmanager: no rule of aws_security_group.secretsmanager ' +
        'admits tcp/443 from aws_security_group.fn or 10.0.10.0/24',
    );
    expect(result.endpoints.find((e) => e.endpoint === 'aws_vpc_endpoint.secretsmanager')!.reachedBy).toEqual([]);
  });
});

describe('resolver endpoint reports', () => {
  /**
   * An inbound Resolver endpoint in both private subnets whose group admits DNS from 172.16.0.0/16 over TCP and UDP.
   */
  function withResolver() {
    const json = natVpc();
    add(json, 'aws_security_group', 'resolver', { vpc_id: ref('aws_vpc', 'vpc') });
    for (const protocol of ['tcp', 'udp']) {
      add(json, 'aws_vpc_security_group_ingress_rule', `resolver-${protocol}`, {
        security_group_id: ref('aws_security_group', 'resolver'),
        cidr_ipv4: '172.16.0.0/16',
        ip_protocol: protocol,
        from_port: 53,
        to_port: 53,
      });
    }
    add(json, 'aws_route53_resolver_endpoint', 'inbound', {
      direction: 'INBOUND',
      security_group_ids: [ref('aws_security_group', 'resolver')],
      ip_address: [{ subnet_id: ref('aws_subnet', 'private-a') }, { subnet_id: ref('aws_subnet', 'private-b') }],
    });
    return json;
  }

  it('lists the blocks its group admits for DNS per protocol, its rules, and a missing route back', () => {
    expect(analyze(withResolver()).resolverEndpoints).toEqual([
      {
        endpoint: 'aws_route53_resolver_endpoint.inbound',
        direction: 'INBOUND',
        subnets: ['aws_subnet.private-a', 'aws_subnet.private-b'],
        securityGroups: ['aws_security_group.resolver'],
        admits: {
          tcp: ['172.16.0.0/16'],
          udp: ['172.16.0.0/16'],
          port: 53,
          rules: ['tcp', 'udp'].map((protocol) => ({
            rule: `aws_vpc_security_group_ingress_rule.resolver-${protocol}`,
            source: '172.16.0.0/16',
            protocol,
            fromPort: 53,
            toPort: 53,
          })),
        },
        notes: [
          'no private route back to 172.16.0.0/16 in aws_route_table.private-a, aws_route_table.private-b: replies ' +
            'need the private connection (virtual private gateway, transit gateway, peering), which is not in this ' +
            'stack',
        ],
      },
    ]);
  });

  it("drops a protocol the subnets' network ACLs deny, and says which", () => {
    const json = withResolver();
    add(
      json,
      'aws_network_acl',
      'private',
      admittingNetworkAcl(ref('aws_vpc', 'vpc'), [ref('aws_subnet', 'private-a'), ref('aws_subnet', 'private-b')], {
        protocol: 'tcp',
        cidr: '0.0.0.0/0',
      }),
    );
    const [resolver] = analyze(json).resolverEndpoints;
    expect([resolver!.admits.tcp, resolver!.admits.udp]).toEqual([['172.16.0.0/16'], []]);
    expect(resolver!.notes).toContain(
      '172.16.0.0/16 is admitted by the security group but denied on udp/53 by the network ACL of every resolver ' +
        'subnet',
    );
  });

  it('is empty without a resolver endpoint', () => {
    expect(analyze(natVpc()).resolverEndpoints).toEqual([]);
  });
});
