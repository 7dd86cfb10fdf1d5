import {
  asList,
  endpointSubnetReferences,
  Ipv4Cidr,
  securityGroupRules,
  SecurityGroupRule,
  StackDocument,
  StackResource,
  StackRoute,
} from '@lambda-vpc/stack-model';
import { allowsHttps, groupKey, HttpsEnd } from '../https-rules';
import { GuardrailRule } from '../rule';
import { roleGrants } from '../role-permissions';

const vpcFunctions = (stack: StackDocument) =>
  stack.resources('aws_lambda_function').filter((fn) => fn.body.vpc_config);
const subnetIdsOf = (fn: StackResource): unknown[] => [fn.body.vpc_config.subnet_ids ?? []].flat();
const subnetsOf = (stack: StackDocument, fn: StackResource) =>
  subnetIdsOf(fn)
    .map((id) => stack.resolve(id))
    .filter((s): s is StackResource => s !== undefined);

/**
 * The routes to an internet gateway in the table that governs the subnet: its associated table, else its VPC's main
 * table (AWS's rule), declared, adopted or replaced. A gateway of this stack or a literal `igw-` ID both count.
 */
function internetGatewayRoutes(stack: StackDocument, subnet: StackResource): StackRoute[] {
  const table = stack.routeTables.forSubnet(subnet).table;
  return (table?.routes ?? []).filter((route) => route.target?.kind === 'internet-gateway');
}

/** A route's destination as written: the IPv4 or IPv6 block, or the prefix list. */
const destinationOf = (route: StackRoute): string =>
  route.ipv4 ?? route.ipv6 ?? String(route.prefixList ?? 'an unnamed destination');

/** The blueprints exist to put functions in a VPC; one outside it is an exception to state. */
export const FUNCTIONS_IN_A_VPC: GuardrailRule = {
  id: 'LVB-FN-3',
  title: 'Every function is attached to a VPC',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_117', 'FSBP Lambda.3'],
  fix: 'give the LambdaFunction a vpc placement, or suppress the rule on that function with the reason it runs outside',
  check: (stack) =>
    stack
      .resources('aws_lambda_function')
      .filter((fn) => !fn.body.vpc_config)
      .map((fn) => ({ resource: fn, message: 'the function is not attached to a VPC' })),
};

/** A VPC-attached function survives the loss of an AZ. */
export const FUNCTIONS_SPAN_TWO_AZS: GuardrailRule = {
  id: 'LVB-FN-1',
  title: 'Functions attached to a VPC use subnets in 2 or more AZs',
  severity: 'error',
  scannerEquivalents: ['FSBP Lambda.5'],
  fix: 'list 2 or more availabilityZones for the environment; the function takes a subnet in each',
  check: (stack) =>
    vpcFunctions(stack)
      .filter((fn) => {
        // Judge only what this stack shows: subnets from elsewhere, or placed by AZ ID, cannot be counted here.
        const subnets = subnetsOf(stack, fn);
        if (
          subnets.length !== subnetIdsOf(fn).length ||
          subnets.some((s) => typeof s.body.availability_zone !== 'string')
        )
          return false;
        return new Set(subnets.map((subnet) => subnet.body.availability_zone)).size < 2;
      })
      .map((fn) => ({ resource: fn, message: 'its subnets are all in one AZ' })),
};

/** Lambda ENIs never get a public IP, so a public subnet only pretends to give internet access. */
export const NO_FUNCTION_IN_PUBLIC_SUBNET: GuardrailRule = {
  id: 'LVB-FN-2',
  title: 'No function is attached to a public subnet',
  severity: 'error',
  scannerEquivalents: [],
  fix: 'attach the function to private subnets; for internet access route them through NAT (the nat-egress variant)',
  check: (stack) =>
    vpcFunctions(stack).flatMap((fn) =>
      subnetsOf(stack, fn).flatMap((subnet) => {
        const routes = internetGatewayRoutes(stack, subnet);
        if (routes.length === 0) return [];
        const destinations = [...new Set(routes.map(destinationOf))].join(', ');
        return [{ resource: fn, message: `subnet ${subnet.address} routes ${destinations} to an internet gateway` }];
      }),
    ),
};

