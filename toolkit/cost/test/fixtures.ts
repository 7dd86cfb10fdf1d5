// Hand-made stack JSON for the cost tests: an empty stack in a region, and helpers to add resources the way
// cdktf renders them (snake_case arguments, `${type.name.attribute}` references).
import { TerraformBlock } from '@lambda-vpc/stack-model';
import { putResource, reference } from '../../../test-support/stack-json';

/** A resource body as synthesized. */
export type Body = TerraformBlock;

/** A mutable stack document, the shape of `cdk.tf.json`. */
export interface Fixture {
  provider: { aws: Body[] };
  resource: Record<string, Record<string, Body>>;
}

/** `${type.name.attribute}`, what one resource writes to reference another. */
export const ref = reference;

/** A stack with an AWS provider in `region`, default tags environment and variant, and no resources. */
export function emptyStack(region = 'eu-west-1', environment = 'test', variant = 'nat-egress'): Fixture {
  return {
    provider: { aws: [{ region, default_tags: [{ tags: { environment, variant, project: 'cost-tests' } }] }] },
    resource: {},
  };
}

/** Adds a resource (replacing one of the same address) and returns the fixture. */
export function add(json: Fixture, type: string, name: string, body: Body = {}): Fixture {
  putResource(json, type, name, structuredClone(body));
  return json;
}

/** `count` subnet references, `subnet_a`, `subnet_b`, ... */
export const subnets = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => ref('aws_subnet', `subnet_${String.fromCharCode(97 + index)}`));

/** A public NAT gateway named `nat_<suffix>` with its own EIP `eip_<suffix>`. */
export function addNatGatewayWithEip(json: Fixture, suffix: string): Fixture {
  add(json, 'aws_eip', `eip_${suffix}`, { domain: 'vpc' });
  return add(json, 'aws_nat_gateway', `nat_${suffix}`, {
    allocation_id: ref('aws_eip', `eip_${suffix}`, 'allocation_id'),
    connectivity_type: 'public',
    subnet_id: ref('aws_subnet', `public_${suffix}`),
  });
}

/**
 * A NAT instance like the blueprints' (source/destination check off, gp3 root volume without a size) with an associated
 * EIP.
 */
export function addNatInstance(
  json: Fixture,
  instanceType = 't4g.nano',
  rootBlockDevice: Body = { encrypted: true, volume_type: 'gp3' },
): Fixture {
  add(json, 'aws_instance', 'nat_instance', {
    instance_type: instanceType,
    source_dest_check: false,
    associate_public_ip_address: false,
    root_block_device: rootBlockDevice,
  });
  add(json, 'aws_eip', 'nat_eip', { domain: 'vpc' });
  return add(json, 'aws_eip_association', 'nat_eip-association', {
    allocation_id: ref('aws_eip', 'nat_eip', 'allocation_id'),
    instance_id: ref('aws_instance', 'nat_instance'),
  });
}

/**
 * A self-healing NAT instance like the blueprints' in the AZ suffix `az`: a static interface (source/destination check
 * off) with its EIP, and an auto scaling group of `count` from a launch template that tags its instances with the
 * interface and gives each an 8 GiB gp3 root and a public IP at launch.
 */
export function addSelfHealingNat(json: Fixture, az: string, instanceType = 't4g.nano', count = 1): Fixture {
  add(json, 'aws_network_interface', `nat_${az}`, { source_dest_check: false });
  add(json, 'aws_eip', `nat_eip_${az}`, { domain: 'vpc' });
  add(json, 'aws_eip_association', `nat_eip-association_${az}`, {
    allocation_id: ref('aws_eip', `nat_eip_${az}`, 'allocation_id'),
    network_interface_id: ref('aws_network_interface', `nat_${az}`),
  });
  add(json, 'aws_launch_template', `nat_${az}`, {
    instance_type: instanceType,
    block_device_mappings: [
      { device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3', volume_size: 8 } },
    ],
    network_interfaces: [{ device_index: 0, associate_public_ip_address: 'true' }],
    tag_specifications: [
      { resource_type: 'instance', tags: { 'lambda-vpc:nat-interface': ref('aws_network_interface', `nat_${az}`) } },
    ],
  });
  return add(json, 'aws_autoscaling_group', `nat_${az}`, {
    min_size: count,
    max_size: count,
    desired_capacity: count,
    launch_template: { id: ref('aws_launch_template', `nat_${az}`), version: '$Latest' },
  });
}
