// A caller function in one stack invoking Lambda through an interface endpoint in another stack's VPC, the VPCs
// joined by a peering connection or a transit gateway: the two stacks are read together (cdktf's cross-stack
// references followed) and every hop of the path is proved, refused, or marked unknown where the JSON cannot tell.
import { asList, StackDocument, StackResource } from '@lambda-vpc/stack-model';
import { callerEgressHop, endpointIngressHop, networkAclHop } from './invocation-access';
import {
  callerFunctionAddress,
  functionAddress,
  hopOf,
  InvocationContext,
  InvocationSide,
  linkedModel,
  placedSubnets,
  providerOf,
} from './invocation-context';
import { dnsHop } from './invocation-dns';
import { policyHop } from './invocation-policy';
import { declaredJoins, joinHop, routeHop } from './invocation-routes';
import {
  INVOCATION_HOP_LABELS,
  InvocationAcrossStacks,
  InvocationAcrossStacksOptions,
  InvocationHop,
} from './invocation-types';
import { analysisEnv } from './trace';

type Linked = ReturnType<typeof linkedModel>;

/** The endpoint's security groups; none declared means its VPC's default group. */
function endpointGroups({ model }: Linked, endpoint: StackResource, vpc: StackResource): string[] {
  const groups = model.securityGroupsOf(endpoint);
  return groups.length > 0 ? groups : [model.securityGroupKey(`\${${vpc.address}.default_security_group_id}`)];
}

/** The caller function's side, or the hop that says why there is none. */
function callerSide(
  { linked, model }: Linked,
  stack: StackDocument,
  fn: StackResource,
): { side?: InvocationSide; hop: InvocationHop } {
  const config = asList(fn.body.vpc_config)[0] as { subnet_ids?: unknown } | undefined;
  const references = asList(config?.subnet_ids);
  if (references.length === 0)
    return {
      hop: hopOf(linked, 'caller', 'no', `${fn.address} is not attached to a VPC: it calls the public Lambda API`),
    };
  const subnets = model.subnetsOf(references);
  const vpc = model.vpcOf(subnets[0]);
  const { placed, missing } = placedSubnets(model, subnets);
  if (subnets.length < references.length || !vpc || missing.length > 0 || placed.length === 0) {
    const open = references.filter((r) => !model.resolve(r)).map(String);
    return {
      hop: hopOf(
        linked,
        'caller',
        'unknown',
        `${fn.address}'s subnets ${[...open, ...missing].join(', ')} do not resolve to subnets with a literal CIDR`,
      ),
    };
  }
  const side = { stack, ...providerOf(stack), vpc, subnets: placed, groups: model.securityGroupsOf(fn) };
  const where = placed.map((p) => `${p.subnet.address} (${p.cidr})`).join(', ');
  return { side, hop: hopOf(linked, 'caller', 'yes', `${fn.address} in ${vpc.address}: ${where}`) };
}

/** The target stack's Lambda interface endpoint outside the caller's VPC, or the hop that says why there is none. */
function endpointSide(
  linkedStacks: Linked,
  stack: StackDocument,
  callerVpc: StackResource,
): { endpoint?: StackResource; side?: InvocationSide; hop: InvocationHop } {
  const { linked, model } = linkedStacks;
  const endpoints = model
    .all('aws_vpc_endpoint')
    .filter(
      (e) =>
        linked.origin(e.address)?.stack === stack.stackName &&
        model.endpointType(e) === 'Interface' &&
        model.serviceOf(e) === 'lambda',
    );
  const endpoint = endpoints.find((e) => !model.refersTo(e.body.vpc_id, callerVpc)) ?? endpoints[0];
  if (!endpoint)
    return { hop: hopOf(linked, 'endpoint', 'no', `stack ${stack.stackName} has no Lambda interface endpoint`) };
  const vpc = model.vpcOf(endpoint);
  const { placed, missing } = placedSubnets(model, model.endpointSubnets(endpoint));
  if (!vpc || missing.length > 0 || placed.length === 0)
    return {
      hop: hopOf(
        linked,
        'endpoint',
        'unknown',
        `${endpoint.address}'s VPC or subnets do not resolve to resources with a literal CIDR`,
      ),
    };
  const side = {
    stack,
    ...providerOf(stack),
    vpc,
    subnets: placed,
    groups: endpointGroups(linkedStacks, endpoint, vpc),
  };
  const where = placed.map((p) => `${p.subnet.address} (${p.cidr})`).join(', ');
  return { endpoint, side, hop: hopOf(linked, 'endpoint', 'yes', `${endpoint.address} in ${vpc.address}: ${where}`) };
}

