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
   * IAM principal ARNs (roles, users, accounts) the statement applies to. An Allow names them, with no `*`
   * in any: an endpoint policy that allows nobody in particular lets every principal that reaches the
   * endpoint through. A Deny may name `*` (everyone), since a deny only restricts.
   */
  readonly principals: readonly string[];
  /**
   * Actions. An Allow names each one fully; a wildcard (`*`, `dynamodb:*`, `dynamodb:Get*`) is refused.
   * A Deny may use wildcards.
   */
  readonly actions: readonly string[];
  /** Resource ARNs (a table, a bucket, a function). */
  readonly resources: readonly string[];
  /**
   * IAM condition block, passed through as written.
   * @default no condition
   */
  readonly condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** Checks each Allow statement names its principals and actions, then renders the policy JSON. */
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
    checkStatement(owner, statement);
  }
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: statement.effect ?? 'Allow',
      Principal: isDenyEveryone(statement) ? '*' : { AWS: [...statement.principals] },
      Action: [...statement.actions],
      Resource: [...statement.resources],
      ...(statement.condition ? { Condition: statement.condition } : {}),
    })),
  });
}

function checkStatement(owner: string, statement: EndpointPolicyStatement): void {
  const deny = statement.effect === 'Deny';
  // A Deny only takes permissions away, so "*" there narrows access; in an Allow it would open it.
  if (statement.principals.length === 0 || (!deny && statement.principals.some((principal) => principal.includes('*')))) {
    throw new Error(
      deny
        ? `${owner}: endpoint policy statement ${statement.sid} denies nobody; name its principals, or "*" for everyone`
        : `${owner}: endpoint policy statement ${statement.sid} must name its principals (IAM role or account ARNs), not "*" or none`,
    );
  }
  const wildcard = deny ? undefined : statement.actions.find((action) => action.includes('*'));
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

function isDenyEveryone(statement: EndpointPolicyStatement): boolean {
  return statement.effect === 'Deny' && statement.principals.length === 1 && statement.principals[0] === '*';
}

/**
 * The policy of a VPC endpoint: least-privilege statements, or AWS's full-access default only when a
 * stack opts in explicitly and says why.
 */
export abstract class EndpointPolicy {
  /** Least-privilege statements; rendered by {@link endpointPolicyDocument} (same checks). */
  public static of(statements: readonly EndpointPolicyStatement[]): EndpointPolicy {
    return new StatementsPolicy([...statements]);
  }

  /**
   * The AWS default full-access policy, only by explicit opt-in with a justification. Rendering it prints
   * a warning, so the choice shows in every synth.
   */
  public static fullAccess(justification: string): EndpointPolicy {
    if (justification.trim() === '') {
      throw new Error(
        'EndpointPolicy.fullAccess needs a justification: say why any principal may call any action on any resource ' +
          'through this endpoint, or list least-privilege statements with EndpointPolicy.of()',
      );
    }
    return new FullAccessPolicy(justification);
  }

  /** Whether the policy lets any principal call any action on any resource. */
  public abstract readonly isFullAccess: boolean;

  /** The policy JSON for the endpoint named `owner`. */
  public abstract render(owner: string): string;
}

class StatementsPolicy extends EndpointPolicy {
  public readonly isFullAccess = false;

  constructor(private readonly statements: readonly EndpointPolicyStatement[]) {
    super();
  }

  public render(owner: string): string {
    return endpointPolicyDocument(owner, this.statements);
  }
}

class FullAccessPolicy extends EndpointPolicy {
  public readonly isFullAccess = true;

  constructor(private readonly justification: string) {
    super();
  }

  public render(owner: string): string {
    // stdout: a warning, not an error, and the cdktf CLI shows every stderr line as [ERROR].
    console.log(
      `warning: ${owner}: endpoint policy is full access (${this.justification}); ` +
        'any principal that reaches the endpoint may call any action on any resource',
    );
    // Written out rather than left unset, so the plan shows what the endpoint allows.
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'FullAccessOptIn', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
  }
}
