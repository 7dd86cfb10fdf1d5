import { PolicyDocument, PolicyStatement } from '@lambda-vpc/network';

/**
 * An endpoint policy names who it applies to. An Allow names its principals, none of them `*`: an Allow to nobody
 * in particular lets every principal that reaches the endpoint through. A Deny may name `*` (everyone), since a
 * deny only restricts. The rest (named actions, resources, statement IDs) is {@link PolicyDocument}'s.
 */
function checkPrincipals(owner: string, statement: PolicyStatement): void {
  const principals = statement.principals === undefined ? [] : [statement.principals].flat();
  const deny = statement.effect === 'Deny';
  const sid = statement.sid ?? '(no Sid)';
  if (principals.length === 0 || (!deny && principals.some((principal) => principal.includes('*')))) {
    throw new Error(
      deny
        ? `${owner}: endpoint policy statement ${sid} denies nobody; name its principals, or "*" for everyone`
        : `${owner}: endpoint policy statement ${sid} must name its principals (IAM role or account ARNs), ` +
            'not "*" or none',
    );
  }
}

/**
 * The policy of a VPC endpoint: least-privilege statements, or AWS's full-access default only when a
 * stack opts in explicitly and says why.
 */
export abstract class EndpointPolicy {
  /**
   * Least-privilege statements, each naming its principals (`principals`); rendered by {@link PolicyDocument},
   * which refuses wildcard actions in an Allow.
   */
  public static of(statements: readonly PolicyStatement[]): EndpointPolicy {
    return new StatementsPolicy([...statements]);
  }

  /**
   * An endpoint nobody uses yet: until statements are added (`endpoint.addToPolicy`, e.g. for a function built after
   * the endpoint), it renders one Deny of every action to everyone, so the endpoint lets nothing through; once it has
   * statements, it renders exactly those, as {@link EndpointPolicy.of} would (the Deny would override every Allow).
   */
  public static closed(): EndpointPolicy {
    return new ClosedPolicy();
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

  /**
   * This policy with more statements, e.g. for a function added after the endpoint; a full-access policy already
   * allows them and stays as it is.
   */
  public abstract withStatements(statements: readonly PolicyStatement[]): EndpointPolicy;
}

class StatementsPolicy extends EndpointPolicy {
  public readonly isFullAccess = false;

  constructor(private readonly statements: readonly PolicyStatement[]) {
    super();
  }

  public render(owner: string): string {
    if (this.statements.length === 0) {
      throw new Error(
        `${owner}: an endpoint policy needs at least one statement; with none, nobody may use the ` + 'endpoint',
      );
    }
    for (const statement of this.statements) checkPrincipals(owner, statement);
    return new PolicyDocument({ owner, statements: this.statements }).toJson();
  }

  public withStatements(statements: readonly PolicyStatement[]): EndpointPolicy {
    return new StatementsPolicy([...this.statements, ...statements]);
  }
}

/** The one statement of a policy with no user yet: everyone is denied everything through the endpoint. */
const NO_USER_YET = new PolicyStatement({
  sid: 'NoUserYet',
  effect: 'Deny',
  principals: '*',
  actions: '*',
  resources: '*',
});

class ClosedPolicy extends EndpointPolicy {
  public readonly isFullAccess = false;

  public render(owner: string): string {
    return new PolicyDocument({ owner, statements: [NO_USER_YET] }).toJson();
  }

  public withStatements(statements: readonly PolicyStatement[]): EndpointPolicy {
    return statements.length === 0 ? this : EndpointPolicy.of(statements);
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
    const everything = new PolicyStatement({
      sid: 'FullAccessOptIn',
      principals: '*',
      actions: '*',
      resources: '*',
      wildcardActionsJustification: this.justification,
    });
    return new PolicyDocument({ owner, statements: [everything] }).toJson();
  }

  public withStatements(): EndpointPolicy {
    return this;
  }
}
