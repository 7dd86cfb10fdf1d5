/** An IAM condition block: operator, then condition key, then the value or values. */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/**
 * A list in IAM's two JSON forms: a string renders as a string, an array as an array. Both are kept as written
 * because the rendered JSON is what Terraform compares, so a policy must render the same way every time.
 */
export type OneOrMany = string | readonly string[];

/** Options of {@link PolicyStatement}. */
export interface PolicyStatementProps {
  /**
   * Statement ID, unique in the policy; letters and digits only.
   * @default no Sid
   */
  readonly sid?: string;
  /**
   * Whether the statement allows or denies.
   * @default 'Allow'
   */
  readonly effect?: 'Allow' | 'Deny';
  /**
   * AWS principals (account IDs, or role, user or account root ARNs), rendered as `Principal.AWS`; `'*'` (or
   * `['*']`) is everyone, rendered as `"Principal": "*"`.
   * @default no AWS principal
   */
  readonly principals?: OneOrMany;
  /**
   * The AWS service that the statement applies to, e.g. `lambda.amazonaws.com`, rendered as `Principal.Service`.
   * @default no service principal
   */
  readonly servicePrincipal?: string;
  /**
   * An identity provider's ARN (web identity federation), rendered as `Principal.Federated`.
   * @default no federated principal
   */
  readonly federatedPrincipal?: string;
  /**
   * Actions, `service:Action`. In an Allow each is named in full (`dynamodb:GetItem`); a wildcard (`*`,
   * `dynamodb:*`, `dynamodb:Get*`) is refused unless {@link wildcardActionsJustification} says why. A Deny may
   * use wildcards, since a deny only takes permissions away.
   */
  readonly actions: OneOrMany;
  /**
   * Resource ARNs the actions apply to. A trust policy (who may assume a role) has none: the role is the resource.
   * @default no Resource: allowed only in a statement that names a principal
   */
  readonly resources?: OneOrMany;
  /**
   * IAM condition block, passed through as written.
   * @default no condition
   */
  readonly condition?: PolicyCondition;
  /**
   * Why this Allow may use wildcard actions, e.g. a key policy's administration by the account. Without it, a
   * wildcard action in an Allow is refused.
   * @default wildcard actions refused in an Allow
   */
  readonly wildcardActionsJustification?: string;
}

/** One statement of an IAM policy: who may (or may not) perform which actions on which resources. */
export class PolicyStatement {
  /** Statement ID, when given. */
  public readonly sid?: string;
  /** Allow or Deny. */
  public readonly effect: 'Allow' | 'Deny';
  /** AWS principals, as written. */
  public readonly principals?: OneOrMany;
  /** The service principal. */
  public readonly servicePrincipal?: string;
  /** The federated principal. */
  public readonly federatedPrincipal?: string;
  /** The actions, as written. */
  public readonly actions: OneOrMany;
  /** The resources, as written. */
  public readonly resources?: OneOrMany;
  /** The condition block. */
  public readonly condition?: PolicyCondition;
  /** Why this Allow may use wildcard actions. */
  public readonly wildcardActionsJustification?: string;

  constructor(props: PolicyStatementProps) {
    // Copied, so a caller changing its array later cannot change a policy that was already checked.
    const copy = <T extends OneOrMany | undefined>(value: T): T => (Array.isArray(value) ? [...value] : value) as T;
    this.sid = props.sid;
    this.effect = props.effect ?? 'Allow';
    this.principals = copy(props.principals);
    this.servicePrincipal = props.servicePrincipal;
    this.federatedPrincipal = props.federatedPrincipal;
    this.actions = copy(props.actions);
    this.resources = copy(props.resources);
    this.condition = props.condition;
    this.wildcardActionsJustification = props.wildcardActionsJustification;
  }

  /** Whether the statement names a principal (resource and trust policies' statements do, identity policies' don't). */
  public get hasPrincipal(): boolean {
    return [this.principals, this.servicePrincipal, this.federatedPrincipal].some((kind) => kind !== undefined);
  }

  /** The statement's JSON object, keys in IAM's documented order. */
  public toStatementJson(): Record<string, unknown> {
    return {
      ...(this.sid !== undefined ? { Sid: this.sid } : {}),
      Effect: this.effect,
      ...(this.hasPrincipal ? { Principal: this.principalJson() } : {}),
      Action: this.actions,
      ...(this.resources !== undefined ? { Resource: this.resources } : {}),
      ...(this.condition ? { Condition: this.condition } : {}),
    };
  }

