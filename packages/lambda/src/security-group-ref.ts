/** A security group that other constructs may admit a function into. */
export interface SecurityGroupRef {
  /** The group's ID. */
  readonly securityGroupId: string;
  /** Short name of the group for construct IDs and descriptions, e.g. `orders-db`. */
  readonly label: string;
}
