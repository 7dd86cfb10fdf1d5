// Security group rules, one model (in the shape of AWS CDK's Connections / IConnectable): a port, a peer, and the
// connections of a construct with a security group, which write both sides of a rule at once.
import { Construct } from 'constructs';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

/** Names of well-known ports, for the descriptions of the rules written on the other side. */
const PORT_NAMES: Readonly<Record<string, string>> = { tcp443: 'HTTPS', tcp53: 'DNS over TCP', udp53: 'DNS over UDP' };

/** A port or port range of one IP protocol, for security group rules. */
export class Port {
  /** One TCP port, e.g. `Port.tcp(5432)`. */
  public static tcp(port: number): Port {
    return new Port('tcp', port, port);
  }

  /** One UDP port, e.g. `Port.udp(53)`. */
  public static udp(port: number): Port {
    return new Port('udp', port, port);
  }

  /** TCP 443: what every AWS API endpoint, and most of the internet, answers on. */
  public static https(): Port {
    return Port.tcp(443);
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

  /** `tcp443`: the port's part of a rule's construct ID. */
  public get id(): string {
    return `${this.protocol}${this.fromPort}${this.toPort === this.fromPort ? '' : `-${this.toPort}`}`;
  }

  /** `HTTPS` for a well-known port, else `TCP 5432`: how a rule's description names it. */
  public get label(): string {
    return PORT_NAMES[this.id] ?? this.toString();
  }

  /** `TCP 443`. */
  public toString(): string {
    return `${this.protocol.toUpperCase()} ${this.fromPort}${this.toPort === this.fromPort ? '' : `-${this.toPort}`}`;
  }
}

/**
 * What a rule names as its other side: `cidr_ipv4`, `cidr_ipv6`, `prefix_list_id` or `referenced_security_group_id`.
 */
export type RuleTarget =
  | { readonly cidrIpv4: string }
  | { readonly cidrIpv6: string }
  | { readonly prefixListId: string }
  | { readonly referencedSecurityGroupId: string };

/** Something with a security group, or a network a rule can name: what {@link Connections.allowTo} connects. */
export interface IConnectable {
  /** Its connections: how rules name it, and (when it has a security group) where rules on it are written. */
  readonly connections: Connections;
}

/**
 * The other side of a security group rule that gets no rule itself: a CIDR block, a managed prefix list, or a group
 * left as it is. Its label names it in rule IDs, so it says what the peer is, never where it stands in a list.
 */
export class Peer implements IConnectable {
  /**
   * An IPv4 CIDR block. The label defaults to the block itself (`10-20-0-0-16`), so reordering a list of blocks
   * moves no rule; name one only where the name says more (`internet`).
   */
  public static ipv4(cidr: string, label = cidr.replace(/[./]/g, '-')): Peer {
    return new Peer(label, { cidrIpv4: cidr });
  }

  /** Every IPv4 address, labelled `internet`. */
  public static anyIpv4(): Peer {
    return Peer.ipv4('0.0.0.0/0', 'internet');
  }

  /** An IPv6 CIDR block, labelled by the block itself (`2001-db8---32`) unless a label is given. */
  public static ipv6(cidr: string, label = cidr.replace(/[:/]/g, '-')): Peer {
    return new Peer(label, { cidrIpv6: cidr });
  }

  /**
   * Every IPv6 address, labelled `internet-ipv6`: egress to it from a dual-stack subnet leaves through an egress-only
   * internet gateway, which admits nothing the subnet did not start.
   */
  public static anyIpv6(): Peer {
    return Peer.ipv6('::/0', 'internet-ipv6');
  }

  /**
   * A managed prefix list, e.g. a gateway endpoint's `prefix_list_id`: the public ranges of S3 or DynamoDB in the
   * region, which is what traffic through a gateway endpoint is addressed to.
   */
  public static prefixList(prefixListId: string, label: string): Peer {
    return new Peer(label, { prefixListId });
  }

  /**
   * Members of a security group this code writes no rule on (another team's callers, say): rules on this side name
   * it, and it is left as it is. To write both sides, make it connectable with `ExistingSecurityGroup` instead.
   */
  public static securityGroupId(securityGroupId: string, label: string): Peer {
    return new Peer(label, { referencedSecurityGroupId: securityGroupId });
  }

  /** The connections of the peer: rules on others name it, and none are written on it. */
  public readonly connections: Connections;

