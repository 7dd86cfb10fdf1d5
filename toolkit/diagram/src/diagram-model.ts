// Extracts the diagram model from a synthesized stack: the boxes (VPC, AZ, subnet by tier), what sits in them
// (route tables, NATs, endpoint and function network interfaces) and the routes between them, as stack-model
// reads them. Where traffic gets through comes from reachability's result (reachability-edges.ts), so the diagram
// and the reachability report never tell two stories. Everything is read from the JSON alone, following
// `${type.name.attr}` references, so the diagram shows what Terraform would create, not what the code meant.
import { analyzeReachability, ReachabilityResult } from '@lambda-vpc/reachability';
import {
  asList,
  endpointSubnetReferences,
  Ipv4Cidr,
  StackDocument,
  StackJson,
  StackResource,
  StackRoute,
  vpcEndpointType,
} from '@lambda-vpc/stack-model';
import { displayName, ModelBuilder, serviceShortName, SubnetInfo } from './builder';
import { AzBox, byString, DiagramModel, NodeKind, TIER_ORDER, VpcBox } from './model';
import { addPrivateZones } from './private-zones';
import { addGatewaysAndNats, addInstance, vpcOf } from './gateways-and-nats';
import { addInvokeGrants, addOutsideCallers, addReachablePaths } from './reachability-edges';

/**
 * Extracts the diagram model of one synthesized stack (`cdk.tf.json`, parsed).
 *
 * @param stackName the stack's name, e.g. `prod-nat-egress`; used as the diagram's title
 * @param json the stack's Terraform JSON
 * @param reachability `analyzeReachability`'s result for the same stack, when the caller already has it
 * @returns VPC/AZ/subnet boxes, nodes, edges (routes, reachable paths, invoke grants) and notes on what is not
 *   drawn, all sorted, so equal JSON gives an equal model
 */
export function buildDiagramModel(
  stackName: string,
  json: StackJson,
  reachability: ReachabilityResult = analyzeReachability(stackName, json),
): DiagramModel {
  const doc = new StackDocument(stackName, json);
  const builder = new ModelBuilder(doc);
  const vpcs = addVpcsAndSubnets(builder);
  addRouteTables(builder);
  addGatewaysAndNats(builder);
  addRoutes(builder);
  addEndpoints(builder);
  addResolverEndpoints(builder);
  addPrivateZones(builder);
  addFunctions(builder);
  addReachablePaths(builder, reachability);
  addOutsideCallers(builder, reachability);
  addInvokeGrants(builder, reachability);
  const variant = doc.variant;
  return { stackName, ...(variant ? { variant } : {}), vpcs, ...builder.result() };
}

function tierRank(tier: string): number {
  const rank = TIER_ORDER.indexOf(tier);
  return rank === -1 ? TIER_ORDER.length : rank;
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
      resource: subnet,
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
        .sort(
          (a, b) =>
            tierRank(a.tier) - tierRank(b.tier) ||
            byString(a.tier, b.tier) ||
            byString(cidrSortKey(a.cidr), cidrSortKey(b.cidr)) ||
            byString(a.id, b.id),
        )
        .map(({ id, name, tier, cidr, az }) => ({ id, name, tier, cidr, az })),
    }));
    return { id: vpc.address, name: displayName(vpc), cidr: String(vpc.body.cidr_block ?? 'no IPv4 CIDR'), azs };
  });
}

/**
 * Each aws_route_table, placed by the subnets associated with it; an adopted default table or an undeclared main table
 * is not drawn.
 */
function addRouteTables(builder: ModelBuilder): void {
  const { routeTables } = builder.doc;
  for (const { key, resource: table, associations } of routeTables.tables) {
    if (table?.type !== 'aws_route_table') continue;
    const subnets = associations
      .map((a) => builder.subnets.get(a.subnet?.address ?? ''))
      .filter((s): s is SubnetInfo => s !== undefined);
    const zones = new Set(subnets.map((subnet) => `${subnet.vpc}/${subnet.az}`));
    // A table serving one subnet is drawn inside it; one shared across subnets of a zone in the zone; else in the VPC.
    const parent = subnets.length === 1 ? subnets[0].id : zones.size === 1 ? [...zones][0] : vpcOf(builder, table);
    const label = subnets.length === 1 ? 'route table' : `route table\n${displayName(table)}`;
    builder.node({
      id: table.address,
      kind: 'route-table',
      label,
      address: table.address,
      ...(parent ? { parent } : {}),
    });
    builder.tables.add(key);
    if (subnets.length === 0) builder.note(key, 'associated with no subnet');
  }
  for (const subnet of builder.subnets.values()) {
    const table = routeTables.forSubnet(subnet.resource);
    if (table.how !== 'association')
      builder.note(subnet.id, 'no route table association: it uses the VPC main route table, which is not drawn');
  }
}

/**
 * Notes a route into a table that is not drawn: a VPC's main table (adopted, or named through the VPC's
 * `main_route_table_id`), or one outside the stack. The note goes on the route, or on a gateway endpoint.
 */
function undrawnTable(builder: ModelBuilder, route: StackRoute): boolean {
  if (builder.tables.has(route.table)) return false;
  const table = builder.doc.routeTables.table(route.table);
  const main = table?.resource !== undefined || table?.vpc !== undefined;
  if (route.origin === 'gateway-endpoint') {
    const endpoint = route.target?.resource?.address ?? route.address;
    builder.note(
      endpoint,
      main
        ? `route table ${route.table} is the VPC main route table, which is not drawn`
        : `route table ${route.table} is not in this stack; not drawn`,
    );
  } else {
    builder.note(
      route.resource.address,
      main
        ? 'its route table is the VPC main route table, which is not drawn'
        : 'its route table is not in this stack; not drawn',
    );
  }
  return true;
}

