// Extracts the diagram model from a synthesized stack: the boxes (VPC, AZ, subnet by tier), what sits in them
// (route tables, NATs, endpoint and function network interfaces) and the routes between them. The allowed
// paths come from security group rules, in paths.ts. Everything is read from the JSON alone, following
// `${type.name.attr}` references, so the diagram shows what Terraform would create, not what the code meant.
import { asList, Ipv4Cidr, StackDocument, StackJson, StackResource } from '@lambda-vpc/stack-model';
import { displayName, ModelBuilder, serviceShortName, SubnetInfo } from './builder';
import { AzBox, byString, NetworkModel, NodeKind, TIER_ORDER, VpcBox } from './model';
import { addAllowedPaths, addInvokeGrants, addOutsideCallers, internetNode } from './paths';

/** Route arguments naming where traffic goes, in the order a route is checked for one. */
const ROUTE_TARGET_KEYS = [
  'gateway_id', 'nat_gateway_id', 'network_interface_id', 'instance_id', 'transit_gateway_id', 'vpc_peering_connection_id',
  'egress_only_gateway_id', 'vpc_endpoint_id', 'carrier_gateway_id', 'local_gateway_id', 'core_network_arn',
];

/**
 * Extracts the diagram model of one synthesized stack (`cdk.tf.json`, parsed).
 *
 * @param stackName the stack's name, e.g. `prod-nat-egress`; used as the diagram's title
 * @param json the stack's Terraform JSON
 * @returns VPC/AZ/subnet boxes, nodes, edges (routes, allowed paths, invoke grants) and notes on what is not drawn,
 *   all sorted, so equal JSON gives an equal model
 */
export function buildNetworkModel(stackName: string, json: StackJson): NetworkModel {
  const doc = new StackDocument(stackName, json);
  const builder = new ModelBuilder(doc);
  const vpcs = addVpcsAndSubnets(builder);
  addRouteTables(builder);
  addGatewaysAndNats(builder);
  addRoutes(builder);
  addEndpoints(builder);
  addResolverEndpoints(builder);
  addFunctions(builder);
  addAllowedPaths(builder);
  addOutsideCallers(builder);
  addInvokeGrants(builder);
  const variant = doc.variant;
  return { stackName, ...(variant ? { variant } : {}), vpcs, ...builder.result() };
}

function tierRank(tier: string): number {
  const rank = TIER_ORDER.indexOf(tier);
  return rank === -1 ? TIER_ORDER.length : rank;
}

/** The VPC a resource's `vpc_id` points at, if that VPC is in the stack. */
function vpcOf(builder: ModelBuilder, resource: StackResource): string | undefined {
  const vpc = builder.doc.resolve(resource.body.vpc_id);
  return vpc?.type === 'aws_vpc' ? vpc.address : undefined;
}

function addVpcsAndSubnets(builder: ModelBuilder): VpcBox[] {
  const { doc } = builder;
  const vpcs = doc.resources('aws_vpc').sort((a, b) => byString(a.address, b.address));
  for (const subnet of doc.resources('aws_subnet')) {
    const vpc = vpcs.find((candidate) => doc.refersTo(subnet.body.vpc_id, candidate));
    if (!vpc) {
      builder.note(subnet.address, 'its VPC is not in this stack; not drawn');
      continue;
    }
    builder.subnets.set(subnet.address, {
      id: subnet.address,
      name: displayName(subnet),
      tier: typeof subnet.body.tags?.Tier === 'string' ? subnet.body.tags.Tier : 'untagged',
      cidr: String(subnet.body.cidr_block ?? 'no IPv4 CIDR'),
      az: String(subnet.body.availability_zone ?? subnet.body.availability_zone_id ?? 'unknown AZ'),
      vpc: vpc.address,
      vpcCidr: String(vpc.body.cidr_block ?? ''),
    });
  }
  return vpcs.map((vpc) => {
    const own = [...builder.subnets.values()].filter((subnet) => subnet.vpc === vpc.address);
    const zones = [...new Set(own.map((subnet) => subnet.az))].sort(byString);
    const azs: AzBox[] = zones.map((zone) => ({
      id: `${vpc.address}/${zone}`,
      name: zone,
      subnets: own
        .filter((subnet) => subnet.az === zone)
        .sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || byString(a.tier, b.tier)
          || byString(cidrSortKey(a.cidr), cidrSortKey(b.cidr)) || byString(a.id, b.id))
        .map(({ id, name, tier, cidr, az }) => ({ id, name, tier, cidr, az })),
    }));
    return { id: vpc.address, name: displayName(vpc), cidr: String(vpc.body.cidr_block ?? 'no IPv4 CIDR'), azs };
  });
}

