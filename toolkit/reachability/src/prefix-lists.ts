import { asList, Ipv4Cidr } from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { Target } from './targets';

/** A prefix list as routes and security group rules reference it. */
export interface PrefixList {
  /** The address of what defines it (the gateway endpoint, or the managed prefix list), or the literal ID. */
  readonly id: string;
  /** For an AWS-managed service list (through a gateway endpoint's `prefix_list_id`): the service. */
  readonly service?: string;
  /** For a customer-managed aws_ec2_managed_prefix_list: its entries. */
  readonly cidrs?: Ipv4Cidr[];
}

/**
 * Reads a `prefix_list_id` / `destination_prefix_list_id` reference. A gateway endpoint's `prefix_list_id` is the
 * AWS-managed list of its service; a customer-managed list carries its entries (inline `entry` blocks and
 * aws_ec2_managed_prefix_list_entry resources). A literal `pl-...` ID is opaque: nothing is known to be in it.
 */
export function readPrefixList(model: ReachabilityModel, reference: unknown): PrefixList {
  const target = model.resolve(reference);
  if (target?.type === 'aws_vpc_endpoint') return { id: target.address, service: model.serviceOf(target) };
  if (target?.type === 'aws_ec2_managed_prefix_list') {
    const inline = asList(target.body.entry).map((entry) => (entry as Record<string, unknown>).cidr);
    const separate = model
      .all('aws_ec2_managed_prefix_list_entry')
      .filter((entry) => model.refersTo(entry.body.prefix_list_id, target))
      .map((entry) => entry.body.cidr);
    return {
      id: target.address,
      cidrs: [...inline, ...separate].map(Ipv4Cidr.read).filter((c): c is Ipv4Cidr => c !== undefined),
    };
  }
  return { id: String(reference) };
}

/**
 * How specifically the list matches the target, for longest-prefix match: the longest entry holding the target;
 * for a service's own list, 0.5. AWS's service ranges are all narrower than `/0` but their lengths are not in
 * the JSON, so they rank above a default route (the only CIDR route known to cover a service's addresses).
 * Undefined when the list does not (knowably) hold the target.
 */
export function prefixListMatch(prefixList: PrefixList, target: Target): number | undefined {
  if (target.kind === 'service') return prefixList.service === target.service ? 0.5 : undefined;
  const lengths = (prefixList.cidrs ?? [])
    .filter((cidr) => cidr.contains(target.cidr))
    .map((cidr) => cidr.prefixLength);
  return lengths.length > 0 ? Math.max(...lengths) : undefined;
}
