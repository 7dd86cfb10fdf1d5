import { Ipv4Cidr, StackResource } from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { Flow, HTTPS_PORT, Target } from './targets';
import { DestinationName, ReachQuery } from './types';

/** What a trace needs to know about one destination, seen from one subnet. */
export interface DestinationFlow {
  readonly flow?: Flow;
  /** Why no flow could be built (e.g. an endpoint without subnets). */
  readonly problem?: string;
  /** The endpoint policy action to check, when the path ends at an endpoint. */
  readonly policyAction?: string;
  /**
   * Whether leaving the VPC through a transit gateway, VPN gateway or peering connection counts as reaching it:
   * yes for a queried CIDR (the far side is the caller's to know), no for the internet or an AWS service.
   */
  readonly boundaryReaches: boolean;
  readonly notes: string[];
}

/** The default stand-in for "any public address": TEST-NET-3, never routed anywhere specific. */
export const DEFAULT_INTERNET_ADDRESS = '203.0.113.10';

/** The security groups of an endpoint; none declared means the VPC's default group. */
function endpointGroups(model: ReachabilityModel, endpoint: StackResource, vpc: StackResource): string[] {
  const groups = model.securityGroupsOf(endpoint);
  return groups.length > 0 ? groups : [model.securityGroupKey(`\${${vpc.address}.default_security_group_id}`)];
}

/**
 * The endpoint's ENI the function talks to: the one in the function's AZ when there is one (private DNS answers
 * with every AZ's address; the blueprints place one per AZ), else the first.
 */
function endpointTarget(
  model: ReachabilityModel,
  endpoint: StackResource,
  vpc: StackResource,
  from: StackResource,
): Target | undefined {
  const subnets = model.endpointSubnets(endpoint);
  const subnet = subnets.find((s) => s.body.availability_zone === from.body.availability_zone) ?? subnets[0];
  const cidr = subnet ? model.subnetCidr(subnet) : undefined;
  if (!subnet || !cidr) return undefined;
  return {
    kind: 'endpoint',
    endpoint,
    subnet,
    cidr,
    groups: endpointGroups(model, endpoint, vpc),
    label: `${endpoint.address} in ${subnet.address}`,
  };
}

/**
 * TCP 443 to an interface endpoint's ENI in the subnet's AZ (else its first), from `from`. The endpoint policy is
 * checked for `action`; without one, for what its service's destination checks (invoking, for Lambda).
 */
export function interfaceEndpointFlow(
  model: ReachabilityModel,
  endpoint: StackResource,
  vpc: StackResource,
  from: StackResource,
  action?: string,
): DestinationFlow {
  const target = endpointTarget(model, endpoint, vpc, from);
  if (!target)
    return {
      problem: `${endpoint.address} has no subnet with a literal CIDR to place its ENI in`,
      boundaryReaches: false,
      notes: [],
    };
  return {
    flow: { target, protocol: 'tcp', port: HTTPS_PORT },
    ...(action ? { policyAction: action } : {}),
    boundaryReaches: false,
    notes: [],
  };
}

/**
 * The flow for a named destination from a subnet:
 * - `internet`: TCP 443 to the representative public address;
 * - `dynamodb`, `s3`: TCP 443 to the service's prefix list, or to an interface endpoint whose private DNS answers
 *   for the service name;
 * - `lambda-api`: TCP 443 to lambda.<region>.amazonaws.com, which private DNS turns into the Lambda interface
 *   endpoint's ENIs; without one it is a public AWS endpoint, reached like the internet.
 */
export function destinationFlow(
  model: ReachabilityModel,
  vpc: StackResource | undefined,
  from: StackResource,
  destination: DestinationName,
  internet: Ipv4Cidr,
): DestinationFlow {
  const publicTarget = (label: string): Target => ({ kind: 'address', cidr: internet, label });
  if (destination === 'internet') {
    return {
      flow: { target: publicTarget(`the internet (${internet})`), protocol: 'tcp', port: HTTPS_PORT },
      boundaryReaches: false,
      notes: [],
    };
  }
  const service = destination === 'lambda-api' ? 'lambda' : destination;
  const action = destination === 'lambda-api' ? 'lambda:InvokeFunction' : `${service}:*`;
  const endpoint = vpc ? model.privateDnsEndpoint(vpc, service) : undefined;
  if (endpoint && vpc) return interfaceEndpointFlow(model, endpoint, vpc, from, action);
  const name = `com.amazonaws.${model.region}.${service}`;
  if (destination !== 'lambda-api') {
    return {
      flow: {
        target: { kind: 'service', service, label: `${destination} (${name})` },
        protocol: 'tcp',
        port: HTTPS_PORT,
      },
      policyAction: action,
      boundaryReaches: false,
      notes: [],
    };
  }
  const withoutDns =
    vpc &&
    model.all('aws_vpc_endpoint').find((e) => model.serviceOf(e) === 'lambda' && model.refersTo(e.body.vpc_id, vpc));
  const notes = [
    withoutDns
      ? `${withoutDns.address} has private DNS off: lambda.${model.region}.amazonaws.com still resolves to public ` +
        `addresses`
      : `no interface endpoint for ${name} with private DNS in ${vpc?.address ?? 'the VPC'}: ` +
        `lambda.${model.region}.amazonaws.com resolves to public addresses`,
  ];
  return {
    flow: {
      target: publicTarget(`lambda.${model.region}.amazonaws.com (public, ${internet})`),
      protocol: 'tcp',
      port: HTTPS_PORT,
    },
    boundaryReaches: false,
    notes,
  };
}

/** The flow for a `cidr:port` question. */
export function queryFlow(query: ReachQuery): DestinationFlow {
  const cidr = Ipv4Cidr.read(query.cidr);
  if (!cidr)
    return { problem: `"${query.cidr}" is not an IPv4 address or CIDR block`, boundaryReaches: true, notes: [] };
  return {
    flow: {
      target: { kind: 'address', cidr, label: cidr.toString() },
      protocol: query.protocol ?? 'tcp',
      port: query.port,
    },
    boundaryReaches: true,
    notes: [],
  };
}
