import { StackDocument, StackJson, StackResource } from '@lambda-vpc/stack-model';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions, TrafficAssumptions } from './assumptions';
import { instanceHourPrice, pricesFor, PRICES_AS_OF } from './price-table';

/** Fixed items cost the same every month whatever the traffic; variable items scale with it (per GB). */
export type CostKind = 'fixed' | 'variable';

/** Stable identifiers of the items an estimate can contain (instance hours add `:<instance type>`). */
export const COST_ITEM_IDS = {
  natGatewayHours: 'nat-gateway-hours',
  natGatewayData: 'nat-gateway-data',
  natInstanceHours: 'nat-instance-hours',
  ec2InstanceHours: 'ec2-instance-hours',
  ebsGp3Storage: 'ebs-gp3-storage',
  publicIpv4Hours: 'public-ipv4-hours',
  interfaceEndpointHours: 'interface-endpoint-hours',
  interfaceEndpointData: 'interface-endpoint-data',
  gatewayEndpoints: 'gateway-endpoints',
  resolverEndpointEniHours: 'resolver-endpoint-eni-hours',
  flowLogIngestion: 'flow-log-ingestion',
  kmsKeys: 'kms-keys',
} as const;

/** Root volume size when `root_block_device.volume_size` is not set: the Amazon Linux 2023 AMI's 8 GiB. */
export const DEFAULT_ROOT_VOLUME_GIB = 8;

/** One line of an estimate: a billed quantity times its list price. */
export interface CostItem {
  /** Stable identifier, one of COST_ITEM_IDS (instance hours: `nat-instance-hours:t4g.nano`). */
  readonly id: string;
  /** What is billed, e.g. `NAT gateway hours`. */
  readonly item: string;
  /** Fixed (hourly or monthly, whatever the traffic) or variable (per GB, from the traffic assumptions). */
  readonly kind: CostKind;
  /**
   * How many billed things the item covers: NAT gateways, instances, volumes, public IPv4 addresses, endpoint
   * AZs, resolver ENIs, keys; for a per-GB item, the resources the traffic is spread over.
   */
  readonly count: number;
  /** The billed quantity in `unit`, e.g. 3 gateways x 730 hours = 2190 gateway-hours. */
  readonly quantity: number;
  /** The billing unit of `quantity` and `unitPrice`. */
  readonly unit: string;
  /** List price per unit, USD, from the price table. */
  readonly unitPrice: number;
  /** quantity x unitPrice, unrounded; round only for display. */
  readonly monthlyUsd: number;
  /** Terraform addresses of the resources behind the item, sorted. */
  readonly resources: readonly string[];
}

/** A stack's estimated monthly cost. */
export interface CostReport {
  readonly stack: string;
  /** The `environment` default tag, or the stack name before its variant. */
  readonly environment: string | undefined;
  /** The `variant` default tag. */
  readonly variant: string | undefined;
  readonly region: string;
  /** The date of the price table's list prices. */
  readonly pricesAsOf: string;
  /** The assumptions the variable items and hourly quantities use (defaults with any overrides). */
  readonly assumptions: TrafficAssumptions;
  /** Every billed item, in a fixed order; items with no resources are left out. */
  readonly items: readonly CostItem[];
  /** Sum of the fixed items, rounded to cents. */
  readonly fixedMonthlyUsd: number;
  /** Sum of the variable items, rounded to cents. */
  readonly variableMonthlyUsd: number;
  /** Sum of every item, rounded to cents once (so it may differ by a cent from fixed + variable). */
  readonly totalMonthlyUsd: number;
}

/** Rounds USD to cents, immune to binary noise such as 105.12 * 100 = 10511.999999999998. */
export function roundCents(usd: number): number {
  return Math.round(Number((usd * 100).toPrecision(12))) / 100;
}

/** The region of a stack's AWS provider (`provider.aws[0].region`); an error when it has none. */
export function stackRegion(json: StackJson): string {
  const region = json.provider?.aws?.[0]?.region;
  if (typeof region !== 'string' || region === '' || region.includes('${')) {
    throw new Error('the stack\'s AWS provider has no literal region (provider.aws[0].region); pass the region explicitly');
  }
  return region;
}

/** The item of a report with an id, if the report has one. */
export function costItem(report: CostReport, id: string): CostItem | undefined {
  return report.items.find((item) => item.id === id);
}

