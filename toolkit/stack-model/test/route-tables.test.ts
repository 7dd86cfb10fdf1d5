import { RouteTables, StackDocument, StackRoute, vpcEndpointType } from '@lambda-vpc/stack-model';
import { putResource, reference, removeResource, StackResources } from '../../../test-support/stack-json';

const VPC = reference('aws_vpc', 'vpc');
const PRIVATE = reference('aws_route_table', 'private');

/** VPC 10.0.0.0/16, subnet `a` associated with route table `private`, subnet `b` with no association. */
function vpc(): StackResources {
  const json: StackResources = { resource: {} };
  putResource(json, 'aws_vpc', 'vpc', { cidr_block: '10.0.0.0/16' });
  putResource(json, 'aws_subnet', 'a', { vpc_id: VPC, cidr_block: '10.0.0.0/24' });
  putResource(json, 'aws_subnet', 'b', { vpc_id: VPC, cidr_block: '10.0.1.0/24' });
  putResource(json, 'aws_route_table', 'private', { vpc_id: VPC });
  putResource(json, 'aws_route_table_association', 'a', {
    subnet_id: reference('aws_subnet', 'a'),
    route_table_id: PRIVATE,
  });
  return json;
}

function tablesOf(json: StackResources): RouteTables {
  return new RouteTables(new StackDocument('s', json));
}

/** A route with its resources as addresses, so an expectation reads like the JSON. */
function plain(route: StackRoute) {
  const { resource, target, ...rest } = route;
  return {
    ...rest,
    resource: resource.address,
    ...(target
      ? {
          target: {
            kind: target.kind,
            argument: target.argument,
            value: target.value,
            resource: target.resource?.address,
          },
        }
      : {}),
  };
}

function subnet(json: StackResources, name: string) {
  const doc = new StackDocument('s', json);
  return new RouteTables(doc).forSubnet(doc.resolve(reference('aws_subnet', name))!);
}

