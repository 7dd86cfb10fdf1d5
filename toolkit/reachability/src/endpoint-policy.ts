import { asList, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { PolicyGrant } from './types';

/** One statement of an endpoint policy, `${type.name.attr}` references turned into `type.name` addresses. */
export interface ParsedStatement {
  readonly sid?: string;
  readonly allow: boolean;
  readonly principals: string[];
  readonly notPrincipal: boolean;
  readonly actions: string[];
  readonly notAction: boolean;
  readonly resources: string[];
  readonly conditional: boolean;
}

/** An endpoint's policy: its document, AWS's full-access default when it has none, or unreadable (not literal JSON). */
export interface ParsedEndpointPolicy {
  readonly kind: 'document' | 'default-full-access' | 'unreadable';
  readonly statements: ParsedStatement[];
}

/** What a policy says about one role. */
export interface PolicyDecision {
  /** An Allow names the role (or `*`, or its account) for the action, and no unconditional Deny does. */
  readonly allows: boolean;
  /** An Allow names principal `*`. */
  readonly open: boolean;
}

const EMBEDDED_REFERENCE = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z0-9_]+\}/g;

function addresses(model: ReachabilityModel, values: unknown): string[] {
  return asList(values).map((value) =>
    String(value).replace(EMBEDDED_REFERENCE, (whole, type: string, name: string) =>
      model.resource(`${type}.${name}`) ? `${type}.${name}` : whole,
    ),
  );
}

function principalsOf(model: ReachabilityModel, principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null) return [];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, values]) =>
    addresses(model, values).map((value) => (kind === 'AWS' || value === '*' ? value : `${kind}:${value}`)),
  );
}

/** Reads an aws_vpc_endpoint's `policy`. */
export function readEndpointPolicy(model: ReachabilityModel, endpoint: StackResource): ParsedEndpointPolicy {
  const text = endpoint.body.policy;
  if (text === undefined || text === null || text === '') {
    // AWS attaches a full-access policy to an endpoint created without one.
    return {
      kind: 'default-full-access',
      statements: [
        {
          allow: true,
          principals: ['*'],
          notPrincipal: false,
          actions: ['*'],
          notAction: false,
          resources: ['*'],
          conditional: false,
        },
      ],
    };
  }
  let document: TerraformBlock | undefined;
  try {
    document = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return { kind: 'unreadable', statements: [] };
  }
  const statements = asList(document?.Statement).map((raw) => {
    const s = raw as TerraformBlock;
    return {
      sid: s.Sid,
      allow: s.Effect !== 'Deny',
      principals: principalsOf(model, s.Principal ?? s.NotPrincipal),
      notPrincipal: s.NotPrincipal !== undefined,
      actions: addresses(model, s.Action ?? s.NotAction),
      notAction: s.NotAction !== undefined,
      resources: addresses(model, s.Resource ?? s.NotResource),
      conditional: s.Condition !== undefined,
    };
  });
  return { kind: 'document', statements };
}

/** Whether an IAM pattern (`*` for any run of characters, case-insensitive) matches `value`. */
export function glob(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return regex.test(value);
}

/** Whether an action pattern covers `action`, or (for `service:*`-style requests) any action of the service. */
function actionMatches(pattern: string, action: string): boolean {
  if (!action.endsWith(':*')) return glob(pattern, action);
  const [service] = action.split(':');
  return pattern === '*' || glob(pattern.split(':')[0] ?? '', service!);
}

/** Whether a policy principal (`*`, a role address, a role or account ARN, an account ID) covers `role`. */
export function principalMatches(
  model: ReachabilityModel,
  principal: string,
  role: StackResource | undefined,
): boolean {
  if (principal === '*') return true;
  if (!role) return false;
  if (principal === role.address) return true;
  const account = model.accountId ?? '\\d{12}';
  // Literal ARNs: the role by name (any path), or its account's root / ID, which delegates to IAM.
  const name = String(role.body.name ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return (
    (name !== '' && new RegExp(`^arn:aws[a-z-]*:iam::${account}:role/(.*/)?${name}$`).test(principal)) ||
    new RegExp(`^(arn:aws[a-z-]*:iam::${account}:root|${account})$`).test(principal)
  );
}

/** Whether a statement names `role` (or `*`, or its account) and `action`, Condition aside. */
export function statementApplies(
  model: ReachabilityModel,
  statement: ParsedStatement,
  role: StackResource | undefined,
  action: string,
): boolean {
  const principal = statement.principals.some((p) => principalMatches(model, p, role)) !== statement.notPrincipal;
  const acts = statement.actions.some((pattern) => actionMatches(pattern, action)) !== statement.notAction;
  return principal && acts;
}

/**
 * Whether the policy lets `role` perform `action` (`lambda:InvokeFunction`, or `dynamodb:*` for "any DynamoDB
 * action"). Conditions are not evaluated: a conditional Allow counts as allowing and a conditional Deny as not
 * applying, since conditions narrow a statement. Resources are reported, not matched.
 */
export function policyDecision(
  model: ReachabilityModel,
  policy: ParsedEndpointPolicy,
  role: StackResource | undefined,
  action: string,
): PolicyDecision {
  const allowed = policy.statements.some((s) => s.allow && statementApplies(model, s, role, action));
  const denied = policy.statements.some((s) => !s.allow && !s.conditional && statementApplies(model, s, role, action));
  return { allows: allowed && !denied, open: isOpen(policy) };
}

/** Whether an Allow statement names principal `*`. */
export function isOpen(policy: ParsedEndpointPolicy): boolean {
  return policy.statements.some((s) => s.allow && !s.notPrincipal && s.principals.includes('*'));
}

/** The Allow statements, as reported. */
export function grantsOf(policy: ParsedEndpointPolicy): PolicyGrant[] {
  return policy.statements
    .filter((s) => s.allow)
    .map((s) => ({
      ...(s.sid ? { sid: s.sid } : {}),
      principals: s.notPrincipal ? s.principals.map((p) => `not ${p}`) : s.principals,
      actions: s.notAction ? s.actions.map((a) => `not ${a}`) : s.actions,
      resources: s.resources,
      conditional: s.conditional,
    }));
}

/** Every principal and every resource the Allow statements name, deduplicated in order. */
export function principalsAndResources(policy: ParsedEndpointPolicy): { principals: string[]; resources: string[] } {
  const grants = grantsOf(policy);
  return {
    principals: [...new Set(grants.flatMap((g) => g.principals))],
    resources: [...new Set(grants.flatMap((g) => g.resources))],
  };
}
