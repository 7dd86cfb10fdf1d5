import {
  addResource,
  baseline,
  errorsOf,
  expected,
  Fixture,
  FUNCTION,
  LOG_GROUP,
  ref,
  resourceOf,
  SUBNET_A,
  SUBNET_B,
  TABLE_A,
  VPC,
} from './fixtures';

const FN = `aws_lambda_function.${FUNCTION}`;
const FN_PATH = 'test-stack/fn/Default';

describe('LVB-FN-1 functions span two AZs', () => {
  it('fires on a function whose subnets are all in one AZ', () => {
    const json = baseline();
    resourceOf(json, 'aws_subnet', SUBNET_B).availability_zone = 'eu-west-1a';
    expect(errorsOf(json)).toEqual([expected('LVB-FN-1', FN, FN_PATH, 'its subnets are all in one AZ')]);
  });

  it('fires on a function in a single subnet', () => {
    const json = baseline();
    resourceOf(json, 'aws_lambda_function', FUNCTION).vpc_config.subnet_ids = [ref('aws_subnet', SUBNET_A)];
    expect(errorsOf(json)).toEqual([expected('LVB-FN-1', FN, FN_PATH, 'its subnets are all in one AZ')]);
  });

  it('ignores a function not attached to a VPC, and passes one in two AZs, beside a one-AZ function that fires', () => {
    const json = baseline();
    addResource(
      json,
      'aws_lambda_function',
      'plain',
      { function_name: 'plain', role: ref('aws_iam_role', 'fn_role', 'arn') },
      'plain/Default',
    );
    addResource(
      json,
      'aws_lambda_function',
      'one-az',
      {
        function_name: 'one-az',
        role: ref('aws_iam_role', 'fn_role', 'arn'),
        vpc_config: { subnet_ids: [ref('aws_subnet', SUBNET_B)], security_group_ids: [] },
      },
      'one-az/Default',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-FN-1', 'aws_lambda_function.one-az', 'test-stack/one-az/Default', 'its subnets are all in one AZ'),
      expected(
        'LVB-FN-3',
        'aws_lambda_function.plain',
        'test-stack/plain/Default',
        'the function is not attached to a VPC',
      ),
    ]);
  });
});

describe('LVB-FN-3 functions in a VPC', () => {
  it('fires on a function without vpc_config, and passes the VPC-attached baseline function', () => {
    const json = baseline();
    expect(errorsOf(json)).toEqual([]);
    addResource(
      json,
      'aws_lambda_function',
      'outside',
      { function_name: 'outside', role: ref('aws_iam_role', 'fn_role', 'arn') },
      'outside/Default',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-FN-3',
        'aws_lambda_function.outside',
        'test-stack/outside/Default',
        'the function is not attached to a VPC',
      ),
    ]);
  });
});

