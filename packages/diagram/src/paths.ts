// The allowed paths: where a function's security group lets its traffic go, followed through the routes of
// the subnet it starts in; who outside the VPC an endpoint's security group admits; and which functions an
// endpoint policy lets callers invoke. A rule that allows traffic no route can carry is noted, not drawn,
// because the diagram should show traffic that can flow, not intentions.
import { asList, Ipv4Cidr } from '@lambda-vpc/stack-model';
import { byString } from './model';
import { EniInfo, ModelBuilder } from './builder';
import { FlatRule, flatRules } from './security-rules';

/** The one `internet` node, added on first use. */
export function internetNode(builder: ModelBuilder): string {
  return builder.node({ id: 'internet', kind: 'internet', label: 'internet' });
}

/** Edges from each function ENI along what its groups' egress rules allow. */
export function addAllowedPaths(builder: ModelBuilder): void {
  const rules = flatRules(builder.doc).filter((rule) => rule.direction === 'egress');
  for (const eni of builder.enis.filter((candidate) => candidate.ownerKind === 'function')) {
    for (const rule of rules.filter((candidate) => eni.groups.includes(candidate.group))) {
      for (const prefixList of rule.prefixLists) toPrefixList(builder, eni, rule, prefixList);
      for (const group of rule.groups) toGroup(builder, eni, rule, group);
      for (const cidr of rule.cidrs) toCidr(builder, eni, rule, cidr);
    }
  }
}

function toPrefixList(builder: ModelBuilder, eni: EniInfo, rule: FlatRule, prefixList: unknown): void {
  const endpoint = builder.doc.resolve(prefixList);
  if (endpoint?.type !== 'aws_vpc_endpoint' || !builder.hasNode(endpoint.address)) {
    builder.note(rule.address, `prefix list ${String(prefixList)} is not a gateway endpoint of this stack; not drawn`);
    return;
  }
  // A prefix list rule only carries traffic if the subnet's route table sends that prefix list to the endpoint.
  if (builder.routesOf(eni.subnet.id).some((route) => route.target === endpoint.address)) {
    builder.edge(eni.node, endpoint.address, 'path', rule.label);
  } else {
    builder.note(rule.address, `allows ${rule.label} to ${endpoint.address}, but ${eni.subnet.id} has no route to it; not drawn`);
  }
}

function toGroup(builder: ModelBuilder, eni: EniInfo, rule: FlatRule, group: string): void {
  const holders = builder.enis.filter((other) => other.owner !== eni.owner && other.groups.includes(group) && other.subnet.vpc === eni.subnet.vpc);
  if (holders.length === 0) {
    builder.note(rule.address, `allows ${rule.label} to ${group}, which no drawn network interface in the VPC holds; not drawn`);
    return;
  }
  // Traffic to an interface endpoint stays in the caller's AZ when the endpoint has an interface there (its private
  // DNS answers per AZ); drawing every cross-AZ pair as well would multiply edges without adding meaning.
  const sameZone = holders.filter((other) => other.subnet.az === eni.subnet.az);
  for (const target of sameZone.length > 0 ? sameZone : holders) builder.edge(eni.node, target.node, 'path', rule.label);
}

function toCidr(builder: ModelBuilder, eni: EniInfo, rule: FlatRule, cidr: string): void {
  if (cidrContains(eni.subnet.vpcCidr, cidr)) {
    builder.note(rule.address, `allows ${rule.label} to ${cidr}, inside the VPC (local route); not drawn`);
    return;
  }
  // The longest matching prefix wins, as in the route table itself.
  const route = builder.routesOf(eni.subnet.id)
    .filter((entry) => entry.destination === cidr || cidrContains(entry.destination, cidr))
    .sort((a, b) => prefixLengthOf(b.destination) - prefixLengthOf(a.destination) || byString(a.target, b.target))[0];
  if (route) builder.edge(eni.node, route.target, 'path', rule.label);
  else builder.note(rule.address, `allows ${rule.label} to ${cidr}, but ${eni.subnet.id} has no route there; not drawn`);
}

/** Networks outside the VPC that endpoint security groups admit (on-premises, peered), as nodes with edges in. */
export function addOutsideCallers(builder: ModelBuilder): void {
  const rules = flatRules(builder.doc).filter((rule) => rule.direction === 'ingress' && rule.cidrs.length > 0);
  for (const eni of builder.enis.filter((candidate) => candidate.ownerKind !== 'function')) {
    for (const rule of rules.filter((candidate) => eni.groups.includes(candidate.group))) {
      for (const cidr of rule.cidrs) {
        if (cidrContains(eni.subnet.vpcCidr, cidr)) {
          builder.note(rule.address, `admits ${cidr}, inside the VPC; not drawn as a caller`);
          continue;
        }
        const source = cidr === '0.0.0.0/0' || cidr === '::/0'
          ? internetNode(builder)
          : builder.node({ id: `cidr:${cidr}`, kind: 'on-premises', label: `on-premises / peered\n${cidr}` });
        builder.edge(source, eni.node, 'path', rule.label);
      }
    }
  }
}

const FUNCTION_REFERENCE = /\$\{(aws_lambda_function\.[A-Za-z0-9_-]+)\.[a-z_]+\}/;

/** Edges from an endpoint to the functions its policy lets callers invoke (PrivateLink to Lambda). */
export function addInvokeGrants(builder: ModelBuilder): void {
  for (const endpoint of builder.doc.resources('aws_vpc_endpoint')) {
    if (typeof endpoint.body.policy !== 'string') continue;
    let policy: { Statement?: unknown };
    try {
      policy = JSON.parse(endpoint.body.policy);
    } catch {
      builder.note(endpoint.address, 'its policy is not literal JSON; invoke grants not drawn');
      continue;
    }
    const sources = builder.enis.filter((eni) => eni.owner === endpoint.address).map((eni) => eni.node);
    for (const statement of asList(policy.Statement) as Record<string, unknown>[]) {
      if (statement.Effect !== 'Allow') continue;
      const actions = (asList(statement.Action) as string[]).filter((action) => /^lambda:/i.test(action)).sort(byString);
      if (actions.length === 0) continue;
      for (const resource of asList(statement.Resource)) {
        const fn = FUNCTION_REFERENCE.exec(String(resource))?.[1];
        if (!fn) continue;
        // Invoking a VPC-attached function does not enter through its ENIs, which are only its way out.
        if (!builder.hasNode(fn)) {
          builder.note(endpoint.address, `grants ${actions.join(', ')} on ${fn}, which is attached to the VPC; not drawn`);
          continue;
        }
        for (const source of sources.length > 0 ? sources : [endpoint.address]) builder.edge(source, fn, 'invoke', actions.join(', '));
      }
    }
  }
}

/** Whether IPv4 block `inner` lies within `outer`; false when either is not an IPv4 CIDR. */
function cidrContains(outer: string, inner: string): boolean {
  const [a, b] = [Ipv4Cidr.read(outer), Ipv4Cidr.read(inner)];
  return a !== undefined && b !== undefined && a.contains(b);
}

/** The prefix length of an IPv4 CIDR, or -1 when it is not one (so it loses every longest-prefix match). */
function prefixLengthOf(cidr: string): number {
  return Ipv4Cidr.read(cidr)?.prefixLength ?? -1;
}
