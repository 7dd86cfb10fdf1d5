import { Token } from 'cdktf';
import { Ipv4Cidr } from '@lambda-vpc/network';

/**
 * What is wrong with a network an interface endpoint admits, or undefined when it is a named network: a malformed
 * block, or every address (0.0.0.0/0), which an interface endpoint is never open to. A block only known at apply
 * time is accepted.
 */
export function admittedCidrProblem(cidrIpv4: string): string | undefined {
  if (Token.isUnresolved(cidrIpv4)) return undefined;
  let block: Ipv4Cidr;
  try {
    block = Ipv4Cidr.parse(cidrIpv4);
  } catch (error) {
    return (error as Error).message;
  }
  return block.prefixLength === 0
    ? "is every address, and an interface endpoint is never open to every address; allowed: the callers' security " +
        'group, or the on-premises or peer networks by their own CIDRs'
    : undefined;
}

/** Throws when the endpoint may not admit the block (see {@link admittedCidrProblem}), naming the source. */
export function checkAdmittedCidr(cidrIpv4: string, label: string): void {
  const problem = admittedCidrProblem(cidrIpv4);
  if (problem !== undefined) throw new Error(`endpoint source ${label} = "${cidrIpv4}": ${problem}`);
}
