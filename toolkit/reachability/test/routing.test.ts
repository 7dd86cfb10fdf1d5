import { query } from '@lambda-vpc/reachability';
import { add, analyze, body, FN, fnOf, natVpc, ref, remove, STACK } from './fixtures';

describe('internet through NAT', () => {
  it('follows the private route to the NAT gateway, then the public subnet table to the IGW, hop by hop', () => {
    const internet = fnOf(natVpc()).destinations.internet;
    expect(internet).toMatchObject({ verdict: 'yes', via: 'nat-gateway' });
    expect(internet.paths[0]!.path).toEqual([
      FN,
      'aws_security_group.fn',
      'aws_route_table.private-a',
      'aws_route.private-default-a',
      'aws_nat_gateway.nat',
      'aws_route_table.public-a',
      'aws_route.public-default-a',
      'aws_internet_gateway.igw',
    ]);
    expect(internet.paths[1]!.path).toContain('aws_route_table.private-b');
    expect(internet.paths[1]!.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/crosses AZs \(eu-west-1b to eu-west-1a\)/)]),
    );
  });

  it('does not reach the internet through a NAT whose public subnet has no route to an IGW', () => {
    const json = natVpc();
    remove(json, 'aws_route', 'public-default-a');
    const internet = fnOf(json).destinations.internet;
    expect(internet.verdict).toBe('no');
    expect(internet.via).toBe('nat-gateway');
    expect(internet.reason).toMatch(/the NAT's subnet aws_subnet.public-a has no route to the internet/);
  });

  it('does not reach the internet through a private NAT gateway', () => {
    const json = natVpc();
    body(json, 'aws_nat_gateway', 'nat').connectivity_type = 'private';
    expect(fnOf(json).destinations.internet.reason).toMatch(/private NAT gateway with no public address/);
  });

  it('gives no internet access through an IGW route in the function subnet: a Lambda ENI has no public IP', () => {
    const json = natVpc();
    for (const z of ['a', 'b']) {
      const route = body(json, 'aws_route', `private-default-${z}`);
      delete route.nat_gateway_id;
      route.gateway_id = ref('aws_internet_gateway', 'igw');
    }
    const internet = fnOf(json).destinations.internet;
    expect(internet).toMatchObject({ verdict: 'no', via: 'internet-gateway' });
    expect(internet.path).toEqual([
      FN,
      'aws_security_group.fn',
      'aws_route_table.private-a',
      'aws_route.private-default-a',
      'aws_internet_gateway.igw',
    ]);
    expect(internet.reason).toMatch(/a Lambda ENI has no public IP/);
  });
});

