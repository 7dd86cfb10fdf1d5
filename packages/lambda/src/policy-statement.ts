/** One statement of an identity policy, typed so a wildcard action cannot slip in. */
export interface PolicyStatement {
  /** Statement ID, unique in the policy; letters and digits only. */
  readonly sid: string;
  /**
   * Whether the statement allows or denies.
   * @default 'Allow'
   */
  readonly effect?: 'Allow' | 'Deny';
  /** Fully named actions (`dynamodb:GetItem`); `*` anywhere in an action is refused. */
  readonly actions: readonly string[];
  /** Resource ARNs the actions apply to. */
  readonly resources: readonly string[];
  /** IAM condition block, passed through as written. */
  readonly condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** The JSON of an IAM policy document made of typed statements. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: statement.effect ?? 'Allow',
      Action: [...statement.actions],
      Resource: [...statement.resources],
      ...(statement.condition ? { Condition: statement.condition } : {}),
    })),
  });
}

/**
 * Refuses statements a least-privilege role must not hold: wildcard actions (checkov CKV_AWS_290 and
 * CKV_AWS_355 flag them), empty action or resource lists, and malformed statement IDs.
 */
export function assertLeastPrivilege(owner: string, statement: PolicyStatement): void {
  if (!/^[A-Za-z0-9]+$/.test(statement.sid)) {
    throw new Error(`${owner}: policy statement ID "${statement.sid}" must be letters and digits only`);
  }
  if (statement.actions.length === 0 || statement.resources.length === 0) {
    throw new Error(`${owner}: policy statement ${statement.sid} needs at least one action and one resource`);
  }
  const wildcard = statement.actions.find((action) => action.includes('*'));
  if (wildcard !== undefined) {
    throw new Error(
      `${owner}: policy statement ${statement.sid} has the wildcard action "${wildcard}"; name each action ` +
        '(e.g. dynamodb:GetItem) so the role grants only what the function calls',
    );
  }
  const malformed = statement.actions.find((action) => !/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action));
  if (malformed !== undefined) {
    throw new Error(`${owner}: policy statement ${statement.sid} has "${malformed}", which is not of the form service:Action`);
  }
}
