import { Token } from 'cdktf';
import { Ipv4Cidr, Peer, PolicyStatement, Port } from '@lambda-vpc/network';
import { admittedCidrProblem } from './admitted-cidr';
import { principalProblem } from './policy-presets';

/** A caller outside the endpoint's VPC, joined to it by VPC peering or a Transit Gateway: who and from where. */
export interface RemoteCallerProps {
  /**
   * Where the caller's traffic comes from: `Peer.ipv4(callerVpcCidr)`, or over VPC peering in the same region the
   * caller's own group, `Peer.securityGroupId(id, label)` (a Transit Gateway or a peering to another region carries
   * no group reference, so there the CIDR is the only source).
   */
  readonly source: Peer;
  /**
   * What the caller may do through the endpoint, each statement naming the caller's principals (its role ARNs, or
   * its account's ID for another account), e.g. `allowInvokeFunction(...)`. Added to the endpoint's policy.
   */
  readonly statements: readonly PolicyStatement[];
  /**
   * The ingress rule's description.
   * @default `HTTPS from remote caller <source label>`
   */
  readonly description?: string;
}

/** The remote caller's CIDR, checked to lie outside the endpoint's VPC: a caller inside it is not remote. */
export function checkRemoteSource(owner: string, vpcCidr: string, source: Peer): void {
  if (!('cidrIpv4' in source.ruleTarget)) return;
  const { cidrIpv4 } = source.ruleTarget;
  // A malformed block or every address is the endpoint's own rule check's to report, in its words.
  if (Token.isUnresolved(cidrIpv4) || Token.isUnresolved(vpcCidr) || admittedCidrProblem(cidrIpv4)) return;
  if (Ipv4Cidr.parse(cidrIpv4).overlaps(Ipv4Cidr.parse(vpcCidr))) {
    throw new Error(
      `${owner}: remote caller source = "${cidrIpv4}" overlaps the endpoint's VPC ${vpcCidr}; allowed: the caller ` +
        "VPC's own CIDR, outside the endpoint's VPC (callers inside it are admitted by their security group)",
    );
  }
}

/**
 * Each statement's principals are account IDs or IAM principal ARNs: a remote caller is named, never `*` (which the
 * policy's own check refuses too) nor a malformed value AWS would reject at apply time.
 */
export function checkRemotePrincipals(owner: string, statements: readonly PolicyStatement[]): void {
  for (const statement of statements) {
    for (const principal of [statement.principals ?? []].flat()) {
      const problem = principalProblem(principal);
      if (problem !== undefined) {
        throw new Error(
          `${owner}: remote caller statement ${statement.sid ?? '(no Sid)'} principal "${principal}" ${problem}`,
        );
      }
    }
  }
}

/** The port a remote caller is admitted on: HTTPS, the only port an interface endpoint serves. */
export const REMOTE_CALLER_PORT = Port.https();
