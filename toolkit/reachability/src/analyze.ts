import { asList, Ipv4Cidr, StackJson, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import {
  DEFAULT_INTERNET_ADDRESS,
  DestinationFlow,
  destinationFlow,
  interfaceEndpointFlow,
  queryFlow,
} from './destinations';
import { gatewayEndpointReports, interfaceEndpointReports } from './endpoints-report';
import { internetRoutes } from './internet-routes';
import { traceIpv6Internet } from './ipv6-internet';
import { resolverEndpointReports } from './resolver-endpoints-report';
import { ReachabilityModel } from './reachability-model';
import { traceFromSubnet } from './paths';
import { routeTableFor } from './route-tables';
import { Flow, HTTPS_PORT } from './targets';
import { analysisEnv, AnalysisEnv, FunctionContext, Trace } from './trace';
import {
  AnalyzeOptions,
  DESTINATION_NAMES,
  DestinationName,
  FunctionReachability,
  Reach,
  ReachabilityResult,
  ReachQuery,
  SubnetReach,
} from './types';

function vpcConfig(fn: StackResource): TerraformBlock | undefined {
  const config = asList(fn.body.vpc_config)[0] as TerraformBlock | undefined;
  return config && asList(config.subnet_ids).length > 0 ? config : undefined;
}

function contextOf(model: ReachabilityModel, fn: StackResource): { ctx: FunctionContext; subnets: StackResource[] } {
  const subnets = model.subnetsOf(vpcConfig(fn)?.subnet_ids);
  const role = model.resolve(fn.body.role);
  return {
    ctx: {
      fn,
      vpc: model.vpcOf(subnets[0]),
      groups: model.securityGroupsOf(fn),
      ...(role?.type === 'aws_iam_role' ? { role } : {}),
    },
    subnets,
  };
}

/**
 * One destination over all of a function's subnets. Lambda may put the function's ENI in any of them, so the
 * destination is `yes` only when every subnet's verdict is, `no` when any subnet's is, else `unknown`; the summary
 * shows the first subnet that says no (else the first that is unknown). A function none of whose subnets is in the
 * stack is `unknown`.
 */
function summarise(fn: StackResource, paths: SubnetReach[], flow: Pick<Flow, 'protocol' | 'port'> | undefined): Reach {
  const traced = flow ? { protocol: flow.protocol, port: flow.port } : {};
  const lead = paths.find((p) => p.verdict === 'no') ?? paths.find((p) => p.verdict === 'unknown') ?? paths[0];
  // Subnet IDs that name nothing in the stack: where they lead is not in the JSON.
  if (!lead) {
    const reason = `${fn.address} has no subnet in this stack`;
    return { verdict: 'unknown', stoppedAt: fn.address, path: [fn.address], reason, paths, ...traced };
  }
  const reaching = paths.filter((p) => p.verdict === 'yes').length;
  const reason =
    lead.reason && reaching > 0
      ? `only ${reaching} of ${paths.length} subnets reach it (${lead.subnet}: ${lead.reason})`
      : lead.reason;
  return {
    verdict: lead.verdict,
    ...(lead.stoppedAt ? { stoppedAt: lead.stoppedAt } : {}),
    path: lead.path,
    ...(lead.via ? { via: lead.via } : {}),
    ...(reason ? { reason } : {}),
    ...(lead.policyAllows !== undefined
      ? { policyAllows: lead.policyAllows, policyOpen: lead.policyOpen ?? false }
      : {}),
    paths,
    ...traced,
  };
}

function reachOf(
  env: AnalysisEnv,
  ctx: FunctionContext,
  subnets: StackResource[],
  flowFor: (subnet: StackResource) => DestinationFlow,
): Reach {
  const flows = subnets.map((subnet) => flowFor(subnet));
  const paths = subnets.map((subnet, i) => traceFromSubnet(new Trace(ctx.fn.address, env), ctx, subnet, flows[i]!));
  return summarise(ctx.fn, paths, flows.find((f) => f.flow)?.flow);
}

/** Each interface endpoint of the function's VPC, reached at its ENI, keyed by address. */
function interfaceEndpointReaches(
  env: AnalysisEnv,
  ctx: FunctionContext,
  subnets: StackResource[],
): Record<string, Reach> {
  const { model } = env;
  const vpc = ctx.vpc;
  if (!vpc) return {};
  const endpoints = model
    .all('aws_vpc_endpoint')
    .filter((e) => model.endpointType(e) === 'Interface' && model.refersTo(e.body.vpc_id, vpc));
  return Object.fromEntries(
    endpoints.map((e) => [
      e.address,
      reachOf(env, ctx, subnets, (subnet) => interfaceEndpointFlow(model, e, vpc, subnet)),
    ]),
  );
}

function internetCidr(options: AnalyzeOptions) {
  const text = options.internetAddress ?? DEFAULT_INTERNET_ADDRESS;
  const cidr = Ipv4Cidr.read(text);
  if (!cidr) throw new Error(`internetAddress "${text}" is not an IPv4 address`);
  return cidr;
}

function analyzeFunction(env: AnalysisEnv, fn: StackResource, options: AnalyzeOptions): FunctionReachability {
  const { model } = env;
  const { ctx, subnets } = contextOf(model, fn);
  const internet = internetCidr(options);
  const destinations = Object.fromEntries(
    DESTINATION_NAMES.map((name: DestinationName) => [
      name,
      name === 'internet-ipv6'
        ? summarise(
            fn,
            subnets.map((subnet) => traceIpv6Internet(new Trace(fn.address, env), ctx, subnet)),
            { protocol: 'tcp', port: HTTPS_PORT },
          )
        : reachOf(env, ctx, subnets, (subnet) => destinationFlow(model, ctx.vpc, subnet, name, internet)),
    ]),
  ) as Record<DestinationName, Reach>;
  const queries = options.queries?.length
    ? Object.fromEntries(
        options.queries.map((q) => [`${q.cidr}:${q.port}`, reachOf(env, ctx, subnets, () => queryFlow(q))]),
      )
    : undefined;
  return {
    function: fn.address,
    constructPath: fn.constructPath,
    ...(ctx.vpc ? { vpc: ctx.vpc.address } : {}),
    securityGroups: ctx.groups,
    ...(ctx.role ? { role: ctx.role.address } : {}),
    subnets: subnets.map((subnet) => ({
      subnet: subnet.address,
      ...(typeof subnet.body.availability_zone === 'string' ? { availabilityZone: subnet.body.availability_zone } : {}),
      ...(typeof subnet.body.cidr_block === 'string' ? { cidr: subnet.body.cidr_block } : {}),
      routeTable: routeTableFor(model, subnet).key,
    })),
    destinations,
    interfaceEndpoints: interfaceEndpointReaches(env, ctx, subnets),
    ...(queries ? { queries } : {}),
  };
}

function stackNotes(model: ReachabilityModel, unattached: string[]): string[] {
  const notes: string[] = [];
  const acls = ['aws_network_acl', 'aws_default_network_acl'].some((type) => model.all(type).length > 0);
  if (!acls)
    notes.push(
      "no network ACL is declared: every subnet keeps its VPC's default network ACL, which allows all traffic both " +
        'ways',
    );
  if (model.all('aws_instance').some((i) => i.body.source_dest_check === false)) {
    notes.push(
      'NAT instances are followed through their security groups, source/destination check, public address and subnet ' +
        'route; their own forwarding (user data) is assumed',
    );
  }
  if (unattached.length > 0)
    notes.push(
      `not attached to a VPC, so not analyzed: ${unattached.join(', ')} (they run in the Lambda service's own network)`,
    );
  notes.push(
    "IPv6 is modeled for the IPv6 internet only (Lambda's ipv6_allowed_for_dual_stack, the subnet's IPv6 block, " +
      'egress to ::/0 and the ::/0 route, not network ACL IPv6 entries or narrower IPv6 routes); VPC Lattice, ' +
      'security group rules on the destination side of a queried CIDR, and policy conditions are not modeled',
  );
  return notes;
}

/**
 * Analyzes a synthesized stack (`cdk.tf.json`): for every VPC-attached function, whether each of its subnets
 * reaches the internet over IPv4 and over IPv6, DynamoDB, S3 and the Lambda API, and by which hops; what each
 * interface endpoint admits and allows; and every route to `0.0.0.0/0` or `::/0`.
 */
export function analyzeReachability(
  stackName: string,
  json: StackJson,
  options: AnalyzeOptions = {},
): ReachabilityResult {
  const model = new ReachabilityModel(stackName, json);
  const env = analysisEnv(model);
  const all = model.all('aws_lambda_function');
  const attached = all.filter((fn) => vpcConfig(fn) !== undefined);
  const unattached = all.filter((fn) => vpcConfig(fn) === undefined).map((fn) => fn.address);
  const functions = attached.map((fn) => analyzeFunction(env, fn, options));
  return {
    stack: stackName,
    ...(model.variant ? { variant: model.variant } : {}),
    region: model.region,
    functions,
    unattachedFunctions: unattached,
    endpoints: interfaceEndpointReports(env, functions),
    gatewayEndpoints: gatewayEndpointReports(env),
    resolverEndpoints: resolverEndpointReports(env),
    internetRoutes: internetRoutes(model),
    notes: stackNotes(model, unattached),
  };
}

/**
 * Whether one function reaches `cidr` on `port` (TCP unless stated), over each of its subnets. `functionAddress`
 * is `aws_lambda_function.<name>` or just the name.
 */
export function query(stackName: string, json: StackJson, functionAddress: string, question: ReachQuery): Reach {
  const model = new ReachabilityModel(stackName, json);
  const address = functionAddress.includes('.') ? functionAddress : `aws_lambda_function.${functionAddress}`;
  const fn = model.resource(address);
  if (!fn || fn.type !== 'aws_lambda_function')
    throw new Error(`no aws_lambda_function ${address} in stack ${stackName}`);
  if (!vpcConfig(fn))
    return { verdict: 'no', path: [fn.address], reason: `${fn.address} is not attached to a VPC`, paths: [] };
  const env = analysisEnv(model);
  const { ctx, subnets } = contextOf(model, fn);
  return reachOf(env, ctx, subnets, () => queryFlow(question));
}