describe('longest prefix match', () => {
  it('picks the most specific route: a /24 holding the address beats 0.0.0.0/0', () => {
    const json = natVpc();
    add(json, 'aws_route', 'to-partner-a', {
      route_table_id: ref('aws_route_table', 'private-a'),
      destination_cidr_block: '203.0.113.0/24',
      transit_gateway_id: 'tgw-0123456789abcdef0',
    });
    const [a, b] = fnOf(json).destinations.internet.paths;
    // What lies past the transit gateway is not in the stack: unknown, not no.
    expect(a).toMatchObject({ verdict: 'unknown', stoppedAt: 'tgw-0123456789abcdef0', via: 'transit-gateway' });
    expect(a!.path).toContain('aws_route.to-partner-a');
    expect(a!.path).not.toContain('aws_nat_gateway.nat');
    // eu-west-1b's table has no such route: it still takes NAT.
    expect(b).toMatchObject({ verdict: 'yes', via: 'nat-gateway' });
  });

  it(
    'lets a queried CIDR leave through a transit gateway, noting the edge of the stack, while other addresses take ' +
      'NAT',
    () => {
      const json = natVpc();
      add(json, 'aws_route', 'to-partner-a', {
        route_table_id: ref('aws_route_table', 'private-a'),
        destination_cidr_block: '203.0.113.0/24',
        transit_gateway_id: 'tgw-0123456789abcdef0',
      });
      const partner = query(STACK, json, FN, { cidr: '203.0.113.128/25', port: 443 }).paths[0]!;
      expect(partner).toMatchObject({ verdict: 'yes', via: 'transit-gateway' });
      expect(partner.notes).toEqual(
        expect.arrayContaining([expect.stringMatching(/leaves the VPC through tgw-0123456789abcdef0/)]),
      );
      expect(query(STACK, json, 'fn', { cidr: '198.51.100.7', port: 443 }).paths[0]).toMatchObject({
        verdict: 'yes',
        via: 'nat-gateway',
      });
    },
  );

  it('matches a customer-managed prefix list by its most specific entry holding the address', () => {
    const json = natVpc();
    add(json, 'aws_ec2_managed_prefix_list', 'partners', {
      name: 'partners',
      address_family: 'IPv4',
      max_entries: 5,
      entry: [{ cidr: '203.0.0.0/16' }],
    });
    add(json, 'aws_ec2_managed_prefix_list_entry', 'partner-1', {
      prefix_list_id: ref('aws_ec2_managed_prefix_list', 'partners'),
      cidr: '203.0.113.0/24',
    });
    add(json, 'aws_route', 'partners-a', {
      route_table_id: ref('aws_route_table', 'private-a'),
      destination_prefix_list_id: ref('aws_ec2_managed_prefix_list', 'partners'),
      transit_gateway_id: 'tgw-1',
    });
    // A static /24 to a peering connection ties with the list's /24 entry: AWS prefers the static route.
    add(json, 'aws_route', 'peer-b', {
      route_table_id: ref('aws_route_table', 'private-b'),
      destination_cidr_block: '203.0.113.0/24',
      vpc_peering_connection_id: 'pcx-1',
    });
    add(json, 'aws_route', 'partners-b', {
      route_table_id: ref('aws_route_table', 'private-b'),
      destination_prefix_list_id: ref('aws_ec2_managed_prefix_list', 'partners'),
      transit_gateway_id: 'tgw-1',
    });
    const [a, b] = fnOf(json).destinations.internet.paths;
    expect(a).toMatchObject({ via: 'transit-gateway' });
    expect(a!.path).toContain('aws_route.partners-a');
    expect(b).toMatchObject({ via: 'vpc-peering' });
    expect(b!.path).toContain('aws_route.peer-b');
  });

  it('routes DynamoDB through the gateway endpoint prefix list, not the 0.0.0.0/0 NAT route', () => {
    const dynamodb = fnOf(natVpc()).destinations.dynamodb;
    expect(dynamodb).toMatchObject({ verdict: 'yes', via: 'gateway-endpoint', policyAllows: true, policyOpen: false });
    expect(dynamodb.path).toEqual([
      FN,
      'aws_security_group.fn',
      'aws_route_table.private-a',
      'aws_vpc_endpoint.dynamodb',
    ]);
  });

  it('sends DynamoDB to NAT once the endpoint leaves the route table, and S3 (no endpoint) always', () => {
    const json = natVpc();
    body(json, 'aws_vpc_endpoint', 'dynamodb').route_table_ids = [];
    const fn = fnOf(json);
    expect(fn.destinations.dynamodb).toMatchObject({ verdict: 'yes', via: 'nat-gateway' });
    expect(fn.destinations.s3).toMatchObject({ verdict: 'yes', via: 'nat-gateway' });
  });

  it('reads an explicit aws_route to the endpoint prefix list and an aws_vpc_endpoint_route_table_association', () => {
    const json = natVpc();
    body(json, 'aws_vpc_endpoint', 'dynamodb').route_table_ids = [];
    add(json, 'aws_route', 'dynamodb-a', {
      route_table_id: ref('aws_route_table', 'private-a'),
      destination_prefix_list_id: ref('aws_vpc_endpoint', 'dynamodb', 'prefix_list_id'),
      vpc_endpoint_id: ref('aws_vpc_endpoint', 'dynamodb'),
    });
    add(json, 'aws_vpc_endpoint_route_table_association', 'dynamodb-b', {
      vpc_endpoint_id: ref('aws_vpc_endpoint', 'dynamodb'),
      route_table_id: ref('aws_route_table', 'private-b'),
    });
    const [a, b] = fnOf(json).destinations.dynamodb.paths;
    expect(a).toMatchObject({ verdict: 'yes', via: 'gateway-endpoint' });
    expect(a!.path).toEqual(expect.arrayContaining(['aws_route.dynamodb-a', 'aws_vpc_endpoint.dynamodb']));
    expect(b).toMatchObject({ verdict: 'yes', via: 'gateway-endpoint' });
    expect(b!.path).toEqual(
      expect.arrayContaining(['aws_vpc_endpoint_route_table_association.dynamodb-b', 'aws_vpc_endpoint.dynamodb']),
    );
  });
});