describe('RouteTables: routes, whichever shape declares them', () => {
  it('reads aws_route resources with an IPv4, IPv6 or prefix-list destination, in the JSON order', () => {
    const json = vpc();
    putResource(json, 'aws_nat_gateway', 'nat', { subnet_id: reference('aws_subnet', 'a') });
    putResource(json, 'aws_route', 'default', {
      route_table_id: PRIVATE,
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: reference('aws_nat_gateway', 'nat'),
    });
    putResource(json, 'aws_route', 'v6', {
      route_table_id: PRIVATE,
      destination_ipv6_cidr_block: '::/0',
      egress_only_gateway_id: 'eigw-1',
    });
    putResource(json, 'aws_route', 'list', {
      route_table_id: PRIVATE,
      destination_prefix_list_id: 'pl-1',
      transit_gateway_id: 'tgw-1',
    });
    expect(tablesOf(json).table('aws_route_table.private')!.routes.map(plain)).toEqual([
      {
        table: 'aws_route_table.private',
        origin: 'aws_route',
        resource: 'aws_route.default',
        address: 'aws_route.default',
        ipv4: '0.0.0.0/0',
        target: {
          kind: 'nat-gateway',
          argument: 'nat_gateway_id',
          value: reference('aws_nat_gateway', 'nat'),
          resource: 'aws_nat_gateway.nat',
        },
      },
      {
        table: 'aws_route_table.private',
        origin: 'aws_route',
        resource: 'aws_route.v6',
        address: 'aws_route.v6',
        ipv6: '::/0',
        target: {
          kind: 'egress-only-internet-gateway',
          argument: 'egress_only_gateway_id',
          value: 'eigw-1',
          resource: undefined,
        },
      },
      {
        table: 'aws_route_table.private',
        origin: 'aws_route',
        resource: 'aws_route.list',
        address: 'aws_route.list',
        prefixList: 'pl-1',
        target: { kind: 'transit-gateway', argument: 'transit_gateway_id', value: 'tgw-1', resource: undefined },
      },
    ]);
  });

  it(
    'reads inline route blocks (a list or one block), each addressed by its table and index, after the aws_route ' +
      'resources',
    () => {
      const json = vpc();
      json.resource.aws_route_table.private.route = [
        { cidr_block: '192.168.0.0/16', vpc_peering_connection_id: 'pcx-1' },
        { ipv6_cidr_block: '::/0', gateway_id: 'igw-1' },
      ];
      putResource(json, 'aws_route_table', 'public', {
        vpc_id: VPC,
        route: { cidr_block: '0.0.0.0/0', gateway_id: reference('aws_internet_gateway', 'igw') },
      });
      putResource(json, 'aws_internet_gateway', 'igw', { vpc_id: VPC });
      putResource(json, 'aws_route', 'tgw', {
        route_table_id: PRIVATE,
        destination_cidr_block: '172.16.0.0/12',
        transit_gateway_id: 'tgw-1',
      });
      const tables = tablesOf(json);
      expect(
        tables
          .table('aws_route_table.private')!
          .routes.map((r) => [r.origin, r.address, r.ipv4 ?? r.ipv6, r.target?.kind, r.target?.value]),
      ).toEqual([
        ['aws_route', 'aws_route.tgw', '172.16.0.0/12', 'transit-gateway', 'tgw-1'],
        ['inline', 'aws_route_table.private route[0]', '192.168.0.0/16', 'vpc-peering', 'pcx-1'],
        ['inline', 'aws_route_table.private route[1]', '::/0', 'internet-gateway', 'igw-1'],
      ]);
      expect(plain(tables.table('aws_route_table.public')!.routes[0]!)).toEqual({
        table: 'aws_route_table.public',
        origin: 'inline',
        resource: 'aws_route_table.public',
        address: 'aws_route_table.public route[0]',
        ipv4: '0.0.0.0/0',
        target: {
          kind: 'internet-gateway',
          argument: 'gateway_id',
          value: reference('aws_internet_gateway', 'igw'),
          resource: 'aws_internet_gateway.igw',
        },
      });
      expect(tables.routes.map((r) => r.address)).toEqual([
        'aws_route.tgw',
        'aws_route_table.private route[0]',
        'aws_route_table.private route[1]',
        'aws_route_table.public route[0]',
      ]);
    },
  );

  it.each([
    ['gateway_id', reference('aws_internet_gateway', 'igw'), 'internet-gateway'],
    ['gateway_id', 'igw-0abc', 'internet-gateway'],
    ['gateway_id', reference('aws_vpn_gateway', 'vgw'), 'vpn-gateway'],
    ['gateway_id', 'vgw-0abc', 'vpn-gateway'],
    ['gateway_id', 'local', 'local'],
    ['gateway_id', 'cagw-0abc', 'other'],
    ['nat_gateway_id', 'nat-0abc', 'nat-gateway'],
    ['network_interface_id', reference('aws_instance', 'nat', 'primary_network_interface_id'), 'network-interface'],
    ['transit_gateway_id', 'tgw-0abc', 'transit-gateway'],
    ['vpc_peering_connection_id', 'pcx-0abc', 'vpc-peering'],
    ['vpc_endpoint_id', reference('aws_vpc_endpoint', 'dynamodb'), 'gateway-endpoint'],
    ['vpc_endpoint_id', reference('aws_vpc_endpoint', 'firewall'), 'vpc-endpoint'],
    ['vpc_endpoint_id', 'vpce-0abc', 'vpc-endpoint'],
    ['egress_only_gateway_id', 'eigw-0abc', 'egress-only-internet-gateway'],
    ['carrier_gateway_id', 'cagw-0abc', 'other'],
    ['local_gateway_id', 'lgw-0abc', 'other'],
    ['core_network_arn', 'arn:aws:networkmanager::1:core-network/x', 'other'],
  ])('names a route target by its argument: %s %s is %s', (argument, value, kind) => {
    const json = vpc();
    putResource(json, 'aws_internet_gateway', 'igw', { vpc_id: VPC });
    putResource(json, 'aws_vpn_gateway', 'vgw', { vpc_id: VPC });
    putResource(json, 'aws_instance', 'nat', { source_dest_check: false });
    putResource(json, 'aws_vpc_endpoint', 'dynamodb', {
      vpc_id: VPC,
      service_name: 'com.amazonaws.eu-west-1.dynamodb',
    });
    putResource(json, 'aws_vpc_endpoint', 'firewall', { vpc_id: VPC, vpc_endpoint_type: 'GatewayLoadBalancer' });
    putResource(json, 'aws_route', 'r', {
      route_table_id: PRIVATE,
      destination_cidr_block: '10.1.0.0/16',
      [argument]: value,
    });
    const [route] = tablesOf(json).routes;
    expect([route!.target?.kind, route!.target?.argument, route!.target?.value]).toEqual([kind, argument, value]);
  });

  it('leaves the target out of a route with no target argument', () => {
    const json = vpc();
    putResource(json, 'aws_route', 'half', {
      route_table_id: PRIVATE,
      destination_cidr_block: '10.1.0.0/16',
      nat_gateway_id: '',
    });
    expect(plain(tablesOf(json).routes[0]!)).toEqual({
      table: 'aws_route_table.private',
      origin: 'aws_route',
      resource: 'aws_route.half',
      address: 'aws_route.half',
      ipv4: '10.1.0.0/16',
    });
  });
});

