import { StackResource } from '@lambda-vpc/stack-model';
import { COST_ITEM_IDS } from '../cost-report';
import { instanceGroupsOf, launchedPublicAddresses } from '../instance-groups';
import { literalList, Pricer } from '../pricing';

/**
 * Public IPv4 address hours: one per distinct address, with every resource that holds it. Each aws_eip counts
 * once whatever uses it; an existing allocation ID a NAT gateway or EIP association names counts once per ID; an
 * instance's auto-assigned public IP counts when no EIP is attached to it; so does each auto-assigned one of the
 * instances an auto scaling group keeps (a self-healing NAT instance keeps its own beside its static interface's EIP).
 */
export const publicIpv4Hours: Pricer = ({ document, prices, hours }) => {
  const addresses = new Map<string, Set<string>>();
  const hold = (key: string, holder: string): void => {
    addresses.set(key, (addresses.get(key) ?? new Set<string>()).add(holder));
  };
  const holdAllocation = (allocation: unknown, holder: StackResource): void => {
    if (allocation === undefined || allocation === null) return;
    const target = document.resolve(allocation);
    if (target?.type === 'aws_eip') hold(target.address, holder.address);
    else hold(`allocation:${String(allocation)}`, holder.address);
  };
  for (const eip of document.resources('aws_eip')) hold(eip.address, eip.address);
  for (const gateway of document.resources('aws_nat_gateway')) {
    if (gateway.body.connectivity_type === 'private') continue;
    holdAllocation(gateway.body.allocation_id, gateway);
    for (const secondary of literalList(gateway, 'secondary_allocation_ids')) holdAllocation(secondary, gateway);
  }
  const associations = document.resources('aws_eip_association');
  for (const association of associations) holdAllocation(association.body.allocation_id, association);
  for (const instance of document.resources('aws_instance')) {
    if (instance.body.associate_public_ip_address !== true) continue;
    const hasEip =
      associations.some((association) => document.refersTo(association.body.instance_id, instance)) ||
      document.resources('aws_eip').some((eip) => document.refersTo(eip.body.instance, instance));
    if (!hasEip) hold(`instance:${instance.address}`, instance.address);
  }
  for (const group of instanceGroupsOf(document)) {
    for (let index = 0; index < launchedPublicAddresses(group); index++) {
      hold(`launched:${group.group.address}:${index}`, group.group.address);
    }
  }
  if (addresses.size === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.publicIpv4Hours,
      item: 'Public IPv4 address hours',
      kind: 'fixed',
      count: addresses.size,
      quantity: addresses.size * hours,
      unit: 'address-hour',
      unitPrice: prices.publicIpv4Hour,
      resources: [...addresses.values()].flatMap((holders) => [...holders]),
    },
  ];
};