function addRouteTables(builder: ModelBuilder): void {
  const { doc } = builder;
  for (const association of doc.resources('aws_route_table_association')) {
    const table = doc.resolve(association.body.route_table_id);
    const subnet = doc.resolve(association.body.subnet_id);
    if (table && subnet && builder.subnets.has(subnet.address)) builder.subnetRouteTable.set(subnet.address, table.address);
  }
  for (const table of doc.resources('aws_route_table')) {
    const subnets = [...builder.subnetRouteTable].filter(([, t]) => t === table.address).map(([s]) => builder.subnets.get(s) as SubnetInfo);
    const zones = new Set(subnets.map((subnet) => `${subnet.vpc}/${subnet.az}`));
    // A table serving one subnet is drawn inside it; one shared across subnets of a zone in the zone; else in the VPC.
    const parent = subnets.length === 1 ? subnets[0].id : zones.size === 1 ? [...zones][0] : vpcOf(builder, table);
    const label = subnets.length === 1 ? 'route table' : `route table\n${displayName(table)}`;
    builder.node({ id: table.address, kind: 'route-table', label, address: table.address, ...(parent ? { parent } : {}) });
    builder.routes.set(table.address, []);
    if (subnets.length === 0) builder.note(table.address, 'associated with no subnet');
  }
  for (const subnet of builder.subnets.values()) {
    if (!builder.subnetRouteTable.has(subnet.id)) builder.note(subnet.id, 'no route table association: it uses the VPC main route table, which is not drawn');
  }
}

/** Internet gateways, NAT gateways and NAT instances are drawn even when no route uses them yet. */
function addGatewaysAndNats(builder: ModelBuilder): void {
  const { doc } = builder;
  for (const type of ['aws_internet_gateway', 'aws_egress_only_internet_gateway']) {
    for (const gateway of doc.resources(type)) {
      const vpc = vpcOf(builder, gateway);
      const label = type === 'aws_internet_gateway' ? 'internet gateway' : 'egress-only internet gateway';
      builder.node({ id: gateway.address, kind: 'internet-gateway', label, address: gateway.address, ...(vpc ? { parent: vpc } : {}) });
      builder.edge(gateway.address, internetNode(builder), 'route', '');
    }
  }
  for (const nat of doc.resources('aws_nat_gateway')) {
    const subnet = builder.subnetOf(nat.body.subnet_id, nat);
    const label = nat.body.connectivity_type === 'private' ? 'NAT gateway (private)' : 'NAT gateway';
    builder.node({ id: nat.address, kind: 'nat-gateway', label, address: nat.address, ...(subnet ? { parent: subnet.id } : {}) });
  }
  // An instance that forwards traffic for others must have the source/destination check off: that marks a NAT instance.
  for (const instance of doc.resources('aws_instance').filter((i) => i.body.source_dest_check === false)) addInstance(builder, instance, 'nat-instance');
}

function addInstance(builder: ModelBuilder, instance: StackResource, kind: NodeKind): string {
  const subnet = builder.subnetOf(instance.body.subnet_id, instance);
  const type = typeof instance.body.instance_type === 'string' ? `\n${instance.body.instance_type}` : '';
  const label = kind === 'nat-instance' ? `NAT instance${type}` : `instance ${displayName(instance)}${type}`;
  return builder.node({ id: instance.address, kind, label, address: instance.address, ...(subnet ? { parent: subnet.id } : {}) });
}

/** The node a route sends traffic to, creating a generic one for targets not drawn by their own step. */
function routeTarget(builder: ModelBuilder, route: StackResource, key: string, value: unknown): string {
  const target = builder.doc.resolve(value);
  if (target && builder.hasNode(target.address)) return target.address;
  if (target?.type === 'aws_instance') return addInstance(builder, target, 'route-target');
  if (target) {
    const vpc = vpcOf(builder, target);
    const label = `${target.type.replace(/^aws_/, '').replace(/_/g, ' ')}\n${displayName(target)}`;
    return builder.node({ id: target.address, kind: 'route-target', label, address: target.address, ...(vpc ? { parent: vpc } : {}) });
  }
  builder.note(route.address, `${key} ${String(value)} is not a resource of this stack; drawn outside the VPC by that value`);
  return builder.node({ id: `external:${String(value)}`, kind: 'route-target', label: `${key.replace(/_(id|arn)$/, '').replace(/_/g, ' ')}\n${String(value)}` });
}

function addRoutes(builder: ModelBuilder): void {
  const { doc } = builder;
  const routes: { table: string | undefined; body: Record<string, any>; resource: StackResource }[] = [
    ...doc.resources('aws_route').map((route) => ({ table: doc.resolve(route.body.route_table_id)?.address, body: route.body, resource: route })),
    ...doc.resources('aws_route_table').flatMap((table) => (asList(table.body.route) as Record<string, any>[]).map((body) => ({ table: table.address, body, resource: table }))),
  ];
  for (const { table, body, resource } of routes) {
    if (!table || !builder.routes.has(table)) {
      builder.note(resource.address, 'its route table is not in this stack; not drawn');
      continue;
    }
    const set = (key: string) => body[key] !== undefined && body[key] !== null && body[key] !== '';
    const key = ROUTE_TARGET_KEYS.find(set);
    const destinationKey = ['destination_cidr_block', 'cidr_block', 'destination_ipv6_cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'].find(set);
    if (!key || !destinationKey) {
      builder.note(resource.address, 'a route without a destination or target; not drawn');
      continue;
    }
    const destination = String(body[destinationKey]);
    const target = routeTarget(builder, resource, key, body[key]);
    builder.routes.get(table)?.push({ destination, target });
    builder.edge(table, target, 'route', destination);
  }
}

