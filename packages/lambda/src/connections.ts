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

/** A security group that other constructs may admit a function into. */
export interface SecurityGroupRef {
  /** The group's ID. */
  readonly securityGroupId: string;
  /** Short name of the group for construct IDs and descriptions, e.g. `orders-db`. */
  readonly label: string;
}
