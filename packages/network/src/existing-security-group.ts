import { Construct } from 'constructs';
import { Connections, IConnectable } from './connections';

/** Options of {@link ExistingSecurityGroup}. */
export interface ExistingSecurityGroupProps {
  /** The group's ID, e.g. a database's `aws_security_group.id` or `sg-0123456789abcdef0`. */
  readonly securityGroupId: string;
  /**
   * How rules name the group in IDs and descriptions: lower-case letters, digits and dashes.
   * @default the construct ID
   */
  readonly label?: string;
}

/**
 * A security group this construct does not create (another stack's, a database's, one owned elsewhere), made
 * connectable: `fn.connections.allowTo(database, Port.tcp(5432), 'why')` writes the function's egress rule and the
 * group's ingress rule, the latter under this construct (`<id>_ingress_<function>_tcp5432`).
 */
export class ExistingSecurityGroup extends Construct implements IConnectable {
  /** Its connections. */
  public readonly connections: Connections;

  constructor(scope: Construct, id: string, props: ExistingSecurityGroupProps) {
    super(scope, id);
    this.connections = Connections.ofSecurityGroup(this, props.securityGroupId, { label: props.label ?? id });
  }
}
