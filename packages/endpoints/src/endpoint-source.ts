import { Token } from 'cdktf';
import { Ipv4Cidr } from '@lambda-vpc/network';

/** Who may open connections to an interface endpoint (TCP 443). */
export class EndpointSource {
  /** Members of a security group, e.g. a Lambda function's. `label` names it in construct IDs and descriptions. */
  public static securityGroup(securityGroupId: string, label: string): EndpointSource {
    return new EndpointSource(label, { referencedSecurityGroupId: securityGroupId });
  }

  /** An IPv4 CIDR block, e.g. a peered VPC's. `label` names it in construct IDs and descriptions. */
  public static cidr(cidrIpv4: string, label: string): EndpointSource {
    // Built first so a bad label is reported before the CIDR it labels.
    const source = new EndpointSource(label, { cidrIpv4 });
    if (!Token.isUnresolved(cidrIpv4)) {
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
    return source;
  }

  private constructor(
    /** Short name of the source: lower-case letters, digits and dashes; used in construct IDs. */
    public readonly label: string,
    /** The ingress rule's peer argument (`referenced_security_group_id` or `cidr_ipv4`). */
    public readonly ruleTarget: { readonly referencedSecurityGroupId: string } | { readonly cidrIpv4: string },
  ) {
    if (!/^[a-z0-9-]+$/.test(label)) {
      throw new Error(`endpoint source label "${label}" must be lower-case letters, digits and dashes, e.g. "api-function"`);
    }
  }
}