/** The subnets' literal IPv4 blocks. */
const cidrsOf = (subnets: readonly (StackResource | undefined)[]): Ipv4Cidr[] =>
  subnets.map((subnet) => Ipv4Cidr.read(subnet?.body.cidr_block)).filter((cidr): cidr is Ipv4Cidr => !!cidr);

/** The stack's Secrets Manager interface endpoints in a VPC. */
const secretsManagerEndpoints = (stack: StackDocument, vpc: StackResource) =>
  stack
    .resources('aws_vpc_endpoint')
    .filter(
      (endpoint) =>
        endpoint.body.vpc_endpoint_type === 'Interface' &&
        /\.secretsmanager$/.test(String(endpoint.body.service_name)) &&
        stack.refersTo(endpoint.body.vpc_id, vpc),
    );

/** What keeps a function (its groups and subnets) from calling Secrets Manager through `endpoint`, if anything. */
function endpointGaps(
  stack: StackDocument,
  rules: readonly SecurityGroupRule[],
  fn: HttpsEnd,
  endpoint: StackResource,
): string[] {
  const groups = asList(endpoint.body.security_group_ids).map((group) => groupKey(stack, group));
  const subnets = endpointSubnetReferences(stack, endpoint).map((subnet) => stack.resolve(subnet));
  const end: HttpsEnd = { groups, cidrs: cidrsOf(subnets) };
  const its = groups.length > 0 ? groups.join(', ') : "the VPC's default security group";
  return [
    ...(endpoint.body.private_dns_enabled === true
      ? []
      : [`${endpoint.address} has private DNS off, so the Secrets Manager API name does not resolve to it`]),
    ...(allowsHttps(stack, rules, 'egress', fn, end)
      ? []
      : [`no egress rule of ${fn.groups.join(', ')} lets TCP 443 out to ${endpoint.address} (${its})`]),
    ...(allowsHttps(stack, rules, 'ingress', end, fn)
      ? []
      : [`no ingress rule of ${its} admits TCP 443 from the function to ${endpoint.address}`]),
  ];
}

/**
 * A function with no path to the internet reaches Secrets Manager only through an interface endpoint in its VPC, which
 * its security group may reach on 443 and whose security group admits it.
 */
export const SECRETS_REACHABLE_WITHOUT_INTERNET: GuardrailRule = {
  id: 'LVB-FN-4',
  title: 'Functions that read secrets in a stack with no internet reach a secretsmanager endpoint',
  severity: 'error',
  scannerEquivalents: [],
  fix:
    "add an InterfaceEndpoint with InterfaceEndpointService.SECRETS_MANAGER (private DNS on) to the function's " +
    "network, and fn.connections.allowTo(endpoint, Port.https(), 'why'), which writes both security group rules",
  check: (stack, { intent }) => {
    if (intent?.internet !== 'none') return [];
    const rules = securityGroupRules(stack);
    return vpcFunctions(stack).flatMap((fn) => {
      const role = stack.resolve(fn.body.role);
      if (role?.type !== 'aws_iam_role' || !roleGrants(stack, role, 'secretsmanager:GetSecretValue')) return [];
      const subnets = subnetsOf(stack, fn);
      const vpc = stack.resolve(subnets[0]?.body.vpc_id);
      const groups = asList(fn.body.vpc_config.security_group_ids);
      // Judge only what this stack shows: subnets or security groups from elsewhere have rules it cannot see.
      if (vpc?.type !== 'aws_vpc' || groups.some((group) => !stack.resolve(group))) return [];
      const end: HttpsEnd = { groups: groups.map((group) => groupKey(stack, group)), cidrs: cidrsOf(subnets) };
      const gaps = secretsManagerEndpoints(stack, vpc)
        .map((endpoint) => endpointGaps(stack, rules, end, endpoint))
        .sort((a, b) => a.length - b.length)[0] ?? [`there is no secretsmanager interface endpoint in ${vpc.address}`];
      if (gaps.length === 0) return [];
      const why = 'its role is granted secretsmanager:GetSecretValue and the stack has no path to the internet, but';
      return [{ resource: fn, message: `${why} ${gaps.join('; ')}` }];
    });
  },
};