function addEndpoints(builder: ModelBuilder): void {
  const { doc } = builder;
  const associated = (type: string, endpoint: StackResource, key: string) => doc.resources(type)
    .filter((association) => doc.refersTo(association.body.vpc_endpoint_id, endpoint)).map((association) => association.body[key]);
  for (const endpoint of doc.resources('aws_vpc_endpoint')) {
    const service = serviceShortName(endpoint.body.service_name);
    const vpc = vpcOf(builder, endpoint);
    // The provider's default endpoint type is Gateway.
    if ((endpoint.body.vpc_endpoint_type ?? 'Gateway') === 'Gateway') {
      builder.node({ id: endpoint.address, kind: 'gateway-endpoint', label: `gateway endpoint\n${service}`, address: endpoint.address, ...(vpc ? { parent: vpc } : {}) });
      const tables = [...asList(endpoint.body.route_table_ids), ...associated('aws_vpc_endpoint_route_table_association', endpoint, 'route_table_id')];
      for (const table of tables.map((t) => doc.resolve(t)?.address ?? String(t))) {
        if (!builder.routes.has(table)) {
          builder.note(endpoint.address, `route table ${table} is not in this stack; not drawn`);
          continue;
        }
        const destination = `prefix list ${service}`;
        builder.routes.get(table)?.push({ destination, target: endpoint.address });
        builder.edge(table, endpoint.address, 'route', destination);
      }
      continue;
    }
    const subnets = [...asList(endpoint.body.subnet_ids), ...associated('aws_vpc_endpoint_subnet_association', endpoint, 'subnet_id')];
    const groups = [...asList(endpoint.body.security_group_ids), ...associated('aws_vpc_endpoint_security_group_association', endpoint, 'security_group_id')];
    addEnis(builder, endpoint, 'interface-endpoint', `interface endpoint\n${service}`, subnets, groups, vpc);
  }
}

function addResolverEndpoints(builder: ModelBuilder): void {
  for (const resolver of builder.doc.resources('aws_route53_resolver_endpoint')) {
    const direction = String(resolver.body.direction ?? '').toLowerCase();
    const subnets = (asList(resolver.body.ip_address) as Record<string, unknown>[]).map((ip) => ip.subnet_id);
    addEnis(builder, resolver, 'resolver-endpoint', `Route 53 Resolver\n${direction} endpoint`, subnets, asList(resolver.body.security_group_ids), undefined);
  }
}

function addFunctions(builder: ModelBuilder): void {
  for (const fn of builder.doc.resources('aws_lambda_function')) {
    const name = typeof fn.body.function_name === 'string' && !fn.body.function_name.includes('${') ? fn.body.function_name : fn.name;
    const vpcConfig = asList(fn.body.vpc_config)[0] as Record<string, unknown> | undefined;
    const subnets = asList(vpcConfig?.subnet_ids);
    // Without subnets the function runs in the Lambda service's network: it is drawn outside every VPC.
    if (subnets.length === 0) builder.node({ id: fn.address, kind: 'function', label: `function\n${name}`, address: fn.address });
    else addEnis(builder, fn, 'function', `function\n${name}`, subnets, asList(vpcConfig?.security_group_ids), undefined);
  }
}

/** One node per subnet the resource has a network interface in, since that is where its traffic starts or ends. */
function addEnis(builder: ModelBuilder, owner: StackResource, kind: NodeKind, label: string, subnets: unknown[], groups: unknown[], vpc: string | undefined): void {
  const groupAddresses = groups.map((group) => builder.doc.resolve(group)?.address ?? String(group));
  const placed = subnets.map((reference) => builder.subnetOf(reference, owner)).filter((subnet): subnet is SubnetInfo => subnet !== undefined);
  for (const subnet of placed) {
    const node = builder.node({ id: `${owner.address}@${subnet.id}`, kind, label, address: owner.address, parent: subnet.id });
    if (!builder.enis.some((eni) => eni.node === node)) builder.enis.push({ node, owner: owner.address, ownerKind: kind, subnet, groups: groupAddresses });
  }
  if (placed.length === 0) {
    builder.note(owner.address, 'in no subnet of this stack; drawn without its network interfaces');
    builder.node({ id: owner.address, kind, label, address: owner.address, ...(vpc ? { parent: vpc } : {}) });
  }
}

/** Sorts blocks by address, then prefix length; anything that is not an IPv4 block after them. */
function cidrSortKey(cidr: string): string {
  return Ipv4Cidr.read(cidr)?.sortKey ?? `~${cidr}`;
}