describe('route tables', () => {
  it("reports 'no route table' for a subnet without an association when no main table is declared", () => {
    const json = natVpc();
    remove(json, 'aws_route_table_association', 'private-b');
    const dynamodb = fnOf(json).destinations.dynamodb;
    expect(dynamodb.verdict).toBe('no');
    expect(dynamodb.paths[0]!.verdict).toBe('yes');
    expect(dynamodb.paths[1]!.reason).toMatch(
      /^no route table: aws_subnet.private-b has no aws_route_table_association/,
    );
    expect(dynamodb.reason).toMatch(/only 1 of 2 subnets reach it/);
  });

  it('uses a declared main route table for a subnet without an association', () => {
    const json = natVpc();
    remove(json, 'aws_route_table_association', 'private-b');
    add(json, 'aws_main_route_table_association', 'main', {
      vpc_id: ref('aws_vpc', 'vpc'),
      route_table_id: ref('aws_route_table', 'private-a'),
    });
    const fn = fnOf(json);
    expect(fn.subnets[1]).toMatchObject({ subnet: 'aws_subnet.private-b', routeTable: 'aws_route_table.private-a' });
    expect(fn.destinations.dynamodb.verdict).toBe('yes');
  });

  it('still reaches addresses in the VPC over the implicit main table’s local route', () => {
    const json = natVpc();
    remove(json, 'aws_route_table_association', 'private-a');
    expect(query(STACK, json, FN, { cidr: '10.0.1.20', port: 443 }).paths[0]).toMatchObject({
      verdict: 'yes',
      via: 'local',
    });
  });
});

