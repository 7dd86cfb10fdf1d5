// Hand-made stack JSON for the diagram tests, in the shape cdktf synthesizes: snake_case arguments and
// `${type.name.attr}` references. Small on purpose, so every expected node and edge can be written out.
import { TerraformBlock } from '@lambda-vpc/stack-model';
import { putResource, reference, removeResource } from '../../../test-support/stack-json';

/** A resource body: snake_case arguments, `${...}` references. */
export type Body = TerraformBlock;

/** A mutable stack document, the shape of `cdk.tf.json`. */
export interface Fixture {
  provider?: { aws: Body[] };
  resource: Record<string, Record<string, Body>>;
}

/** A `${type.name.attr}` reference. */
export const ref = reference;

/** Adds (or replaces) a resource. */
export function add(json: Fixture, type: string, name: string, body: Body): Fixture {
  putResource(json, type, name, body);
  return json;
}

/** Removes a resource. */
export function remove(json: Fixture, type: string, name: string): Fixture {
  removeResource(json, type, name);
  return json;
}

const VPC = ref('aws_vpc', 'vpc');

/** A VPC 10.0.0.0/16 with one subnet and route table per (tier, AZ) given, each table associated with its subnet. */
export function network(tiers: Record<string, Record<string, string>>, variant = 'nat-egress'): Fixture {
  const json: Fixture = {
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { variant } }] }] },
    resource: { aws_vpc: { vpc: { cidr_block: '10.0.0.0/16', tags: { Name: 'test-vpc' } } } },
  };
  for (const [tier, byAz] of Object.entries(tiers)) {
    for (const [az, cidr] of Object.entries(byAz)) {
      const name = `${tier}-${az.slice(-1)}`;
      add(json, 'aws_subnet', name, {
        vpc_id: VPC,
        availability_zone: az,
        cidr_block: cidr,
        tags: { Name: `test-${name}`, Tier: tier },
      });
      add(json, 'aws_route_table', name, { vpc_id: VPC, tags: { Tier: tier } });
      add(json, 'aws_route_table_association', name, {
        subnet_id: ref('aws_subnet', name),
        route_table_id: ref('aws_route_table', name),
      });
    }
  }
  return json;
}

/** A function with its own security group; `subnets` empty: not attached to the VPC. */
export function addFunction(json: Fixture, name: string, subnets: string[]): Fixture {
  if (subnets.length === 0) return add(json, 'aws_lambda_function', name, { function_name: `test-${name}` });
  add(json, 'aws_security_group', `${name}-sg`, { vpc_id: VPC });
  return add(json, 'aws_lambda_function', name, {
    function_name: `test-${name}`,
    vpc_config: {
      subnet_ids: subnets.map((subnet) => ref('aws_subnet', subnet)),
      security_group_ids: [ref('aws_security_group', `${name}-sg`)],
    },
  });
}

/** An egress rule on a function's group. */
export function addEgress(json: Fixture, fn: string, name: string, target: Body, port = 443): Fixture {
  return add(json, 'aws_vpc_security_group_egress_rule', `${fn}-${name}`, {
    security_group_id: ref('aws_security_group', `${fn}-sg`),
    ip_protocol: 'tcp',
    from_port: port,
    to_port: port,
    ...target,
  });
}

/**
 * NAT egress over two AZs: public and private subnets, an internet gateway, a NAT gateway per AZ (each with its
 * Elastic IP) with the private default routes, a DynamoDB gateway endpoint on the private tables, and function
 * `probe` in both private subnets allowed HTTPS to the endpoint's prefix list and to 0.0.0.0/0.
 */
export function natEgress(): Fixture {
  const json = network({
    public: { 'eu-west-1a': '10.0.0.0/24', 'eu-west-1b': '10.0.1.0/24' },
    private: { 'eu-west-1a': '10.0.16.0/20', 'eu-west-1b': '10.0.32.0/20' },
  });
  add(json, 'aws_internet_gateway', 'igw', { vpc_id: VPC });
  for (const zone of ['a', 'b']) {
    add(json, 'aws_route', `public-${zone}`, {
      route_table_id: ref('aws_route_table', `public-${zone}`),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: ref('aws_internet_gateway', 'igw'),
    });
    add(json, 'aws_eip', `nat-${zone}`, { domain: 'vpc' });
    add(json, 'aws_nat_gateway', `nat-${zone}`, {
      subnet_id: ref('aws_subnet', `public-${zone}`),
      allocation_id: ref('aws_eip', `nat-${zone}`, 'allocation_id'),
      connectivity_type: 'public',
    });
    add(json, 'aws_route', `private-${zone}`, {
      route_table_id: ref('aws_route_table', `private-${zone}`),
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: ref('aws_nat_gateway', `nat-${zone}`),
    });
  }
  add(json, 'aws_vpc_endpoint', 'dynamodb', {
    vpc_id: VPC,
    vpc_endpoint_type: 'Gateway',
    service_name: 'com.amazonaws.eu-west-1.dynamodb',
    route_table_ids: [ref('aws_route_table', 'private-a'), ref('aws_route_table', 'private-b')],
  });
  addFunction(json, 'probe', ['private-a', 'private-b']);
  addEgress(json, 'probe', 'dynamodb', { prefix_list_id: ref('aws_vpc_endpoint', 'dynamodb', 'prefix_list_id') });
  addEgress(json, 'probe', 'internet', { cidr_ipv4: '0.0.0.0/0' });
  return json;
}

