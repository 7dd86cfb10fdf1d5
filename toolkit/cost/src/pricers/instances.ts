import { StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { COST_ITEM_IDS } from '../cost-report';
import { instanceHourPrice } from '../price-table';
import { addressesOf, blocks, CostLine, isReference, natInstancesOf, Pricer } from '../pricing';

/** Root volume size when `root_block_device.volume_size` is not set: the Amazon Linux 2023 AMI's 8 GiB. */
export const DEFAULT_ROOT_VOLUME_GIB = 8;

/** EC2 instance hours by role (NAT or not) and instance type, one line each, sorted by id. */
export const instanceHours: Pricer = ({ document, region, hours }) => {
  const natInstances = natInstancesOf(document);
  const groups = new Map<string, { nat: boolean; type: string; members: StackResource[] }>();
  for (const instance of document.resources('aws_instance')) {
    const type = instance.body.instance_type;
    if (typeof type !== 'string' || isReference(type)) {
      throw new Error(
        `${instance.address}: instance_type is not a literal (${JSON.stringify(type)}), so its cost cannot be counted`,
      );
    }
    const nat = natInstances.includes(instance);
    const key = `${nat ? COST_ITEM_IDS.natInstanceHours : COST_ITEM_IDS.ec2InstanceHours}:${type}`;
    const group = groups.get(key) ?? { nat, type, members: [] };
    group.members.push(instance);
    groups.set(key, group);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, group]): CostLine => ({
      id,
      item: `${group.nat ? 'NAT instance' : 'EC2 instance'} hours (${group.type})`,
      kind: 'fixed',
      count: group.members.length,
      quantity: group.members.length * hours,
      unit: 'instance-hour',
      unitPrice: instanceHourPrice(region, group.type),
      resources: addressesOf(group.members),
    }));
};

/** gp3 storage of every instance's root and EBS volumes. */
export const ebsStorage: Pricer = ({ document, prices }) => {
  const instances = document.resources('aws_instance');
  let count = 0;
  let gib = 0;
  for (const instance of instances) {
    const roots = blocks(instance.body.root_block_device);
    const volumes: { block: TerraformBlock; root: boolean }[] = [
      ...(roots.length > 0 ? roots : [{}]).map((block) => ({ block, root: true })),
      ...blocks(instance.body.ebs_block_device).map((block) => ({ block, root: false })),
    ];
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
      count += 1;
      gib += size;
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
      resources: addressesOf(instances),
    },
  ];
};