/** A NAT security group `nat` admitting HTTPS from the VPC and letting it out to the internet. */
function addNatSecurityGroup(json: ReturnType<typeof natVpc>): void {
  add(json, 'aws_security_group', 'nat', { vpc_id: ref('aws_vpc', 'vpc') });
  for (const [type, name, cidr] of [
    ['aws_vpc_security_group_ingress_rule', 'nat-in', '10.0.0.0/16'],
    ['aws_vpc_security_group_egress_rule', 'nat-out', '0.0.0.0/0'],
  ]) {
    add(json, type, name, {
      security_group_id: ref('aws_security_group', 'nat'),
      cidr_ipv4: cidr,
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
  }
}

describe('NAT instance', () => {
  function natInstanceVpc() {
    const json = natVpc();
    remove(json, 'aws_nat_gateway', 'nat');
    addNatSecurityGroup(json);
    add(json, 'aws_instance', 'nat', {
      subnet_id: ref('aws_subnet', 'public-a'),
      source_dest_check: false,
      vpc_security_group_ids: [ref('aws_security_group', 'nat')],
    });
    add(json, 'aws_eip_association', 'nat', {
      allocation_id: ref('aws_eip', 'nat', 'allocation_id'),
      instance_id: ref('aws_instance', 'nat'),
    });
    for (const z of ['a', 'b']) {
      const route = body(json, 'aws_route', `private-default-${z}`);
      delete route.nat_gateway_id;
      route.network_interface_id = ref('aws_instance', 'nat', 'primary_network_interface_id');
    }
    return json;
  }

  it('reaches the internet through the instance, its security group and the public table', () => {
    const internet = fnOf(natInstanceVpc()).destinations.internet;
    expect(internet).toMatchObject({ verdict: 'yes', via: 'nat-instance' });
    expect(internet.paths[0]!.path).toEqual([
      FN,
      'aws_security_group.fn',
      'aws_route_table.private-a',
      'aws_route.private-default-a',
      'aws_security_group.nat',
      'aws_instance.nat',
      'aws_route_table.public-a',
      'aws_route.public-default-a',
      'aws_internet_gateway.igw',
    ]);
  });

  it(
    'blocks on source/destination check, a missing public IP, and a security group that does not admit the ' + 'subnet',
    () => {
      const json = natInstanceVpc();
      body(json, 'aws_instance', 'nat').source_dest_check = true;
      remove(json, 'aws_eip_association', 'nat');
      body(json, 'aws_vpc_security_group_ingress_rule', 'nat-in').cidr_ipv4 = '10.0.10.0/24';
      const [a, b] = fnOf(json).destinations.internet.paths;
      expect(a!.reason).toMatch(/source_dest_check on/);
      expect(a!.reason).toMatch(/aws_instance.nat has no public IP/);
      expect(a!.reason).not.toMatch(/security group ingress/);
      expect(b!.reason).toMatch(
        /security group ingress of aws_instance.nat: no rule of aws_security_group.nat admits tcp\/443 from aws_security_group.fn or 10.0.11.0\/24/,
      );
    },
  );
});

describe('self-healing NAT instance: a static network interface with source/destination check off', () => {
  /** Per AZ, a static NAT interface with its EIP, attached at boot by the instances of a group of one. */
  function staticInterfaceVpc() {
    const json = natVpc();
    remove(json, 'aws_nat_gateway', 'nat');
    addNatSecurityGroup(json);
    for (const z of ['a', 'b']) {
      add(json, 'aws_eip', `nat-${z}`, { domain: 'vpc' });
      add(json, 'aws_network_interface', `nat-${z}`, {
        subnet_id: ref('aws_subnet', `public-${z}`),
        source_dest_check: false,
        security_groups: [ref('aws_security_group', 'nat')],
      });
      add(json, 'aws_eip_association', `nat-${z}`, {
        allocation_id: ref('aws_eip', `nat-${z}`, 'allocation_id'),
        network_interface_id: ref('aws_network_interface', `nat-${z}`),
      });
      add(json, 'aws_launch_template', `nat-${z}`, {
        tag_specifications: [
          { resource_type: 'instance', tags: { 'lambda-vpc:nat-interface': ref('aws_network_interface', `nat-${z}`) } },
        ],
      });
      add(json, 'aws_autoscaling_group', `nat-${z}`, {
        min_size: 1,
        max_size: 1,
        launch_template: { id: ref('aws_launch_template', `nat-${z}`), version: '$Latest' },
      });
      const route = body(json, 'aws_route', `private-default-${z}`);
      delete route.nat_gateway_id;
      route.network_interface_id = ref('aws_network_interface', `nat-${z}`);
    }
    return json;
  }

  it("reaches the internet from each AZ through its own AZ's interface and group, then the public table", () => {
    const internet = fnOf(staticInterfaceVpc()).destinations.internet;
    expect(internet).toMatchObject({ verdict: 'yes', via: 'nat-instance' });
    expect(internet.paths.map((path) => path!.path)).toEqual(
      ['a', 'b'].map((z) => [
        FN,
        'aws_security_group.fn',
        `aws_route_table.private-${z}`,
        `aws_route.private-default-${z}`,
        'aws_security_group.nat',
        `aws_network_interface.nat-${z}`,
        `aws_autoscaling_group.nat-${z}`,
        `aws_route_table.public-${z}`,
        `aws_route.public-default-${z}`,
        'aws_internet_gateway.igw',
      ]),
    );
    expect(internet.paths[0]!.notes).toContain(
      'an instance is assumed to have attached aws_network_interface.nat-a and to forward through it (its user ' +
        'data, at boot); neither is modeled',
    );
  });

  it('blocks on an interface without its Elastic IP, and on one with source/destination check on', () => {
    const json = staticInterfaceVpc();
    remove(json, 'aws_eip_association', 'nat-a');
    expect(fnOf(json).destinations.internet.paths[0]!.reason).toMatch(
      /aws_network_interface.nat-a has no Elastic IP \(no aws_eip or aws_eip_association on it\)/,
    );
    body(json, 'aws_network_interface', 'nat-b').source_dest_check = true;
    // An ordinary interface (an appliance's): the analyzer does not follow it as a NAT.
    expect(fnOf(json).destinations.internet.paths[1]!.via).not.toBe('nat-instance');
  });
});

it('lists every route to 0.0.0.0/0 and what it targets', () => {
  expect(analyze(natVpc()).internetRoutes).toEqual(
    expect.arrayContaining([
      {
        route: 'aws_route.private-default-a',
        routeTable: 'aws_route_table.private-a',
        destination: '0.0.0.0/0',
        target: 'aws_nat_gateway.nat',
        targetKind: 'nat-gateway',
        subnets: ['aws_subnet.private-a'],
      },
      {
        route: 'aws_route.public-default-b',
        routeTable: 'aws_route_table.public-b',
        destination: '0.0.0.0/0',
        target: 'aws_internet_gateway.igw',
        targetKind: 'internet-gateway',
        subnets: ['aws_subnet.public-b'],
      },
    ]),
  );
  expect(analyze(natVpc()).internetRoutes).toHaveLength(4);
});