  private principalJson(): unknown {
    if (this.principals !== undefined && [this.principals].flat().join() === '*') return '*';
    if (this.principals !== undefined) return { AWS: this.principals };
    if (this.servicePrincipal !== undefined) return { Service: this.servicePrincipal };
    return { Federated: this.federatedPrincipal };
  }
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const ACTION_PATTERN = /^(?:\*|[a-z0-9-]+:[A-Za-z0-9*]+)$/;
const ALLOWED_ACTION = 'allowed: a fully named action (service:Action) such as dynamodb:GetItem';

/**
 * What is wrong with `action`, or undefined when it is fine: the one statement of the rule that an action is named
 * in full. The configuration schema reports the same text for an action it is given.
 * @param wildcards whether wildcards may be used (a Deny, or a justified Allow)
 */
export function actionProblem(action: string, wildcards = false): string | undefined {
  if (!wildcards && action.includes('*')) return `is a wildcard; ${ALLOWED_ACTION}`;
  const form = wildcards ? ACTION_PATTERN : ACTION;
  if (!form.test(action)) return `is not of the form service:Action; ${ALLOWED_ACTION}`;
  return undefined;
}

/** Options of {@link PolicyDocument}. */
export interface PolicyDocumentProps {
  /** What the policy belongs to (a role, key or endpoint name); every error names it. */
  readonly owner: string;
  /**
   * The statements, checked as they are added.
   * @default none; add them with {@link PolicyDocument.addStatements}
   */
  readonly statements?: readonly PolicyStatement[];
}

/** Options of {@link PolicyDocument.serviceTrust}. */
export interface ServiceTrustProps {
  /** The role's name, for errors. */
  readonly owner: string;
  /** The service that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /**
   * Condition on the assumption, e.g. the confused-deputy guard `aws:SourceAccount`.
   * @default no condition
   */
  readonly condition?: PolicyCondition;
}

/**
 * An IAM policy document: identity, resource (key, endpoint) or trust policy. Each statement is checked when it is
 * added, so a refused statement never enters the policy; `toJson()` renders what IAM reads.
 */
export class PolicyDocument {
  /** The trust policy of a role that an AWS service assumes (`sts:AssumeRole`). */
  public static serviceTrust(props: ServiceTrustProps): PolicyDocument {
    return new PolicyDocument({
      owner: props.owner,
      statements: [
        new PolicyStatement({ servicePrincipal: props.service, actions: 'sts:AssumeRole', condition: props.condition }),
      ],
    });
  }

  /** What the policy belongs to. */
  public readonly owner: string;
  private readonly statements: PolicyStatement[] = [];

  constructor(props: PolicyDocumentProps) {
    this.owner = props.owner;
    this.addStatements(...(props.statements ?? []));
  }

  /** The number of statements. */
  public get statementCount(): number {
    return this.statements.length;
  }

  /** Checks the statements and adds them; throws, adding none, when any is refused. */
  public addStatements(...statements: PolicyStatement[]): void {
    const sids = new Set(this.statements.map((statement) => statement.sid));
    statements.forEach((statement, index) => {
      this.check(statement, this.statements.length + index, sids);
      sids.add(statement.sid);
    });
    this.statements.push(...statements);
  }

  /** The policy JSON, as IAM, the plan and the guardrails read it. */
  public toJson(): string {
    if (this.statements.length === 0) {
      throw new Error(`${this.owner}: the policy has no statements; allowed: at least one`);
    }
    return JSON.stringify({ Version: '2012-10-17', Statement: this.statements.map((s) => s.toStatementJson()) });
  }

  private check(statement: PolicyStatement, index: number, sids: ReadonlySet<string | undefined>): void {
    const { sid } = statement;
    if (sid !== undefined && (!/^[A-Za-z0-9]+$/.test(sid) || sids.has(sid))) {
      throw new Error(
        `${this.owner}: policy statement ID = "${sid}": ${
          sids.has(sid) ? 'is already in the policy' : 'is not letters and digits only'
        }; allowed: letters and digits, unique in the policy`,
      );
    }
    const where = `${this.owner}: policy statement ${sid ?? `#${index + 1}`}`;
    const kinds = [statement.principals, statement.servicePrincipal, statement.federatedPrincipal];
    if (kinds.filter((kind) => kind !== undefined).length > 1) {
      throw new Error(
        `${where}: names more than one kind of principal; allowed: principals, servicePrincipal or ` +
          'federatedPrincipal',
      );
    }
    const justification = statement.wildcardActionsJustification;
    if (justification !== undefined && justification.trim() === '') {
      throw new Error(
        `${where}, wildcardActionsJustification = "${justification}": is blank; allowed: why the Allow ` +
          'needs wildcard actions',
      );
    }
    const actions = [statement.actions].flat();
    if (actions.length === 0) throw new Error(`${where}, actions = []: is empty; allowed: at least one action`);
    const wildcards = statement.effect === 'Deny' || justification !== undefined;
    for (const action of actions) {
      const problem = actionProblem(action, wildcards);
      if (problem !== undefined) throw new Error(`${where}, action = "${action}": ${problem}`);
    }
    // Only a statement that names a principal may leave resources out: a trust policy's, whose resource is the role.
    if (statement.resources === undefined ? !statement.hasPrincipal : [statement.resources].flat().length === 0) {
      const missing = statement.resources === undefined;
      const [value, problem] = missing ? ['missing', 'a statement with no principal needs them'] : ['[]', 'is empty'];
      throw new Error(`${where}, resources = ${value}: ${problem}; allowed: at least one resource ARN`);
    }
  }
}