/** Adds an internet gateway, a public route table with a default route to it, and associates `subnet` to that table. */
function makePublic(json: Fixture, subnet: string, inline = false): void {
  addResource(json, 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', VPC) }, 'network/internet-gateway');
  const defaultRoute = { destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') };
  if (inline) {
    addResource(json, 'aws_route_table', 'public', {
      vpc_id: ref('aws_vpc', VPC),
      route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') }],
    });
  } else {
    addResource(json, 'aws_route_table', 'public', { vpc_id: ref('aws_vpc', VPC) });
    addResource(json, 'aws_route', 'public_default', {
      route_table_id: ref('aws_route_table', 'public'),
      ...defaultRoute,
    });
  }
  addResource(json, 'aws_route_table_association', 'public_association', {
    subnet_id: ref('aws_subnet', subnet),
    route_table_id: ref('aws_route_table', 'public'),
  });
}

describe('LVB-FN-2 no function in a public subnet', () => {
  // nat-egress: the internet gateway is legitimate there, so LVB-NET-4 stays quiet.
  it('fires on a function in a subnet whose route table has an aws_route to an internet gateway', () => {
    const json = baseline('nat-egress');
    makePublic(json, SUBNET_B);
    expect(errorsOf(json)).toEqual([
      expected('LVB-FN-2', FN, FN_PATH, `subnet aws_subnet.${SUBNET_B} routes 0.0.0.0/0 to an internet gateway`),
    ]);
  });

  it('fires on a function in a subnet whose route table has an inline route to an internet gateway', () => {
    const json = baseline('nat-egress');
    makePublic(json, SUBNET_B, true);
    expect(errorsOf(json)).toEqual([
      expected('LVB-FN-2', FN, FN_PATH, `subnet aws_subnet.${SUBNET_B} routes 0.0.0.0/0 to an internet gateway`),
    ]);
  });

  it('reports each public subnet of the function', () => {
    const json = baseline('nat-egress');
    makePublic(json, SUBNET_B);
    resourceOf(
      json,
      'aws_route_table_association',
      'network_route-table-association_private_eu-west-1a',
    ).route_table_id = ref('aws_route_table', 'public');
    expect(errorsOf(json).map((e) => e.message)).toEqual([
      `subnet aws_subnet.${SUBNET_A} routes 0.0.0.0/0 to an internet gateway`,
      `subnet aws_subnet.${SUBNET_B} routes 0.0.0.0/0 to an internet gateway`,
    ]);
  });

  it(
    'passes private subnets whose default route goes elsewhere, while the public subnet in the same stack ' + 'fires',
    () => {
      const json = baseline('nat-egress');
      makePublic(json, 'public_subnet');
      addResource(json, 'aws_subnet', 'public_subnet', {
        vpc_id: ref('aws_vpc', VPC),
        availability_zone: 'eu-west-1a',
        cidr_block: '10.0.0.0/26',
        map_public_ip_on_launch: false,
      });
      addResource(json, 'aws_nat_gateway', 'nat', { subnet_id: ref('aws_subnet', 'public_subnet') });
      addResource(json, 'aws_route', 'private_default', {
        route_table_id: ref('aws_route_table', TABLE_A),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref('aws_nat_gateway', 'nat'),
      });
      // The baseline function (private subnets, NAT default route) passes.
      expect(errorsOf(json)).toEqual([]);
      // The same function attached to the public subnet fires.
      resourceOf(json, 'aws_lambda_function', FUNCTION).vpc_config.subnet_ids.push(ref('aws_subnet', 'public_subnet'));
      expect(errorsOf(json)).toEqual([
        expected('LVB-FN-2', FN, FN_PATH, 'subnet aws_subnet.public_subnet routes 0.0.0.0/0 to an internet gateway'),
      ]);
    },
  );
});

describe("LVB-FN-2 judges the table AWS uses: the associated one, else the VPC's main table", () => {
  // SUBNET_B has no aws_route_table_association in the baseline, so the VPC's main table governs it.
  it(
    'fires on a subnet without an association when an aws_main_route_table_association makes a public table ' + 'main',
    () => {
      const json = baseline('nat-egress');
      addResource(json, 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', VPC) });
      addResource(json, 'aws_route_table', 'public', {
        vpc_id: ref('aws_vpc', VPC),
        route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') }],
      });
      addResource(json, 'aws_main_route_table_association', 'main', {
        vpc_id: ref('aws_vpc', VPC),
        route_table_id: ref('aws_route_table', 'public'),
      });
      expect(errorsOf(json)).toEqual([
        expected('LVB-FN-2', FN, FN_PATH, `subnet aws_subnet.${SUBNET_B} routes 0.0.0.0/0 to an internet gateway`),
      ]);
    },
  );

  it(
    'fires on a subnet without an association when the adopted aws_default_route_table routes to the internet ' +
      'gateway',
    () => {
      const json = baseline('nat-egress');
      addResource(json, 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', VPC) });
      addResource(json, 'aws_default_route_table', 'main', {
        default_route_table_id: ref('aws_vpc', VPC, 'default_route_table_id'),
        route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') }],
      });
      expect(errorsOf(json).filter((e) => e.ruleId === 'LVB-FN-2')).toEqual([
        expected('LVB-FN-2', FN, FN_PATH, `subnet aws_subnet.${SUBNET_B} routes 0.0.0.0/0 to an internet gateway`),
      ]);
    },
  );

  it('passes a subnet with an association to a private table while the main table is public', () => {
    const json = baseline('nat-egress');
    addResource(json, 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', VPC) });
    addResource(json, 'aws_route_table', 'public', {
      vpc_id: ref('aws_vpc', VPC),
      route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') }],
    });
    addResource(json, 'aws_main_route_table_association', 'main', {
      vpc_id: ref('aws_vpc', VPC),
      route_table_id: ref('aws_route_table', 'public'),
    });
    addResource(json, 'aws_route_table_association', 'private_b', {
      subnet_id: ref('aws_subnet', SUBNET_B),
      route_table_id: ref('aws_route_table', TABLE_A),
    });
    expect(errorsOf(json)).toEqual([]);
  });

  it("fires on a route to an internet gateway named by a literal igw- ID, and names the route's destination", () => {
    const json = baseline('nat-egress');
    addResource(json, 'aws_route', 'shared_igw', {
      route_table_id: ref('aws_route_table', TABLE_A),
      destination_cidr_block: '203.0.113.0/24',
      gateway_id: 'igw-0123456789abcdef0',
    });
    expect(errorsOf(json)).toEqual([
      expected('LVB-FN-2', FN, FN_PATH, `subnet aws_subnet.${SUBNET_A} routes 203.0.113.0/24 to an internet gateway`),
    ]);
  });
});

describe('LVB-FN-2 and IPv6: a dual-stack private subnet is not a public one', () => {
  const ipv6Route = (target: Record<string, string>) => ({
    route_table_id: ref('aws_route_table', TABLE_A),
    destination_ipv6_cidr_block: '::/0',
    ...target,
  });

  it('passes a function whose subnet sends ::/0 to an egress-only internet gateway (it admits nothing in)', () => {
    const json = baseline('nat-egress');
    addResource(json, 'aws_egress_only_internet_gateway', 'eigw', { vpc_id: ref('aws_vpc', VPC) });
    addResource(
      json,
      'aws_route',
      'ipv6_default',
      ipv6Route({ egress_only_gateway_id: ref('aws_egress_only_internet_gateway', 'eigw') }),
    );
    expect(errorsOf(json)).toEqual([]);
  });

  it('fires on a function whose subnet sends ::/0 to an internet gateway, which admits IPv6 from outside', () => {
    const json = baseline('nat-egress');
    addResource(json, 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', VPC) });
    addResource(json, 'aws_route', 'ipv6_default', ipv6Route({ gateway_id: ref('aws_internet_gateway', 'igw') }));
    expect(errorsOf(json)).toEqual([
      expected('LVB-FN-2', FN, FN_PATH, `subnet aws_subnet.${SUBNET_A} routes ::/0 to an internet gateway`),
    ]);
  });
});

describe('LVB-LOG-1 log groups retained and encrypted', () => {
  const GROUP = `aws_cloudwatch_log_group.${LOG_GROUP}`;

  it('fires on a log group without retention_in_days', () => {
    const json = baseline();
    delete resourceOf(json, 'aws_cloudwatch_log_group', LOG_GROUP).retention_in_days;
    expect(errorsOf(json)).toEqual([
      expected('LVB-LOG-1', GROUP, 'test-stack/fn/log-group', 'no retention_in_days: logs are kept forever'),
    ]);
  });

  it('fires on a log group with retention_in_days 0 (never expire)', () => {
    const json = baseline();
    resourceOf(json, 'aws_cloudwatch_log_group', LOG_GROUP).retention_in_days = 0;
    expect(errorsOf(json).map((e) => e.message)).toEqual(['no retention_in_days: logs are kept forever']);
  });

  it('fires on a log group without kms_key_id', () => {
    const json = baseline();
    delete resourceOf(json, 'aws_cloudwatch_log_group', LOG_GROUP).kms_key_id;
    expect(errorsOf(json)).toEqual([expected('LVB-LOG-1', GROUP, 'test-stack/fn/log-group', 'no kms_key_id')]);
  });

  it('reports two separate findings when both are missing', () => {
    const json = baseline();
    addResource(json, 'aws_cloudwatch_log_group', 'bare', { name: 'bare' }, 'bare/log-group');
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-LOG-1',
        'aws_cloudwatch_log_group.bare',
        'test-stack/bare/log-group',
        'no retention_in_days: logs are kept forever',
      ),
      expected('LVB-LOG-1', 'aws_cloudwatch_log_group.bare', 'test-stack/bare/log-group', 'no kms_key_id'),
    ]);
  });
});

describe('LVB-NAT-1 NAT instances hardened', () => {
  const HARDENED = {
    instance_type: 't4g.nano',
    subnet_id: ref('aws_subnet', SUBNET_A),
    source_dest_check: false,
    metadata_options: { http_endpoint: 'enabled', http_tokens: 'required' },
    root_block_device: { encrypted: true, volume_type: 'gp3' },
  };

  it('passes a NAT instance with IMDSv2 required and an encrypted root volume', () => {
    const json = baseline('nat-egress');
    addResource(json, 'aws_instance', 'nat_instance', HARDENED, 'nat/instance');
    expect(errorsOf(json)).toEqual([]);
    resourceOf(json, 'aws_instance', 'nat_instance').metadata_options.http_tokens = 'optional';
    expect(errorsOf(json).map((e) => e.ruleId)).toEqual(['LVB-NAT-1']);
  });

  it('fires on a NAT instance whose http_tokens is not "required"', () => {
    const json = baseline('nat-egress');
    addResource(
      json,
      'aws_instance',
      'nat_instance',
      { ...HARDENED, metadata_options: { http_tokens: 'optional' } },
      'nat/instance',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-NAT-1',
        'aws_instance.nat_instance',
        'test-stack/nat/instance',
        'IMDSv1 allowed (metadata_options.http_tokens is not "required")',
      ),
    ]);
  });

  it('fires on a NAT instance without an encrypted root volume', () => {
    const json = baseline('nat-egress');
    addResource(
      json,
      'aws_instance',
      'nat_instance',
      { ...HARDENED, root_block_device: { volume_type: 'gp3' } },
      'nat/instance',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-NAT-1', 'aws_instance.nat_instance', 'test-stack/nat/instance', 'root volume not encrypted'),
    ]);
  });

  it('reports both when neither is set', () => {
    const json = baseline('nat-egress');
    addResource(
      json,
      'aws_instance',
      'nat_instance',
      { instance_type: 't4g.nano', source_dest_check: false },
      'nat/instance',
    );
    expect(errorsOf(json).map((e) => [e.ruleId, e.address, e.message])).toEqual([
      ['LVB-NAT-1', 'aws_instance.nat_instance', 'IMDSv1 allowed (metadata_options.http_tokens is not "required")'],
      ['LVB-NAT-1', 'aws_instance.nat_instance', 'root volume not encrypted'],
    ]);
  });

  it('does not check an ordinary instance (source_dest_check not false), only the NAT instance beside it', () => {
    const json = baseline('nat-egress');
    addResource(
      json,
      'aws_instance',
      'bastion',
      { instance_type: 't4g.nano', subnet_id: ref('aws_subnet', SUBNET_A) },
      'bastion/instance',
    );
    addResource(
      json,
      'aws_instance',
      'worker',
      { instance_type: 't4g.nano', source_dest_check: true },
      'worker/instance',
    );
    addResource(
      json,
      'aws_instance',
      'nat_instance',
      { ...HARDENED, root_block_device: { encrypted: false } },
      'nat/instance',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-NAT-1', 'aws_instance.nat_instance', 'test-stack/nat/instance', 'root volume not encrypted'),
    ]);
  });
});