/** A nested block as cdktf renders it: an object, an array of objects, or absent. */
function blocks(value: unknown): Record<string, any>[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value as Record<string, any>];
}

/** A list argument that must be literal to be counted (a `${...}` token for the whole list cannot be). */
function literalList(resource: StackResource, argument: string): unknown[] {
  const value = resource.body[argument];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new Error(`${resource.address}: ${argument} is not a literal list (${JSON.stringify(value)}), so its cost cannot be counted`);
  }
  return value;
}

const isReference = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

/**
 * Estimates a synthesized stack's monthly cost from its Terraform JSON, with the list prices of `region` and
 * the traffic `assumptions` (defaults for any not given).
 *
 * Counted: NAT gateways (hours; per-GB processing from `natGbPerMonth`, split evenly over all NATs, of which
 * NAT instances' shares cost nothing), EC2 instances (a NAT instance is one with `source_dest_check = false`;
 * hours by `instance_type`, plus gp3 root and EBS volumes), public IPv4 addresses (each `aws_eip` once,
 * whatever uses it; an existing allocation ID a NAT gateway or EIP association names once per ID; an
 * instance's auto-assigned public IP), VPC endpoints (Interface: one AZ-hour per subnet in `subnet_ids`, per-GB
 * from `interfaceEndpointGbPerMonth`; Gateway: zero), Route 53 Resolver endpoints (one ENI per `ip_address`),
 * flow logs to CloudWatch Logs (ingestion from `flowLogGbPerMonth`) and KMS keys.
 *
 * Anything it cannot price is an error rather than a silent zero: an unknown region, an unpriced instance type
 * or volume type, an endpoint type other than Interface or Gateway, a flow-log destination other than
 * CloudWatch Logs, a list given as a token.
 */