describe('RouteTables: gateway endpoints', () => {
  function withEndpoint(body: Record<string, unknown>): StackResources {
    const json = vpc();
    putResource(json, 'aws_route_table', 'other', { vpc_id: VPC });
    putResource(json, 'aws_vpc_endpoint', 's3', { vpc_id: VPC, service_name: 'com.amazonaws.eu-west-1.s3', ...body });
    return json;
  }

  it('adds the service prefix list to each table in route_table_ids, declared by the endpoint', () => {
    const tables = tablesOf(
      withEndpoint({ vpc_endpoint_type: 'Gateway', route_table_ids: [PRIVATE, reference('aws_route_table', 'other')] }),
    );
    expect(tables.routes.map(plain)).toEqual(
      ['aws_route_table.private', 'aws_route_table.other'].map((table) => ({
        table,
        origin: 'gateway-endpoint',
        resource: 'aws_vpc_endpoint.s3',
        address: 'aws_vpc_endpoint.s3',
        prefixList: reference('aws_vpc_endpoint', 's3', 'prefix_list_id'),
        target: {
          kind: 'gateway-endpoint',
          argument: 'vpc_endpoint_id',
          value: reference('aws_vpc_endpoint', 's3'),
          resource: 'aws_vpc_endpoint.s3',
        },
      })),
    );
  });

  it(
    'adds it through aws_vpc_endpoint_route_table_association, declared by the association; a table named both ways ' +
      'has one route',
    () => {
      const json = withEndpoint({ route_table_ids: [PRIVATE] });
      putResource(json, 'aws_vpc_endpoint_route_table_association', 'other', {
        vpc_endpoint_id: reference('aws_vpc_endpoint', 's3'),
        route_table_id: reference('aws_route_table', 'other'),
      });
      putResource(json, 'aws_vpc_endpoint_route_table_association', 'private', {
        vpc_endpoint_id: reference('aws_vpc_endpoint', 's3'),
        route_table_id: PRIVATE,
      });
      expect(tablesOf(json).routes.map((r) => [r.table, r.address, r.target?.resource?.address])).toEqual([
        ['aws_route_table.private', 'aws_vpc_endpoint_route_table_association.private', 'aws_vpc_endpoint.s3'],
        ['aws_route_table.other', 'aws_vpc_endpoint_route_table_association.other', 'aws_vpc_endpoint.s3'],
      ]);
    },
  );

  it('adds none for an interface endpoint, and reads a missing vpc_endpoint_type as Gateway', () => {
    const json = withEndpoint({ vpc_endpoint_type: 'Interface', route_table_ids: [PRIVATE] });
    expect(tablesOf(json).routes).toEqual([]);
    const doc = new StackDocument('s', withEndpoint({}));
    expect(doc.resources('aws_vpc_endpoint').map(vpcEndpointType)).toEqual(['Gateway']);
  });
});