function targetFunctionOf(linked: Linked['linked'], stacks: StackDocument[], name?: string) {
  if (name === undefined) return undefined;
  const address = functionAddress(name);
  const merged = stacks.map((s) => linked.mergedAddress(s.stackName, address)).find((a) => a !== undefined);
  if (!merged || !address.startsWith('aws_lambda_function.'))
    throw new Error(
      `target function "${name}" is not an aws_lambda_function of stack ${stacks.map((s) => s.stackName).join(' or ')}`,
    );
  return merged;
}

/**
 * Whether `caller`'s function invokes Lambda through `target`'s Lambda interface endpoint, over a VPC peering
 * connection or a transit gateway, hop by hop: route from the caller, the join, the route back, both security groups,
 * the network ACLs, DNS in the caller's VPC and the endpoint policy. Throws (one line) when the named function is not
 * in the stack, or none is named and the caller stack has not exactly one VPC-attached function.
 */
export function analyzeInvocationAcrossStacks(
  caller: StackDocument,
  target: StackDocument,
  options: InvocationAcrossStacksOptions = {},
): InvocationAcrossStacks {
  const linkedStacks = linkedModel(caller, target);
  const { linked, model } = linkedStacks;
  const fn = model.resource(callerFunctionAddress(linked, caller, options.callerFunction))!;
  const targetAddress = targetFunctionOf(linked, [target, caller], options.targetFunction);
  const notes = linked.unresolved.map((u) => `${u.stack}:${u.resource} reads ${u.reference}: ${u.reason}`);
  const base = {
    caller: linked.display(fn.address),
    ...(targetAddress ? { targetFunction: linked.display(targetAddress) } : {}),
  };
  const hops: InvocationHop[] = [];
  const callerFound = callerSide(linkedStacks, caller, fn);
  hops.push(callerFound.hop);
  const endpointFound = callerFound.side ? endpointSide(linkedStacks, target, callerFound.side.vpc) : undefined;
  if (endpointFound) hops.push(endpointFound.hop);
  if (!callerFound.side || !endpointFound?.side || !endpointFound.endpoint)
    return { ...base, ...verdictOf(hops), hops, notes };

  const role = model.resolve(fn.body.role);
  const ctx: InvocationContext = {
    linked,
    model,
    env: analysisEnv(model),
    fn,
    ...(role?.type === 'aws_iam_role' ? { role } : {}),
    caller: callerFound.side,
    endpoint: endpointFound.endpoint,
    target: endpointFound.side,
    ...(targetAddress ? { targetFunction: model.resource(targetAddress)! } : {}),
  };
  const there = routeHop(ctx, 'route-from-caller', ctx.caller.subnets, ctx.target.subnets);
  const back = routeHop(ctx, 'route-back', ctx.target.subnets, ctx.caller.subnets, there.joins);
  // Without a route naming a join, the joins declared between the two VPCs are checked (the route hop says no).
  const joins = there.joins.length > 0 ? there.joins : declaredJoins(ctx);
  hops.push(
    there.hop,
    joinHop(ctx, joins),
    back.hop,
    endpointIngressHop(ctx, joins),
    callerEgressHop(ctx, joins),
    networkAclHop(ctx),
    dnsHop(ctx),
    policyHop(ctx),
  );
  notes.push(
    'not modeled: transit gateway route tables beyond the default one, Route 53 Resolver forwarding, IAM identity ' +
      'policies and the target function’s resource policy, policy conditions',
  );
  return { ...base, endpoint: linked.display(ctx.endpoint.address), ...verdictOf(hops), hops, notes };
}

function verdictOf(hops: readonly InvocationHop[]): Pick<InvocationAcrossStacks, 'verdict' | 'blockedAt'> {
  const no = hops.filter((h) => h.verdict === 'no').map((h) => h.hop);
  if (no.length > 0) return { verdict: 'no', blockedAt: no };
  const unknown = hops.filter((h) => h.verdict === 'unknown').map((h) => h.hop);
  if (unknown.length > 0) return { verdict: 'unknown', blockedAt: unknown };
  return { verdict: 'yes', blockedAt: [] };
}

/** The hops as lines (`<verdict>  <hop>: <detail>`), then the verdict line. */
export function formatInvocationAcrossStacks(result: InvocationAcrossStacks): string {
  const width = Math.max(...result.hops.map((h) => INVOCATION_HOP_LABELS[h.hop].length));
  const lines = result.hops.map(
    (h) => `${h.verdict.padEnd(7)}  ${INVOCATION_HOP_LABELS[h.hop].padEnd(width)}  ${h.detail}`,
  );
  const at = result.blockedAt.map((hop) => INVOCATION_HOP_LABELS[hop]).join(', ');
  const subject = `${result.caller} invokes Lambda through ${result.endpoint ?? 'a Lambda interface endpoint'}`;
  const verdict =
    result.verdict === 'yes'
      ? `verdict: yes: ${subject}`
      : result.verdict === 'no'
        ? `verdict: no: blocked at ${at}`
        : `verdict: unknown: stopped at ${at}`;
  return [...lines, verdict].join('\n');
}
