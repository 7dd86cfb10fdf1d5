import { Connections, Port } from '@lambda-vpc/network';
import { checkAdmittedCidr } from './admitted-cidr';

/**
 * What an interface endpoint's group may hold: the endpoint only answers, so no egress; it serves HTTPS only, so the
 * port must be TCP 443; every address (0.0.0.0/0) is never admitted, nor any IPv6 block.
 */
export function checkEndpointRule(
  name: string,
  direction: 'ingress' | 'egress',
  source: Connections,
  port: Port,
): void {
  if (direction === 'egress') {
    throw new Error(
      `${name}: an interface endpoint only answers, so its security group has no egress; admit ${source.label} instead`,
    );
  }
  if (port.id !== 'tcp443') {
    throw new Error(`${name}: an interface endpoint serves HTTPS only; admit ${source.label} on TCP 443, not ${port}`);
  }
  if ('cidrIpv4' in source.ruleTarget) checkAdmittedCidr(source.ruleTarget.cidrIpv4, source.label);
  if ('cidrIpv6' in source.ruleTarget) {
    // The endpoints' network interfaces are IPv4-only here, and no IPv6 range is ever the whole internet's to admit.
    throw new Error(
      `${name}: endpoint source ${source.label} = "${source.ruleTarget.cidrIpv6}" is an IPv6 block; an interface ` +
        'endpoint admits IPv4 ranges and security groups only',
    );
  }
}
