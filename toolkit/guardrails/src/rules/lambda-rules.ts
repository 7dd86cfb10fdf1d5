import { StackDocument, StackResource, StackRoute } from '@lambda-vpc/stack-model';
import { GuardrailRule } from '../rule';

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
