// The S3 share of the NAT traffic that an S3 gateway endpoint takes off the NATs. The endpoint's prefix-list route is
// more specific than the NAT's 0.0.0.0/0, so S3 in the region never reaches a NAT once the endpoint is on the table.
import { StackDocument, StackResource } from '@lambda-vpc/stack-model';
import { TrafficAssumptions } from './assumptions';
import { natCountOf } from './instance-groups';

/** The stack's S3 gateway endpoints (`com.amazonaws.<region>.s3`, type Gateway). */
export function s3GatewayEndpointsOf(document: StackDocument): StackResource[] {
  return document
    .resources('aws_vpc_endpoint')
    .filter(
      (endpoint) =>
        (endpoint.body.vpc_endpoint_type ?? 'Gateway') === 'Gateway' &&
        typeof endpoint.body.service_name === 'string' &&
        endpoint.body.service_name.endsWith('.s3'),
    );
}

/**
 * The GB of the NAT traffic that goes to S3 through a gateway endpoint instead: `s3GbPerMonth` (at most
 * `natGbPerMonth`) when the stack has NATs (gateways, instances or self-healing NAT groups) and an S3 gateway
 * endpoint, else none.
 */
export function s3GbBypassingNat(document: StackDocument, assumptions: TrafficAssumptions): number {
  return natCountOf(document) > 0 && s3GatewayEndpointsOf(document).length > 0
    ? Math.min(assumptions.s3GbPerMonth, assumptions.natGbPerMonth)
    : 0;
}
