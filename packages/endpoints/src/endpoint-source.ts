import { Token } from 'cdktf';
import { Ipv4Cidr, Peer } from '@lambda-vpc/network';

/** Labels name sources in construct IDs: a bad one is refused before anything is built. */
function checkLabel(label: string): void {
  if (!/^[a-z0-9-]+$/.test(label)) {
    throw new Error(`endpoint source label "${label}" must be lower-case letters, digits and dashes, e.g. "api-function"`);
  }
}

/**
 * Who may open connections to an interface endpoint (TCP 443): a {@link Peer}, checked for what an endpoint may
 * admit. A function or other construct with a security group can instead be connected with `connect()`.
 */
export const EndpointSource = {
  /** Members of a security group, e.g. a Lambda function's. `label` names it in construct IDs and descriptions. */
  securityGroup(securityGroupId: string, label: string): Peer {
    checkLabel(label);
    return Peer.securityGroup(securityGroupId, label);
  },

  /** An IPv4 CIDR block, e.g. a peered VPC's. `label` names it in construct IDs and descriptions. */
  cidr(cidrIpv4: string, label: string): Peer {
    // The label first, so a bad label is reported before the CIDR it labels.
    checkLabel(label);
    checkAdmittedCidr(cidrIpv4, label);
    return Peer.ipv4(cidrIpv4, label);
  },
};

/** An interface endpoint admits named networks only: a malformed block or every address is refused. */
export function checkAdmittedCidr(cidrIpv4: string, label: string): void {
  if (Token.isUnresolved(cidrIpv4)) return;
  try {
    Ipv4Cidr.parse(cidrIpv4);
  } catch (error) {
    throw new Error(`endpoint source ${label}: ${(error as Error).message}`);
  }
  if (cidrIpv4 === '0.0.0.0/0') {
    throw new Error(
      `endpoint source ${label}: 0.0.0.0/0 is refused; an interface endpoint is never open to every address. ` +
        'Admit the callers\' security group or a narrower CIDR',
    );
  }
}
