import { StackRoute } from '@lambda-vpc/stack-model';
import { GuardrailRule } from '../rule';

const INTERNET = ['0.0.0.0/0', '::/0'];

/** Every VPC records its traffic. */
export const FLOW_LOGS_ON_EVERY_VPC: GuardrailRule = {
  id: 'LVB-NET-1',
  title: 'Every VPC has flow logs',
  severity: 'error',
  scannerEquivalents: ['CKV2_AWS_11', 'FSBP EC2.6'],
  fix:
    'give the Network construct flowLogs (FlowLogs.toCloudWatchLogs is the default); do not use ' +
    'FlowLogs.disabled() outside sandboxes',
  check: (stack) =>
    stack
      .resources('aws_vpc')
      .filter((vpc) => !stack.resources('aws_flow_log').some((log) => stack.refersTo(log.body.vpc_id, vpc)))
      .map((vpc) => ({ resource: vpc, message: 'the VPC has no aws_flow_log' })),
};

/** The default security group admits and sends nothing. */
export const DEFAULT_SECURITY_GROUP_CLOSED: GuardrailRule = {
  id: 'LVB-NET-2',
  title: "Every VPC's default security group has no rules",
  severity: 'error',
  scannerEquivalents: ['CKV2_AWS_12', 'FSBP EC2.2'],
  fix:
    'adopt the default security group with an aws_default_security_group with no ingress or egress (the Network ' +
    'construct does)',
  check: (stack) =>
    stack.resources('aws_vpc').flatMap((vpc) => {
      const adopted = stack
        .resources('aws_default_security_group')
        .filter((group) => stack.refersTo(group.body.vpc_id, vpc));
      if (adopted.length === 0)
        return [
          { resource: vpc, message: "the VPC's default security group is not adopted, so it keeps AWS's allow rules" },
        ];
      return adopted
        .filter((group) => (group.body.ingress ?? []).length > 0 || (group.body.egress ?? []).length > 0)
        .map((group) => ({ resource: group, message: 'the default security group has rules' }));
    }),
};

/** Public IPs come from explicit EIPs only. */
export const NO_PUBLIC_IP_ON_LAUNCH: GuardrailRule = {
  id: 'LVB-NET-3',
  title: 'No subnet assigns public IPs on launch',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_130', 'FSBP EC2.15'],
  fix: 'set map_public_ip_on_launch to false (the Network construct does); give a NAT an EIP instead',
  check: (stack) =>
    stack
      .resources('aws_subnet')
      .filter((subnet) => subnet.body.map_public_ip_on_launch === true)
      .map((subnet) => ({ resource: subnet, message: 'map_public_ip_on_launch is true' })),
};

/** A stack whose variant promises no internet (its intent's `internet: 'none'`) has no path to it at all. */
export const NO_INTERNET_ROUTE_WHERE_INTENT_FORBIDS: GuardrailRule = {
  id: 'LVB-NET-4',
  title: "No route to the internet in a stack whose variant's intent is no internet",
  severity: 'error',
  scannerEquivalents: [],
  fix:
    'remove the gateway or route; a function that needs the internet belongs in a variant whose intent allows it ' +
    '(nat-egress)',
  check: (stack, { intent }) => {
    if (intent?.internet !== 'none') return [];
    const where = stack.variant === undefined ? 'a stack promised no internet' : `a ${stack.variant} stack`;
    const gateways = ['aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_nat_gateway', 'aws_eip']
      .flatMap((type) => stack.resources(type))
      .map((resource) => ({ resource, message: `${resource.type} in ${where}` }));
    const toInternet = (route: StackRoute) =>
      INTERNET.includes(route.ipv4 ?? '') || INTERNET.includes(route.ipv6 ?? '');
    const routes = stack.routeTables.routes
      .filter((route) => route.origin === 'aws_route' && toInternet(route))
      .map((route) => ({ resource: route.resource, message: `a route to ${route.ipv4 ?? route.ipv6}` }));
    // aws_route_table and an adopted aws_default_route_table alike: one finding per table.
    const inline = stack.routeTables.tables
      .filter((table) => table.resource && table.routes.some((route) => route.origin === 'inline' && toInternet(route)))
      .map((table) => ({ resource: table.resource!, message: 'an inline route to the internet' }));
    return [...gateways, ...routes, ...inline];
  },
};
