import { StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { COST_ITEM_IDS } from '../cost-report';
import { instanceHourPrice } from '../price-table';
import { instanceGroupsOf } from '../instance-groups';
import { addressesOf, blocks, CostLine, isReference, natInstancesOf, Pricer } from '../pricing';

/** Root volume size when `root_block_device.volume_size` is not set: the Amazon Linux 2023 AMI's 8 GiB. */
export const DEFAULT_ROOT_VOLUME_GIB = 8;

/**
 * EC2 instance hours by role (NAT or not) and instance type, one line each, sorted by id: every `aws_instance`, and
 * the desired capacity of every auto scaling group.
 */
export const instanceHours: Pricer = ({ document, region, hours }) => {
  const natInstances = natInstancesOf(document);
  const groups = new Map<string, { nat: boolean; type: string; count: number; members: StackResource[] }>();
  const add = (type: string, nat: boolean, count: number, member: StackResource): void => {
    const key = `${nat ? COST_ITEM_IDS.natInstanceHours : COST_ITEM_IDS.ec2InstanceHours}:${type}`;
    const group = groups.get(key) ?? { nat, type, count: 0, members: [] };
    group.count += count;
    group.members.push(member);
    groups.set(key, group);
  };
  for (const instance of document.resources('aws_instance')) {
    const type = instance.body.instance_type;
    if (typeof type !== 'string' || isReference(type)) {
      throw new Error(
        `${instance.address}: instance_type is not a literal (${JSON.stringify(type)}), so its cost cannot be counted`,
      );
    }
    add(type, natInstances.includes(instance), 1, instance);
  }
  for (const { group, instanceType, nat, count } of instanceGroupsOf(document)) add(instanceType, nat, count, group);
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, group]): CostLine => ({
      id,
      item: `${group.nat ? 'NAT instance' : 'EC2 instance'} hours (${group.type})`,
      kind: 'fixed',
      count: group.count,
      quantity: group.count * hours,
      unit: 'instance-hour',
      unitPrice: instanceHourPrice(region, group.type),
      resources: addressesOf(group.members),
    }));
};

/** The volumes of an instance: its root (stated or the AMI's default) and its EBS volumes. */
function instanceVolumes(instance: StackResource): { block: TerraformBlock; root: boolean }[] {
  const roots = blocks(instance.body.root_block_device);
  return [
    ...(roots.length > 0 ? roots : [{}]).map((block) => ({ block, root: true })),
    ...blocks(instance.body.ebs_block_device).map((block) => ({ block, root: false })),
  ];
}

/** The volumes each instance of a launch template gets: its block device mappings, or the AMI's default root. */
function templateVolumes(template: StackResource): { block: TerraformBlock; root: boolean }[] {
  const mappings = blocks(template.body.block_device_mappings);
  if (mappings.length === 0) return [{ block: {}, root: true }];
  return mappings.map((mapping, index) => ({ block: blocks(mapping.ebs)[0] ?? {}, root: index === 0 }));
}

/** gp3 storage of every instance's root and EBS volumes, and of every auto scaling group's instances. */
export const ebsStorage: Pricer = ({ document, prices }) => {
  const instances = document.resources('aws_instance');
  const groups = instanceGroupsOf(document);
  const owners: { resource: StackResource; times: number; volumes: { block: TerraformBlock; root: boolean }[] }[] = [
    ...instances.map((instance) => ({ resource: instance, times: 1, volumes: instanceVolumes(instance) })),
    ...groups.map(({ group, template, count }) => ({
      resource: group,
      times: count,
      volumes: templateVolumes(template),
    })),
  ];
  let count = 0;
  let gib = 0;
  for (const { resource: instance, times, volumes } of owners) {
    for (const { block, root } of volumes) {
      const type = block.volume_type ?? 'gp3';
      if (type !== 'gp3') {
        throw new Error(
          `${instance.address}: volume type "${type}" is not priced; priced: gp3 (add it to ` +
            `toolkit/cost/src/price-table.ts)`,
        );
      }
      const size = block.volume_size ?? (root ? DEFAULT_ROOT_VOLUME_GIB : undefined);
      if (typeof size !== 'number' || !(size > 0)) {
        throw new Error(
          `${instance.address}: ${root ? 'a root' : 'an EBS'} volume has no literal volume_size ` +
            `(${JSON.stringify(size)}), so its cost cannot be counted`,
        );
      }
      count += times;
      gib += size * times;
    }
  }
  if (count === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.ebsGp3Storage,
      item: 'EBS gp3 storage',
      kind: 'fixed',
      count,
      quantity: gib,
      unit: 'GB-month',
      unitPrice: prices.ebsGp3GbMonth,
      resources: addressesOf(owners.map((owner) => owner.resource)),
    },
  ];
};