/**
 * PrivateLink over two AZs of isolated subnets: a Lambda interface endpoint whose group admits the caller's
 * group and 172.16.0.0/16, a policy granting invoke on `target` (outside the VPC), `caller` in both subnets, and
 * an inbound resolver admitting DNS from 172.16.0.0/16.
 */
export function privateLink(): Fixture {
  const json = network({ isolated: { 'eu-west-1a': '10.0.0.0/20', 'eu-west-1b': '10.0.16.0/20' } }, 'privatelink');
  addFunction(json, 'target', []);
  addFunction(json, 'caller', ['isolated-a', 'isolated-b']);
  add(json, 'aws_security_group', 'endpoint-sg', { vpc_id: VPC });
  add(json, 'aws_vpc_endpoint', 'lambda', {
    vpc_id: VPC,
    vpc_endpoint_type: 'Interface',
    service_name: 'com.amazonaws.eu-west-1.lambda',
    private_dns_enabled: true,
    subnet_ids: [ref('aws_subnet', 'isolated-a'), ref('aws_subnet', 'isolated-b')],
    security_group_ids: [ref('aws_security_group', 'endpoint-sg')],
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: [ref('aws_iam_role', 'caller', 'arn')] },
          Action: ['lambda:InvokeFunction'],
          Resource: [ref('aws_lambda_function', 'target', 'arn')],
        },
      ],
    }),
  });
  addEgress(json, 'caller', 'endpoint', { referenced_security_group_id: ref('aws_security_group', 'endpoint-sg') });
  add(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-caller', {
    security_group_id: ref('aws_security_group', 'endpoint-sg'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
    referenced_security_group_id: ref('aws_security_group', 'caller-sg'),
  });
  add(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-on-premises', {
    security_group_id: ref('aws_security_group', 'endpoint-sg'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
    cidr_ipv4: '172.16.0.0/16',
  });
  add(json, 'aws_security_group', 'resolver-sg', { vpc_id: VPC });
  add(json, 'aws_route53_resolver_endpoint', 'resolver', {
    direction: 'INBOUND',
    security_group_ids: [ref('aws_security_group', 'resolver-sg')],
    ip_address: [{ subnet_id: ref('aws_subnet', 'isolated-a') }, { subnet_id: ref('aws_subnet', 'isolated-b') }],
  });
  for (const protocol of ['tcp', 'udp']) {
    add(json, 'aws_vpc_security_group_ingress_rule', `resolver-${protocol}`, {
      security_group_id: ref('aws_security_group', 'resolver-sg'),
      ip_protocol: protocol,
      from_port: 53,
      to_port: 53,
      cidr_ipv4: '172.16.0.0/16',
    });
  }
  return json;
}

/** A NAT security group `nat-sg` admitting the probe's group on HTTPS and letting HTTPS out to the internet. */
export function addNatSecurityGroup(json: Fixture): void {
  add(json, 'aws_security_group', 'nat-sg', { vpc_id: ref('aws_vpc', 'vpc') });
  const rule = {
    security_group_id: ref('aws_security_group', 'nat-sg'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
  };
  add(json, 'aws_vpc_security_group_ingress_rule', 'nat-from-probe', {
    ...rule,
    referenced_security_group_id: ref('aws_security_group', 'probe-sg'),
  });
  add(json, 'aws_vpc_security_group_egress_rule', 'nat-out', { ...rule, cidr_ipv4: '0.0.0.0/0' });
}

/**
 * natEgress with a self-healing NAT instance per AZ instead of the gateways: a static interface (source/destination
 * check off, its EIP associated) that the private route targets, and a launch template that tags its instances with
 * it, used by an auto scaling group of one.
 */
export function selfHealingNatEgress(): Fixture {
  let json = natEgress();
  addNatSecurityGroup(json);
  for (const zone of ['a', 'b']) {
    json = remove(json, 'aws_nat_gateway', `nat-${zone}`);
    add(json, 'aws_network_interface', `nat-${zone}`, {
      subnet_id: ref('aws_subnet', `public-${zone}`),
      source_dest_check: false,
      security_groups: [ref('aws_security_group', 'nat-sg')],
    });
    add(json, 'aws_eip_association', `nat-${zone}`, {
      allocation_id: ref('aws_eip', `nat-${zone}`, 'allocation_id'),
      network_interface_id: ref('aws_network_interface', `nat-${zone}`),
    });
    add(json, 'aws_launch_template', `nat-${zone}`, {
      instance_type: 't4g.nano',
      tag_specifications: [
        {
          resource_type: 'instance',
          tags: { 'lambda-vpc:nat-interface': ref('aws_network_interface', `nat-${zone}`) },
        },
      ],
    });
    add(json, 'aws_autoscaling_group', `nat-${zone}`, {
      min_size: 1,
      max_size: 1,
      launch_template: { id: ref('aws_launch_template', `nat-${zone}`), version: '$Latest' },
    });
    json.resource.aws_route[`private-${zone}`] = {
      route_table_id: ref('aws_route_table', `private-${zone}`),
      destination_cidr_block: '0.0.0.0/0',
      network_interface_id: ref('aws_network_interface', `nat-${zone}`),
    };
  }
  return json;
}