describe('LVB-NAT-1 on the launch templates of self-healing NAT instances', () => {
  /** A static NAT interface and a launch template whose instances attach it (they carry its ID as a tag). */
  function natTemplate(template: Record<string, unknown>) {
    const json = baseline('nat-egress');
    addResource(json, 'aws_network_interface', 'nat_eni', { source_dest_check: false }, 'nat/network-interface');
    addResource(
      json,
      'aws_launch_template',
      'nat_template',
      {
        tag_specifications: [
          { resource_type: 'instance', tags: { 'lambda-vpc:nat-interface': ref('aws_network_interface', 'nat_eni') } },
        ],
        ...template,
      },
      'nat/launch-template',
    );
    return json;
  }
  const HARDENED = {
    metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
    block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3' } }],
  };

  it('passes a NAT launch template with IMDSv2 required and an encrypted root mapping', () => {
    expect(errorsOf(natTemplate(HARDENED))).toEqual([]);
  });

  it('fires on a NAT launch template with neither, naming the template', () => {
    expect(errorsOf(natTemplate({})).map((e) => [e.ruleId, e.address, e.message])).toEqual([
      [
        'LVB-NAT-1',
        'aws_launch_template.nat_template',
        'IMDSv1 allowed (metadata_options.http_tokens is not "required")',
      ],
      [
        'LVB-NAT-1',
        'aws_launch_template.nat_template',
        'root volume not encrypted (block_device_mappings[0].ebs.encrypted)',
      ],
    ]);
  });

  it('does not check a launch template whose instances attach no NAT interface', () => {
    const json = natTemplate({});
    resourceOf(json, 'aws_network_interface', 'nat_eni').source_dest_check = true;
    expect(errorsOf(json)).toEqual([]);
  });
});

describe('LVB-FN-1 judges only the subnets the stack shows', () => {
  it('does not guess about a subnet from another stack or a token list', () => {
    const json = baseline();
    const fn = resourceOf(json, 'aws_lambda_function', FUNCTION);
    fn.vpc_config.subnet_ids = [ref('aws_subnet', SUBNET_A), 'subnet-0123456789abcdef0'];
    expect(errorsOf(json)).toEqual([]);
    fn.vpc_config.subnet_ids = '${var.subnet_ids}';
    expect(errorsOf(json)).toEqual([]);
  });
});
