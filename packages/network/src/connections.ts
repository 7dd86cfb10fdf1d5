// The two sides of a security group rule: a port, a peer, and the constructs that open or admit connections.
/** A port or port range of one IP protocol, for security group rules. */
export class Port {
  /** One TCP port, e.g. `Port.tcp(443)`. */
  public static tcp(port: number): Port {
    return new Port('tcp', port, port);
  }

  /** One UDP port, e.g. `Port.udp(53)`. */
  public static udp(port: number): Port {
    return new Port('udp', port, port);
  }

  private constructor(
    /** `tcp` or `udp`. */
    public readonly protocol: 'tcp' | 'udp',
    /** First port of the range. */
    public readonly fromPort: number,
    /** Last port of the range. */
    public readonly toPort: number,
  ) {
    if (!Number.isInteger(fromPort) || fromPort < 1 || toPort > 65535 || toPort < fromPort) {
      throw new Error(`port ${fromPort}-${toPort} is outside 1-65535`);
    }
  }

  /** `tcp443`: the port's part of a construct ID. */
  public get id(): string {
    return `${this.protocol}${this.fromPort}${this.toPort === this.fromPort ? '' : `-${this.toPort}`}`;
  }

  /** `TCP 443`, for rule descriptions. */
  public toString(): string {
    return `${this.protocol.toUpperCase()} ${this.fromPort}${this.toPort === this.fromPort ? '' : `-${this.toPort}`}`;
  }
}

/** The other side of a security group rule. */
export class Peer {
  /** An IPv4 CIDR block. `label` names it in construct IDs and descriptions (`internet`, `on-premises`). */
  public static ipv4(cidr: string, label: string): Peer {
    return new Peer(label, { cidrIpv4: cidr });
  }

  /**
   * A managed prefix list, e.g. a gateway endpoint's `prefix_list_id`: the public ranges of S3 or
   * DynamoDB in the region, which is what traffic to a gateway endpoint is addressed to.
   */
  public static prefixList(prefixListId: string, label: string): Peer {
    return new Peer(label, { prefixListId });
  }

  /** Members of another security group. */
  public static securityGroup(securityGroupId: string, label: string): Peer {
    return new Peer(label, { referencedSecurityGroupId: securityGroupId });
  }

  private constructor(
    /** Short name of the peer, used in construct IDs: letters, digits and dashes. */
    public readonly label: string,
    /** The rule's peer arguments (`cidr_ipv4`, `prefix_list_id` or `referenced_security_group_id`). */
    public readonly ruleTarget:
      | { readonly cidrIpv4: string }
      | { readonly prefixListId: string }
      | { readonly referencedSecurityGroupId: string },
  ) {
    if (!/^[a-z0-9-]+$/.test(label)) {
      throw new Error(`peer label "${label}" must be lower-case letters, digits and dashes`);
    }
  }
}

/** The arguments of an aws_vpc_security_group_{ingress,egress}_rule on `securityGroupId` for `peer` on `port`. */
export function securityGroupRuleArguments(securityGroupId: string, peer: Peer, port: Port, description: string) {
  return { securityGroupId, description, ipProtocol: port.protocol, fromPort: port.fromPort, toPort: port.toPort, ...peer.ruleTarget };
}

/** A construct with a security group that opens connections (a Lambda function): writes egress rules. */
export interface ConnectionSource {
  /** Its security group's ID. */
  readonly securityGroupId: string;
  /** How rules on other groups name it: lower-case letters, digits and dashes, used in construct IDs. */
  readonly peerLabel: string;
  /** Adds an egress rule to its security group. */
  allowEgressTo(peer: Peer, port: Port, description: string): unknown;
}

/** A construct with a security group that admits connections (an interface endpoint, a function): writes ingress rules. */
export interface ConnectionTarget {
  /** Its security group's ID. */
  readonly securityGroupId: string;
  /** How rules on other groups name it: lower-case letters, digits and dashes, used in construct IDs. */
  readonly peerLabel: string;
  /** Adds an ingress rule to its security group. */
  allowIngressFrom(peer: Peer, port: Port, description: string): unknown;
}

/**
 * Lets `source` open connections to `target` on `port`: the egress rule on the source's group and the ingress rule
 * on the target's, each naming the other group, so neither side is forgotten (security groups need both).
 * Each rule is written by its owner, under its own construct, with the description given for it.
 */
export function connect(source: ConnectionSource, target: ConnectionTarget, port: Port, descriptions: { readonly egress: string; readonly ingress: string }): void {
  // Both peers are built first: they validate the labels, so a refused pair leaves neither rule behind.
  const toTarget = Peer.securityGroup(target.securityGroupId, target.peerLabel);
  const fromSource = Peer.securityGroup(source.securityGroupId, source.peerLabel);
  source.allowEgressTo(toTarget, port, descriptions.egress);
  target.allowIngressFrom(fromSource, port, descriptions.ingress);
}