describe('RouteTables: associations and the table a subnet uses', () => {
  it('uses an explicit aws_route_table_association, listed on its table with the subnet', () => {
    const json = vpc();
    const choice = subnet(json, 'a');
    expect([choice.key, choice.how, choice.vpc?.address, choice.table?.resource?.address]).toEqual([
      'aws_route_table.private',
      'association',
      'aws_vpc.vpc',
      'aws_route_table.private',
    ]);
    expect(choice.table!.associations.map((a) => [a.resource.address, a.associated, a.subnet?.address])).toEqual([
      ['aws_route_table_association.a', reference('aws_subnet', 'a'), 'aws_subnet.a'],
    ]);
  });

  it('lists an edge association (gateway_id) and an association with a table outside the stack', () => {
    const json = vpc();
    putResource(json, 'aws_route_table_association', 'edge', {
      gateway_id: reference('aws_internet_gateway', 'igw'),
      route_table_id: PRIVATE,
    });
    putResource(json, 'aws_route_table_association', 'b', {
      subnet_id: reference('aws_subnet', 'b'),
      route_table_id: 'rtb-0abc',
    });
    const tables = tablesOf(json);
    expect(
      tables
        .table('aws_route_table.private')!
        .associations.map((a) => [a.resource.address, a.associated, a.subnet?.address]),
    ).toEqual([
      ['aws_route_table_association.a', reference('aws_subnet', 'a'), 'aws_subnet.a'],
      ['aws_route_table_association.edge', reference('aws_internet_gateway', 'igw'), undefined],
    ]);
    expect([subnet(json, 'b').key, subnet(json, 'b').how, subnet(json, 'b').table?.resource]).toEqual([
      'rtb-0abc',
      'association',
      undefined,
    ]);
    expect(tables.tables.map((t) => t.key)).toEqual(['aws_route_table.private', 'rtb-0abc']);
  });

  it('falls to the VPC main table AWS creates when no main table is declared', () => {
    const choice = subnet(vpc(), 'b');
    expect([choice.key, choice.how, choice.vpc?.address, choice.table]).toEqual([
      'aws_vpc.vpc (main route table)',
      'implicit-main',
      'aws_vpc.vpc',
      undefined,
    ]);
  });

  it('uses an adopted aws_default_route_table as the main table, with its inline routes', () => {
    const json = vpc();
    putResource(json, 'aws_default_route_table', 'main', {
      default_route_table_id: reference('aws_vpc', 'vpc', 'default_route_table_id'),
      route: [{ cidr_block: '10.9.0.0/16', transit_gateway_id: 'tgw-1' }],
    });
    const choice = subnet(json, 'b');
    expect([choice.key, choice.how, choice.table?.vpc?.address]).toEqual([
      'aws_default_route_table.main',
      'main',
      'aws_vpc.vpc',
    ]);
    expect(choice.table!.routes.map((r) => [r.address, r.ipv4])).toEqual([
      ['aws_default_route_table.main route[0]', '10.9.0.0/16'],
    ]);
  });

  it('uses the table an aws_main_route_table_association names', () => {
    const json = vpc();
    putResource(json, 'aws_main_route_table_association', 'main', { vpc_id: VPC, route_table_id: PRIVATE });
    const choice = subnet(json, 'b');
    expect([choice.key, choice.how, choice.table?.resource?.address]).toEqual([
      'aws_route_table.private',
      'main',
      'aws_route_table.private',
    ]);
  });

  it(
    'adds the undeclared main table when a route or gateway endpoint names it through the VPC ' +
      '(main_route_table_id)',
    () => {
      const json = vpc();
      const main = reference('aws_vpc', 'vpc', 'main_route_table_id');
      putResource(json, 'aws_route', 'peer', {
        route_table_id: main,
        destination_cidr_block: '10.9.0.0/16',
        vpc_peering_connection_id: 'pcx-1',
      });
      putResource(json, 'aws_vpc_endpoint', 'dynamodb', {
        vpc_id: VPC,
        service_name: 'com.amazonaws.eu-west-1.dynamodb',
        route_table_ids: [main],
      });
      const tables = tablesOf(json);
      expect(tables.tables.map((t) => [t.key, t.resource?.address, t.vpc?.address])).toEqual([
        ['aws_route_table.private', 'aws_route_table.private', 'aws_vpc.vpc'],
        ['aws_vpc.vpc (main route table)', undefined, 'aws_vpc.vpc'],
      ]);
      expect(subnet(json, 'b').table?.routes.map((r) => r.address)).toEqual([
        'aws_route.peer',
        'aws_vpc_endpoint.dynamodb',
      ]);
      expect(tables.keyOf(main)).toBe('aws_vpc.vpc (main route table)');
    },
  );

  it('gives a subnet whose VPC is not in the stack no table', () => {
    const json = vpc();
    removeResource(json, 'aws_route_table_association', 'a', { mustExist: true });
    json.resource.aws_subnet.a.vpc_id = 'vpc-0abc';
    expect(subnet(json, 'a')).toEqual({ key: 'aws_subnet.a (no VPC)', how: 'implicit-main' });
  });
});

describe('StackDocument.routeTables', () => {
  it('reads the route tables on first use, once, for every reader of the document', () => {
    const doc = new StackDocument('s', vpc());
    expect(doc.routeTables).toBe(doc.routeTables);
    expect(doc.routeTables.tables.map((t) => t.key)).toEqual(['aws_route_table.private']);
  });
});
