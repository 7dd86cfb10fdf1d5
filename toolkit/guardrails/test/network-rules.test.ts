import { evaluateGuardrails } from '@lambda-vpc/guardrails';
import { NetworkIntent } from '@lambda-vpc/stack-model';
import {
  addResource,
  baseline,
  errorsOf,
  expected,
  ref,
  removeType,
  resourceOf,
  SUBNET_A,
  SUBNET_B,
  TABLE_A,
  VPC,
} from './fixtures';

describe('LVB-NET-1 flow logs on every VPC', () => {
  it('fires on a VPC without an aws_flow_log', () => {
    const json = baseline();
    removeType(json, 'aws_flow_log');
    expect(errorsOf(json)).toEqual([
      expected('LVB-NET-1', 'aws_vpc.network_vpc', 'test-stack/network/vpc', 'the VPC has no aws_flow_log'),
    ]);
  });

  it('passes a VPC whose flow log references it, and fires on one whose flow log references another VPC', () => {
    const json = baseline();
    addResource(
      json,
      'aws_vpc',
      'other_vpc',
      { cidr_block: '10.1.0.0/16', enable_dns_support: true, enable_dns_hostnames: true },
      'other/vpc',
    );
    addResource(
      json,
      'aws_default_security_group',
      'other_default',
      { vpc_id: ref('aws_vpc', 'other_vpc') },
      'other/default-security-group',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-NET-1', 'aws_vpc.other_vpc', 'test-stack/other/vpc', 'the VPC has no aws_flow_log'),
    ]);
  });
});

describe('LVB-NET-2 default security group closed', () => {
  it('fires on the VPC when its default security group is not adopted', () => {
    const json = baseline();
    removeType(json, 'aws_default_security_group');
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-2',
        'aws_vpc.network_vpc',
        'test-stack/network/vpc',
        "the VPC's default security group is not adopted, so it keeps AWS's allow rules",
      ),
    ]);
  });

  it('fires on an adoption that keeps an ingress rule', () => {
    const json = baseline();
    resourceOf(json, 'aws_default_security_group', 'network_default-security-group').ingress = [
      { protocol: '-1', self: true, from_port: 0, to_port: 0 },
    ];
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-2',
        'aws_default_security_group.network_default-security-group',
        'test-stack/network/default-security-group',
        'the default security group has rules',
      ),
    ]);
  });

  it('fires on an adoption that keeps an egress rule', () => {
    const json = baseline();
    resourceOf(json, 'aws_default_security_group', 'network_default-security-group').egress = [
      { protocol: '-1', cidr_blocks: ['0.0.0.0/0'], from_port: 0, to_port: 0 },
    ];
    expect(errorsOf(json).map((e) => [e.ruleId, e.address])).toEqual([
      ['LVB-NET-2', 'aws_default_security_group.network_default-security-group'],
    ]);
  });

  it('passes an adoption with empty rule lists, and still fires on a rule-bearing one of another VPC', () => {
    const json = baseline();
    resourceOf(json, 'aws_default_security_group', 'network_default-security-group').ingress = [];
    resourceOf(json, 'aws_default_security_group', 'network_default-security-group').egress = [];
    addResource(json, 'aws_vpc', 'other_vpc', { cidr_block: '10.1.0.0/16' }, 'other/vpc');
    addResource(json, 'aws_flow_log', 'other_flow-log', { vpc_id: ref('aws_vpc', 'other_vpc') }, 'other/flow-log');
    addResource(
      json,
      'aws_default_security_group',
      'other_default',
      { vpc_id: ref('aws_vpc', 'other_vpc'), ingress: [{ self: true }] },
      'other/default',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-2',
        'aws_default_security_group.other_default',
        'test-stack/other/default',
        'the default security group has rules',
      ),
    ]);
  });
});

describe('LVB-NET-3 no public IP on launch', () => {
  it('fires on a subnet with map_public_ip_on_launch true', () => {
    const json = baseline();
    resourceOf(json, 'aws_subnet', SUBNET_B).map_public_ip_on_launch = true;
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-3',
        `aws_subnet.${SUBNET_B}`,
        'test-stack/network/subnet_private_eu-west-1b',
        'map_public_ip_on_launch is true',
      ),
    ]);
  });

  it('passes subnets with it false or unset', () => {
    const json = baseline();
    delete resourceOf(json, 'aws_subnet', SUBNET_A).map_public_ip_on_launch;
    resourceOf(json, 'aws_subnet', SUBNET_B).map_public_ip_on_launch = true;
    // SUBNET_A (unset) passes; only SUBNET_B is reported.
    expect(errorsOf(json).map((e) => e.address)).toEqual([`aws_subnet.${SUBNET_B}`]);
  });
});