/** The node a route sends traffic to, creating a generic one for targets not drawn by their own step. */
function routeTarget(builder: ModelBuilder, route: StackResource, key: string, value: unknown): string {
  const target = builder.doc.resolve(value);
  if (target && builder.hasNode(target.address)) return target.address;
  if (target?.type === 'aws_instance') return addInstance(builder, target, 'route-target');
  if (target) {
    const vpc = vpcOf(builder, target);
    const label = `${target.type.replace(/^aws_/, '').replace(/_/g, ' ')}\n${displayName(target)}`;
    return builder.node({
      id: target.address,
      kind: 'route-target',
      label,
      address: target.address,
      ...(vpc ? { parent: vpc } : {}),
    });
  }
  const what = key.replace(/_(id|arn)$/, '').replace(/_/g, ' ');
  // A cdktf cross-stack reference names the stack that owns the target (a join another stack created).
  const owner = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\./.exec(String(value));
  if (owner) {
    builder.note(route.address, `${key} is an output of stack ${owner[1]}; drawn outside the VPC as that stack's`);
    return builder.node({ id: `external:${String(value)}`, kind: 'route-target', label: `${what}\nof ${owner[1]}` });
  }
  builder.note(
    route.address,
    `${key} ${String(value)} is not a resource of this stack; drawn outside the VPC by that value`,
  );
  return builder.node({
    id: `external:${String(value)}`,
    kind: 'route-target',
    label: `${what}\n${String(value)}`,
  });
}

/** The declared routes (aws_route, inline blocks) of the drawn tables, each an edge from its table to its target. */
function addRoutes(builder: ModelBuilder): void {
  for (const route of builder.doc.routeTables.routes.filter((r) => r.origin !== 'gateway-endpoint')) {
    if (undrawnTable(builder, route)) continue;
    const destination = route.ipv4 ?? route.ipv6 ?? route.prefixList;
    if (!route.target || destination === undefined) {
      builder.note(route.resource.address, 'a route without a destination or target; not drawn');
      continue;
    }
    builder.edge(
      route.table,
      routeTarget(builder, route.resource, route.target.argument, route.target.value),
      'route',
      String(destination),
    );
  }
}

function addEndpoints(builder: ModelBuilder): void {
  const { doc } = builder;
  for (const endpoint of doc.resources('aws_vpc_endpoint')) {
    const service = serviceShortName(endpoint.body.service_name);
    const vpc = vpcOf(builder, endpoint);
    if (vpcEndpointType(endpoint) === 'Gateway') {
      builder.node({
        id: endpoint.address,
        kind: 'gateway-endpoint',
        label: `gateway endpoint\n${service}`,
        address: endpoint.address,
        ...(vpc ? { parent: vpc } : {}),
      });
      // Its prefix list in each table that carries it (route_table_ids or an association), as stack-model reads them.
      for (const route of doc.routeTables.routes.filter(
        (r) => r.origin === 'gateway-endpoint' && r.target?.resource === endpoint,
      )) {
        if (!undrawnTable(builder, route))
          builder.edge(route.table, endpoint.address, 'route', `prefix list ${service}`);
      }
      continue;
    }
    addEnis(
      builder,
      endpoint,
      'interface-endpoint',
      `interface endpoint\n${service}`,
      endpointSubnetReferences(doc, endpoint),
      vpc,
    );
  }
}

function addResolverEndpoints(builder: ModelBuilder): void {
  for (const resolver of builder.doc.resources('aws_route53_resolver_endpoint')) {
    const direction = String(resolver.body.direction ?? '').toLowerCase();
    const subnets = (asList(resolver.body.ip_address) as Record<string, unknown>[]).map((ip) => ip.subnet_id);
    addEnis(builder, resolver, 'resolver-endpoint', `Route 53 Resolver\n${direction} endpoint`, subnets, undefined);
  }
}

function addFunctions(builder: ModelBuilder): void {
  for (const fn of builder.doc.resources('aws_lambda_function')) {
    const name =
      typeof fn.body.function_name === 'string' && !fn.body.function_name.includes('${')
        ? fn.body.function_name
        : fn.name;
    const vpcConfig = asList(fn.body.vpc_config)[0] as Record<string, unknown> | undefined;
    const subnets = asList(vpcConfig?.subnet_ids);
    // Without subnets the function runs in the Lambda service's network: it is drawn outside every VPC.
    if (subnets.length === 0)
      builder.node({ id: fn.address, kind: 'function', label: `function\n${name}`, address: fn.address });
    else addEnis(builder, fn, 'function', `function\n${name}`, subnets, undefined);
  }
}

/** One node per subnet the resource has a network interface in, since that is where its traffic starts or ends. */
function addEnis(
  builder: ModelBuilder,
  owner: StackResource,
  kind: NodeKind,
  label: string,
  subnets: unknown[],
  vpc: string | undefined,
): void {
  const placed = subnets
    .map((reference) => builder.subnetOf(reference, owner))
    .filter((subnet): subnet is SubnetInfo => subnet !== undefined);
  for (const subnet of placed) {
    const node = builder.node({
      id: `${owner.address}@${subnet.id}`,
      kind,
      label,
      address: owner.address,
      parent: subnet.id,
    });
    if (!builder.enis.some((eni) => eni.node === node))
      builder.enis.push({ node, owner: owner.address, ownerKind: kind, subnet });
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
