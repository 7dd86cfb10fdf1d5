/** One statement of an endpoint policy: who may do what to which resources through the endpoint. */
export interface EndpointPolicyStatement {
  /** Statement ID, unique in the policy; letters and digits only. */
  readonly sid: string;
  /**
   * Whether the statement allows or denies.
   * @default 'Allow'
   */
  readonly effect?: 'Allow' | 'Deny';
  /**
   * IAM principal ARNs (roles, users, accounts) the statement applies to. Required, with no `*` in any:
   * an endpoint policy that names nobody lets every principal that reaches the endpoint through.
   */
  readonly principals: readonly string[];
  /** Fully named actions; a wildcard (`*`, `dynamodb:*`, `dynamodb:Get*`) is refused. */
  readonly actions: readonly string[];
  /** Resource ARNs (a table, a bucket, a function). */
  readonly resources: readonly string[];
  /** IAM condition block, passed through as written. */
  readonly condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** Checks a statement names its principals and actions, then renders the policy JSON. */
export function endpointPolicyDocument(owner: string, statements: readonly EndpointPolicyStatement[]): string {
  if (statements.length === 0) {
    throw new Error(`${owner}: an endpoint policy needs at least one statement; with none, nobody may use the endpoint`);
  }
  const sids = new Set<string>();
  for (const statement of statements) {
    if (!/^[A-Za-z0-9]+$/.test(statement.sid) || sids.has(statement.sid)) {
      throw new Error(`${owner}: endpoint policy statement ID "${statement.sid}" must be unique, letters and digits only`);
    }
    sids.add(statement.sid);
    if (statement.principals.length === 0 || statement.principals.some((principal) => principal.includes('*'))) {
      throw new Error(
        `${owner}: endpoint policy statement ${statement.sid} must name its principals (IAM role or account ARNs), not "*" or none`,
      );
    }
    const wildcard = statement.actions.find((action) => action.includes('*'));
    if (statement.actions.length === 0 || wildcard !== undefined) {
      throw new Error(
        `${owner}: endpoint policy statement ${statement.sid} must name each action (e.g. dynamodb:GetItem); ` +
          `${wildcard === undefined ? 'it has none' : `"${wildcard}" is a wildcard`}`,
      );
    }
    if (statement.resources.length === 0) {
      throw new Error(`${owner}: endpoint policy statement ${statement.sid} needs at least one resource`);
    }
  }
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: statement.effect ?? 'Allow',
      Principal: { AWS: [...statement.principals] },
      Action: [...statement.actions],
      Resource: [...statement.resources],
      ...(statement.condition ? { Condition: statement.condition } : {}),
    })),
  });
}