export function estimateMonthlyCost(
  stackName: string,
  json: StackJson,
  region: string,
  assumptions: Partial<TrafficAssumptions> = DEFAULT_ASSUMPTIONS,
): CostReport {
  const prices = pricesFor(region);
  const resolved = resolveAssumptions(assumptions);
  const hours = resolved.hoursPerMonth;
  const document = new StackDocument(stackName, json);
  const items: CostItem[] = [];
  const add = (item: Omit<CostItem, 'monthlyUsd' | 'resources'> & { resources: Iterable<string> }): void => {
    items.push({ ...item, monthlyUsd: item.quantity * item.unitPrice, resources: [...new Set(item.resources)].sort() });
  };
  const addressesOf = (resources: readonly StackResource[]): string[] => resources.map((resource) => resource.address);

  // NAT gateways.
  const natGateways = document.resources('aws_nat_gateway');
  const instances = document.resources('aws_instance');
  const natInstances = instances.filter((instance) => instance.body.source_dest_check === false);
  if (natGateways.length > 0) {
    add({
      id: COST_ITEM_IDS.natGatewayHours, item: 'NAT gateway hours', kind: 'fixed', count: natGateways.length,
      quantity: natGateways.length * hours, unit: 'gateway-hour', unitPrice: prices.natGatewayHour, resources: addressesOf(natGateways),
    });
  }

  // EC2 instances by role and type, then their volumes.
  const instanceGroups = new Map<string, { nat: boolean; type: string; members: StackResource[] }>();
  for (const instance of instances) {
    const type = instance.body.instance_type;
    if (typeof type !== 'string' || isReference(type)) {
      throw new Error(`${instance.address}: instance_type is not a literal (${JSON.stringify(type)}), so its cost cannot be counted`);
    }
    const nat = natInstances.includes(instance);
    const key = `${nat ? COST_ITEM_IDS.natInstanceHours : COST_ITEM_IDS.ec2InstanceHours}:${type}`;
    const group = instanceGroups.get(key) ?? { nat, type, members: [] };
    group.members.push(instance);
    instanceGroups.set(key, group);
  }
  for (const [id, group] of [...instanceGroups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    add({
      id, item: `${group.nat ? 'NAT instance' : 'EC2 instance'} hours (${group.type})`, kind: 'fixed', count: group.members.length,
      quantity: group.members.length * hours, unit: 'instance-hour', unitPrice: instanceHourPrice(region, group.type), resources: addressesOf(group.members),
    });
  }
  let volumeCount = 0;
  let volumeGib = 0;
  for (const instance of instances) {
    const roots = blocks(instance.body.root_block_device);
    const volumes: { block: Record<string, any>; root: boolean }[] = [
      ...(roots.length > 0 ? roots : [{}]).map((block) => ({ block, root: true })),
      ...blocks(instance.body.ebs_block_device).map((block) => ({ block, root: false })),
    ];
    for (const { block, root } of volumes) {
      const type = block.volume_type ?? 'gp3';
      if (type !== 'gp3') {
        throw new Error(`${instance.address}: volume type "${type}" is not priced; priced: gp3 (add it to packages/cost/src/price-table.ts)`);
      }
      const size = block.volume_size ?? (root ? DEFAULT_ROOT_VOLUME_GIB : undefined);
      if (typeof size !== 'number' || !(size > 0)) {
        throw new Error(`${instance.address}: ${root ? 'a root' : 'an EBS'} volume has no literal volume_size (${JSON.stringify(size)}), so its cost cannot be counted`);
      }
      volumeCount += 1;
      volumeGib += size;
    }
  }
  if (volumeCount > 0) {
    add({
      id: COST_ITEM_IDS.ebsGp3Storage, item: 'EBS gp3 storage', kind: 'fixed', count: volumeCount,
      quantity: volumeGib, unit: 'GB-month', unitPrice: prices.ebsGp3GbMonth, resources: addressesOf(instances),
    });
  }

  // Public IPv4 addresses: one per distinct address, with every resource that holds it.
  const publicAddresses = new Map<string, Set<string>>();
  const holdAddress = (key: string, holder: string): void => {
    publicAddresses.set(key, (publicAddresses.get(key) ?? new Set<string>()).add(holder));
  };
  for (const eip of document.resources('aws_eip')) holdAddress(eip.address, eip.address);
  const holdAllocation = (allocation: unknown, holder: StackResource): void => {
    if (allocation === undefined || allocation === null) return;
    const target = document.resolve(allocation);
    if (target?.type === 'aws_eip') holdAddress(target.address, holder.address);
    else holdAddress(`allocation:${String(allocation)}`, holder.address);
  };
  for (const gateway of natGateways) {
    if (gateway.body.connectivity_type === 'private') continue;
    holdAllocation(gateway.body.allocation_id, gateway);
    for (const secondary of literalList(gateway, 'secondary_allocation_ids')) holdAllocation(secondary, gateway);
  }
  const associations = document.resources('aws_eip_association');
  for (const association of associations) holdAllocation(association.body.allocation_id, association);
  for (const instance of instances) {
    if (instance.body.associate_public_ip_address !== true) continue;
    const hasEip = associations.some((association) => document.refersTo(association.body.instance_id, instance))
      || document.resources('aws_eip').some((eip) => document.refersTo(eip.body.instance, instance));
    if (!hasEip) holdAddress(`instance:${instance.address}`, instance.address);
  }
  if (publicAddresses.size > 0) {
    add({
      id: COST_ITEM_IDS.publicIpv4Hours, item: 'Public IPv4 address hours', kind: 'fixed', count: publicAddresses.size,
      quantity: publicAddresses.size * hours, unit: 'address-hour', unitPrice: prices.publicIpv4Hour,
      resources: [...publicAddresses.values()].flatMap((holders) => [...holders]),
    });
  }

  // NAT data processing: the NAT traffic split evenly over every NAT; only gateways' shares are charged.
  if (natGateways.length > 0) {
    const share = natGateways.length / (natGateways.length + natInstances.length);
    add({
      id: COST_ITEM_IDS.natGatewayData, item: 'NAT gateway data processed', kind: 'variable', count: natGateways.length,
      quantity: resolved.natGbPerMonth * share, unit: 'GB', unitPrice: prices.natGatewayGb, resources: addressesOf(natGateways),
    });
  }

  // VPC endpoints.
  const interfaceEndpoints: StackResource[] = [];
  const gatewayEndpoints: StackResource[] = [];
  let endpointAzs = 0;
  for (const endpoint of document.resources('aws_vpc_endpoint')) {
    const type = endpoint.body.vpc_endpoint_type ?? 'Gateway';
    if (type === 'Gateway') {
      gatewayEndpoints.push(endpoint);
    } else if (type === 'Interface') {
      interfaceEndpoints.push(endpoint);
      endpointAzs += literalList(endpoint, 'subnet_ids').length;
    } else {
      throw new Error(`${endpoint.address}: VPC endpoint type "${type}" is not priced; priced: Interface, Gateway`);
    }
  }
  if (interfaceEndpoints.length > 0) {
    add({
      id: COST_ITEM_IDS.interfaceEndpointHours, item: 'Interface endpoint AZ-hours', kind: 'fixed', count: endpointAzs,
      quantity: endpointAzs * hours, unit: 'AZ-hour', unitPrice: prices.interfaceEndpointAzHour, resources: addressesOf(interfaceEndpoints),
    });
  }
  if (gatewayEndpoints.length > 0) {
    add({
      id: COST_ITEM_IDS.gatewayEndpoints, item: 'Gateway endpoints', kind: 'fixed', count: gatewayEndpoints.length,
      quantity: gatewayEndpoints.length, unit: 'endpoint-month', unitPrice: prices.gatewayEndpointMonth, resources: addressesOf(gatewayEndpoints),
    });
  }

  // Route 53 Resolver endpoints: one ENI per IP address.
  const resolverEndpoints = document.resources('aws_route53_resolver_endpoint');
  if (resolverEndpoints.length > 0) {
    const enis = resolverEndpoints.reduce((sum, endpoint) => sum + blocks(endpoint.body.ip_address).length, 0);
    add({
      id: COST_ITEM_IDS.resolverEndpointEniHours, item: 'Route 53 Resolver endpoint ENI-hours', kind: 'fixed', count: enis,
      quantity: enis * hours, unit: 'ENI-hour', unitPrice: prices.resolverEndpointEniHour, resources: addressesOf(resolverEndpoints),
    });
  }

  // Per-GB items of the endpoints and flow logs (the report lists every fixed item first, then these).
  if (interfaceEndpoints.length > 0) {
    add({
      id: COST_ITEM_IDS.interfaceEndpointData, item: 'Interface endpoint data processed', kind: 'variable', count: interfaceEndpoints.length,
      quantity: resolved.interfaceEndpointGbPerMonth, unit: 'GB', unitPrice: prices.interfaceEndpointGb, resources: addressesOf(interfaceEndpoints),
    });
  }
  const flowLogs = document.resources('aws_flow_log');
  for (const flowLog of flowLogs) {
    const destination = flowLog.body.log_destination_type ?? 'cloud-watch-logs';
    if (destination !== 'cloud-watch-logs') {
      throw new Error(`${flowLog.address}: flow-log destination "${destination}" is not priced; priced: cloud-watch-logs`);
    }
  }
  if (flowLogs.length > 0) {
    add({
      id: COST_ITEM_IDS.flowLogIngestion, item: 'Flow log ingestion (CloudWatch Logs)', kind: 'variable', count: flowLogs.length,
      quantity: resolved.flowLogGbPerMonth, unit: 'GB', unitPrice: prices.flowLogIngestionGb, resources: addressesOf(flowLogs),
    });
  }

  // KMS keys.
  const keys = document.resources('aws_kms_key');
  if (keys.length > 0) {
    add({
      id: COST_ITEM_IDS.kmsKeys, item: 'KMS keys', kind: 'fixed', count: keys.length,
      quantity: keys.length, unit: 'key-month', unitPrice: prices.kmsKeyMonth, resources: addressesOf(keys),
    });
  }

  const ordered = [...items.filter((item) => item.kind === 'fixed'), ...items.filter((item) => item.kind === 'variable')];
  const sum = (kind?: CostKind): number => ordered.filter((item) => !kind || item.kind === kind).reduce((total, item) => total + item.monthlyUsd, 0);
  const tags: Record<string, string> | undefined = json.provider?.aws?.[0]?.default_tags?.[0]?.tags;
  const variant = document.variant;
  const environment = tags?.environment
    ?? (variant && stackName.endsWith(`-${variant}`) ? stackName.slice(0, -variant.length - 1) : undefined);
  return {
    stack: stackName,
    environment,
    variant,
    region,
    pricesAsOf: PRICES_AS_OF,
    assumptions: resolved,
    items: ordered,
    fixedMonthlyUsd: roundCents(sum('fixed')),
    variableMonthlyUsd: roundCents(sum('variable')),
    totalMonthlyUsd: roundCents(sum()),
  };
}
