// The internet-facing nodes of a diagram: internet gateways, NAT gateways, NAT instances, and a self-healing NAT
// instance's static interface with the auto scaling group whose instances attach it.
import { groupAttaching, launchTemplateOf, StackResource } from '@lambda-vpc/stack-model';
import { ModelBuilder, displayName } from './builder';
import { NodeKind } from './model';

/** The VPC a resource's `vpc_id` points at, if that VPC is in the stack. */
export function vpcOf(builder: ModelBuilder, resource: StackResource): string | undefined {
  const vpc = builder.doc.resolve(resource.body.vpc_id);
  return vpc?.type === 'aws_vpc' ? vpc.address : undefined;
}

/** Internet gateways, NAT gateways and NAT instances are drawn even when no route uses them yet. */
export function addGatewaysAndNats(builder: ModelBuilder): void {
  const { doc } = builder;
  for (const type of ['aws_internet_gateway', 'aws_egress_only_internet_gateway']) {
    for (const gateway of doc.resources(type)) {
      const vpc = vpcOf(builder, gateway);
      const egressOnly = type === 'aws_egress_only_internet_gateway';
      builder.node({
        id: gateway.address,
        kind: 'internet-gateway',
        label: egressOnly ? 'egress-only internet gateway\nIPv6, outbound only' : 'internet gateway',
        address: gateway.address,
        ...(vpc ? { parent: vpc } : {}),
      });
      // An egress-only gateway carries IPv6 the VPC starts and admits nothing the VPC did not: say so on its edge.
      builder.edge(gateway.address, builder.internet(), 'route', egressOnly ? 'IPv6 out' : '');
    }
  }
  for (const nat of doc.resources('aws_nat_gateway')) {
    const subnet = builder.subnetOf(nat.body.subnet_id, nat);
    const label = nat.body.connectivity_type === 'private' ? 'NAT gateway (private)' : 'NAT gateway';
    builder.node({
      id: nat.address,
      kind: 'nat-gateway',
      label,
      address: nat.address,
      ...(subnet ? { parent: subnet.id } : {}),
    });
  }
  // An instance that forwards traffic for others must have the source/destination check off: that marks a NAT instance.
  for (const instance of doc.resources('aws_instance').filter((i) => i.body.source_dest_check === false))
    addInstance(builder, instance, 'nat-instance');
  // So does an interface: a self-healing NAT instance's static one, which the instances of its group attach at boot.
  for (const eni of doc.resources('aws_network_interface').filter((i) => i.body.source_dest_check === false))
    addNatInterface(builder, eni);
}

/** A static NAT interface in its subnet, and the auto scaling group whose instances attach it, when there is one. */
function addNatInterface(builder: ModelBuilder, eni: StackResource): void {
  const { doc } = builder;
  const subnet = builder.subnetOf(eni.body.subnet_id, eni);
  builder.node({
    id: eni.address,
    kind: 'nat-instance',
    label: 'NAT interface (static)',
    address: eni.address,
    ...(subnet ? { parent: subnet.id } : {}),
  });
  const group = groupAttaching(doc, eni);
  if (!group) return;
  const template = launchTemplateOf(doc, group);
  const type = typeof template?.body.instance_type === 'string' ? ` x ${template.body.instance_type}` : '';
  const size = group.body.min_size === group.body.max_size ? `${group.body.min_size}` : 'n';
  builder.node({
    id: group.address,
    kind: 'nat-instance-group',
    label: `NAT instance group\n${size}${type}`,
    address: group.address,
    ...(subnet ? { parent: subnet.id } : {}),
  });
  builder.edge(group.address, eni.address, 'attach', 'attaches at boot');
}

export function addInstance(builder: ModelBuilder, instance: StackResource, kind: NodeKind): string {
  const subnet = builder.subnetOf(instance.body.subnet_id, instance);
  const type = typeof instance.body.instance_type === 'string' ? `\n${instance.body.instance_type}` : '';
  const label = kind === 'nat-instance' ? `NAT instance${type}` : `instance ${displayName(instance)}${type}`;
  return builder.node({
    id: instance.address,
    kind,
    label,
    address: instance.address,
    ...(subnet ? { parent: subnet.id } : {}),
  });
}