  private constructor(
    /** Short name of the peer in rule IDs and descriptions: lower-case letters, digits and dashes. */
    public readonly label: string,
    /** The rule's arguments naming the peer. */
    public readonly ruleTarget: RuleTarget,
  ) {
    checkLabel('peer', label);
    this.connections = new Connections({ label, ruleTarget });
  }
}

/**
 * Refuses a rule on a security group before it is written, by throwing why: an interface endpoint admits HTTPS
 * only and writes no egress, say.
 */
export type RuleCheck = (direction: ConnectionRule['direction'], peer: Connections, port: Port) => void;

/** Options of {@link Connections}. */
export interface ConnectionsProps {
  /** How rules name this side in IDs and descriptions: lower-case letters, digits and dashes. */
  readonly label: string;
  /** The rule arguments that name this side on another group's rules. */
  readonly ruleTarget: RuleTarget;
  /**
   * The security group rules are written on, and the construct they are written under (so a rule's address is
   * `<owner>_ingress_<peer>_<port>`). Without one, this side is a peer only: rules on others name it.
   * @default a peer without a security group
   */
  readonly securityGroup?: { readonly securityGroupId: string; readonly owner: Construct };
  /**
   * Checks each rule on the security group before it is written (an interface endpoint admits HTTPS from named
   * sources only, and writes no egress).
   * @default every rule is allowed
   */
  readonly check?: RuleCheck;
}

/** One rule a {@link Connections} wrote on its security group. */
export interface ConnectionRule {
  /** `ingress` (admits the peer) or `egress` (lets traffic out to it). */
  readonly direction: 'ingress' | 'egress';
  /** How the other side is named. */
  readonly peer: Connections;
  /** The port. */
  readonly port: Port;
  /** The rule resource. */
  readonly resource: VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule;
}

/**
 * The connections of a construct with a security group (a function, an interface endpoint, a NAT instance, a
 * resolver endpoint, a group owned elsewhere) or of a {@link Peer}. `a.connections.allowTo(b, port, why)` writes the
 * egress rule on a's group and, when b has a group, the ingress rule on b's, each naming the other, so neither side
 * is forgotten. Every rule is one `aws_vpc_security_group_{ingress,egress}_rule` written under its group's owner,
 * with an ID from its content: `<direction>_<peer label>_<port>`.
 */
export class Connections implements IConnectable {
  /** How rules name this side. */
  public readonly label: string;
  /** The rule arguments that name this side. */
  public readonly ruleTarget: RuleTarget;

  private readonly securityGroup?: ConnectionsProps['securityGroup'];
  private readonly check?: RuleCheck;
  private readonly written: ConnectionRule[] = [];

  constructor(props: ConnectionsProps) {
    checkLabel('connections', props.label);
    this.label = props.label;
    this.ruleTarget = props.ruleTarget;
    this.securityGroup = props.securityGroup;
    this.check = props.check;
  }

  /** A construct's connections by its security group, rules written under `owner`. */
  public static ofSecurityGroup(
    owner: Construct,
    securityGroupId: string,
    options: { readonly label?: string; readonly check?: RuleCheck } = {},
  ): Connections {
    return new Connections({
      label: options.label ?? owner.node.id,
      ruleTarget: { referencedSecurityGroupId: securityGroupId },
      securityGroup: { securityGroupId, owner },
      check: options.check,
    });
  }

  /** Itself: a Connections is connectable. */
  public get connections(): Connections {
    return this;
  }

  /** The ID of the security group its rules are written on; undefined for a peer. */
  public get securityGroupId(): string | undefined {
    return this.securityGroup?.securityGroupId;
  }

  /** The rules written on this side's security group, in the order written. */
  public get rules(): readonly ConnectionRule[] {
    return this.written;
  }

  /**
   * Lets this side open connections to `other` on `port`: the egress rule on this group (described `description`)
   * and, when `other` has a group, the ingress rule on it (`<port> from <this label>`, or `otherDescription`).
   */
  public allowTo(other: IConnectable, port: Port, description: string, otherDescription?: string): void {
    const target = other.connections;
    this.requireSecurityGroup('allowTo', target);
    // Both sides are checked before either rule is written, so a refused pair leaves neither behind.
    this.checkRule('egress', target, port);
    if (target.securityGroup) target.checkRule('ingress', this, port);
    this.write('egress', target, port, description);
    if (target.securityGroup)
      target.write('ingress', this, port, otherDescription ?? `${port.label} from ${this.label}`);
  }

  /**
   * Admits connections from `other` on `port`: the ingress rule on this group (described `description`) and, when
   * `other` has a group, the egress rule on it (`<port> to <this label>`, or `otherDescription`).
   */
  public allowFrom(other: IConnectable, port: Port, description: string, otherDescription?: string): void {
    const source = other.connections;
    this.requireSecurityGroup('allowFrom', source);
    this.checkRule('ingress', source, port);
    if (source.securityGroup) source.checkRule('egress', this, port);
    this.write('ingress', source, port, description);
    if (source.securityGroup) source.write('egress', this, port, otherDescription ?? `${port.label} to ${this.label}`);
  }

  private checkRule(direction: ConnectionRule['direction'], peer: Connections, port: Port): void {
    if (this.securityGroup!.owner.node.tryFindChild(`${direction}_${peer.label}_${port.id}`)) {
      throw new Error(
        `${this.label}: an ${direction} rule for ${peer.label} on ${port} is already written; each peer and port once`,
      );
    }
    this.check?.(direction, peer, port);
  }

  private write(direction: ConnectionRule['direction'], peer: Connections, port: Port, description: string): void {
    const group = this.securityGroup!;
    const Rule = direction === 'ingress' ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
    const id = `${direction}_${peer.label}_${port.id}`;
    const resource = new Rule(group.owner, id, {
      securityGroupId: group.securityGroupId,
      description,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      ...peer.ruleTarget,
    });
    this.written.push({ direction, peer, port, resource });
  }

  private requireSecurityGroup(operation: string, other: Connections): void {
    if (!this.securityGroup) {
      throw new Error(
        `${this.label}: ${operation}(${other.label}) writes a rule on this side's security group, and it has none; ` +
          `call it on ${other.label}'s connections instead`,
      );
    }
  }
}

/** Labels name rules in construct IDs: a bad one is refused before anything is built. */
function checkLabel(what: string, label: string): void {
  if (!/^[a-z0-9-]+$/.test(label)) {
    throw new Error(`${what} label "${label}" must be lower-case letters, digits and dashes, e.g. "orders-db"`);
  }
}
