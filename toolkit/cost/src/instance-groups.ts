// The instances auto scaling groups keep running, as the cost estimate counts them: the group's desired capacity of
// its launch template's instance type and volumes. A group is a NAT when its template tags the instances with a
// network interface whose source/destination check is off (a self-healing NAT instance's static interface).
import {
  asList,
  interfacesTaggedBy,
  launchTemplateOf,
  StackDocument,
  StackResource,
  TerraformBlock,
} from '@lambda-vpc/stack-model';
import { isReference, natInstancesOf } from './pricing';

/** An auto scaling group and what each of its instances is. */
export interface InstanceGroup {
  /** The `aws_autoscaling_group`. */
  readonly group: StackResource;
  /** Its launch template. */
  readonly template: StackResource;
  /** How many instances it keeps running: `desired_capacity`, else `min_size`. */
  readonly count: number;
  /** The template's `instance_type`. */
  readonly instanceType: string;
  /** Whether its instances are NAT instances (they attach an interface with source/destination check off). */
  readonly nat: boolean;
}

const literalNumber = (resource: StackResource, argument: string): number | undefined => {
  const value = resource.body[argument];
  return typeof value === 'number' ? value : undefined;
};

/** Every auto scaling group of the stack with its template; a group the estimate cannot count is an error. */
export function instanceGroupsOf(document: StackDocument): InstanceGroup[] {
  return document.resources('aws_autoscaling_group').map((group) => {
    const template = launchTemplateOf(document, group);
    if (!template) {
      throw new Error(
        `${group.address}: launch_template.id does not name an aws_launch_template of the stack, so its instances ` +
          'cannot be counted',
      );
    }
    const count = literalNumber(group, 'desired_capacity') ?? literalNumber(group, 'min_size');
    const instanceType = template.body.instance_type;
    if (count === undefined || typeof instanceType !== 'string' || isReference(instanceType)) {
      throw new Error(
        `${group.address}: desired_capacity (or min_size) and its template's instance_type must be literal ` +
          `(${JSON.stringify(count)}, ${JSON.stringify(instanceType)}), so its cost cannot be counted`,
      );
    }
    const nat = interfacesTaggedBy(document, template).some((eni) => eni.body.source_dest_check === false);
    return { group, template, count, instanceType, nat };
  });
}

/** How many of a group's instances get a public IPv4 address at launch (`associate_public_ip_address`). */
export function launchedPublicAddresses({ template, count }: InstanceGroup): number {
  const primary = asList(template.body.network_interfaces).find(
    (networkInterface) => Number((networkInterface as TerraformBlock).device_index ?? 0) === 0,
  ) as TerraformBlock | undefined;
  return String(primary?.associate_public_ip_address) === 'true' ? count : 0;
}

/** How many NATs the stack runs: NAT gateways, NAT instances, and the instances of self-healing NAT groups. */
export function natCountOf(document: StackDocument): number {
  const groupNats = instanceGroupsOf(document)
    .filter((group) => group.nat)
    .reduce((sum, group) => sum + group.count, 0);
  return document.resources('aws_nat_gateway').length + natInstancesOf(document).length + groupNats;
}
