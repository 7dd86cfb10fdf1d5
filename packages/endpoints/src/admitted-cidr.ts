import { Token } from 'cdktf';
import { Ipv4Cidr } from '@lambda-vpc/network';

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