describe("LVB-NET-4 no route to the internet where the variant's intent is none", () => {
  const IGW = { vpc_id: ref('aws_vpc', VPC) };

  it.each(['private-only', 'privatelink'])('fires on an aws_internet_gateway in a %s stack', (variant) => {
    const json = baseline(variant);
    addResource(json, 'aws_internet_gateway', 'network_internet-gateway', IGW, 'network/internet-gateway');
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-4',
        'aws_internet_gateway.network_internet-gateway',
        'test-stack/network/internet-gateway',
        `aws_internet_gateway in a ${variant} stack`,
      ),
    ]);
  });

  it('fires on an aws_nat_gateway, an aws_eip and an aws_egress_only_internet_gateway, one finding each', () => {
    const json = baseline('privatelink');
    addResource(json, 'aws_egress_only_internet_gateway', 'eigw', IGW, 'network/eigw');
    addResource(
      json,
      'aws_nat_gateway',
      'nat_gateway',
      { subnet_id: ref('aws_subnet', SUBNET_A), allocation_id: ref('aws_eip', 'nat_eip', 'allocation_id') },
      'nat/gateway',
    );
    addResource(json, 'aws_eip', 'nat_eip', { domain: 'vpc' }, 'nat/eip');
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-4',
        'aws_egress_only_internet_gateway.eigw',
        'test-stack/network/eigw',
        'aws_egress_only_internet_gateway in a privatelink stack',
      ),
      expected(
        'LVB-NET-4',
        'aws_nat_gateway.nat_gateway',
        'test-stack/nat/gateway',
        'aws_nat_gateway in a privatelink stack',
      ),
      expected('LVB-NET-4', 'aws_eip.nat_eip', 'test-stack/nat/eip', 'aws_eip in a privatelink stack'),
    ]);
  });

  it('fires on an aws_route to 0.0.0.0/0 and one to ::/0, and passes a route to a VPC-internal CIDR', () => {
    const json = baseline();
    const target = {
      route_table_id: ref('aws_route_table', TABLE_A),
      vpc_peering_connection_id: 'pcx-0123456789abcdef0',
    };
    addResource(
      json,
      'aws_route',
      'default-route',
      { ...target, destination_cidr_block: '0.0.0.0/0' },
      'routes/default',
    );
    addResource(
      json,
      'aws_route',
      'default-route-v6',
      { ...target, destination_ipv6_cidr_block: '::/0' },
      'routes/default-v6',
    );
    addResource(json, 'aws_route', 'peer-route', { ...target, destination_cidr_block: '10.1.0.0/16' }, 'routes/peer');
    expect(errorsOf(json)).toEqual([
      expected('LVB-NET-4', 'aws_route.default-route', 'test-stack/routes/default', 'a route to 0.0.0.0/0'),
      expected('LVB-NET-4', 'aws_route.default-route-v6', 'test-stack/routes/default-v6', 'a route to ::/0'),
    ]);
  });

  it.each([
    ['cidr_block', '0.0.0.0/0'],
    ['ipv6_cidr_block', '::/0'],
  ])('fires on a route table with an inline route (%s %s)', (attribute, cidr) => {
    const json = baseline();
    resourceOf(json, 'aws_route_table', TABLE_A).route = [
      { cidr_block: '10.1.0.0/16', vpc_peering_connection_id: 'pcx-1' },
      { [attribute]: cidr, vpc_peering_connection_id: 'pcx-1' },
    ];
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-4',
        `aws_route_table.${TABLE_A}`,
        'test-stack/network/route-table_private_eu-west-1a',
        'an inline route to the internet',
      ),
    ]);
  });

  it('fires on an adopted default route table with an inline route to the internet, as on any other table', () => {
    const json = baseline();
    addResource(
      json,
      'aws_default_route_table',
      'network_main',
      {
        default_route_table_id: ref('aws_vpc', VPC, 'default_route_table_id'),
        route: [{ cidr_block: '0.0.0.0/0', vpc_peering_connection_id: 'pcx-1' }],
      },
      'network/main-route-table',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NET-4',
        'aws_default_route_table.network_main',
        'test-stack/network/main-route-table',
        'an inline route to the internet',
      ),
    ]);
  });

  it('passes the same gateway and route in a nat-egress stack, which fire in private-only', () => {
    const build = (variant: string) => {
      const json = baseline(variant);
      addResource(json, 'aws_internet_gateway', 'network_internet-gateway', IGW, 'network/internet-gateway');
      // A public route table no function subnet uses (LVB-FN-2 is not what this test is about).
      addResource(json, 'aws_route_table', 'public', { vpc_id: ref('aws_vpc', VPC) }, 'network/route-table_public');
      addResource(
        json,
        'aws_route',
        'default-route',
        {
          route_table_id: ref('aws_route_table', 'public'),
          destination_cidr_block: '0.0.0.0/0',
          gateway_id: ref('aws_internet_gateway', 'network_internet-gateway'),
        },
        'routes/default',
      );
      return json;
    };
    expect(errorsOf(build('nat-egress'))).toEqual([]);
    expect(errorsOf(build('private-only')).map((e) => [e.ruleId, e.address])).toEqual([
      ['LVB-NET-4', 'aws_internet_gateway.network_internet-gateway'],
      ['LVB-NET-4', 'aws_route.default-route'],
    ]);
  });

  it('checks a stack by the intent it is given, not its variant tag, and not at all without one', () => {
    const json = baseline('nat-egress');
    addResource(json, 'aws_internet_gateway', 'igw', IGW);
    const net4 = (intent?: NetworkIntent) =>
      evaluateGuardrails('test-stack', json, { intent }).errors.filter((e) => e.ruleId === 'LVB-NET-4');
    expect(net4()).toEqual([]);
    expect(net4({ internet: 'through-nat' })).toEqual([]);
    expect(net4({ internet: 'none' }).map((e) => [e.address, e.message])).toEqual([
      ['aws_internet_gateway.igw', 'aws_internet_gateway in a nat-egress stack'],
    ]);
    delete json.provider;
    expect(net4({ internet: 'none' }).map((e) => e.message)).toEqual([
      'aws_internet_gateway in a stack promised no internet',
    ]);
  });
});
