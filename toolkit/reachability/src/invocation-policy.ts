// The endpoint policy, read for the caller's role: an Allow of lambda:InvokeFunction naming the role (by reference or
// role ARN), its account, or `*`, and no Deny that applies; with a target function, an allowing statement's resources
// must cover it.
import { StackResource } from '@lambda-vpc/stack-model';
import { glob, ParsedStatement, policyDecision, readEndpointPolicy, statementApplies } from './endpoint-policy';
import { hopOf, InvocationContext } from './invocation-context';
import { InvocationHop } from './invocation-types';

const INVOKE = 'lambda:InvokeFunction';

/** Whether a policy resource covers the function: `*`, its ARN (qualified or not) by reference, or a literal ARN. */
function coversFunction(resource: string, fn: StackResource): boolean {
  if (resource === '*' || resource === fn.address || resource.startsWith(`${fn.address}:`)) return true;
  const name = String(fn.body.function_name ?? '');
  const arn = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)(:.*)?$/.exec(resource);
  return name !== '' && arn !== null && glob(arn[1]!, name);
}

/** The endpoint policy allows the caller's role to invoke (the target function, when named). */
export function policyHop(ctx: InvocationContext): InvocationHop {
  const { model, linked, endpoint, role } = ctx;
  const policy = readEndpointPolicy(model, endpoint);
  if (policy.kind === 'unreadable')
    return hopOf(linked, 'endpoint-policy', 'unknown', `the policy of ${endpoint.address} is not literal JSON`);
  if (!role)
    return hopOf(
      linked,
      'endpoint-policy',
      'unknown',
      `the role of ${ctx.fn.address} is not an aws_iam_role of either stack`,
    );
  const decision = policyDecision(model, policy, role, INVOKE);
  const who = `${role.address} (role ${String(role.body.name ?? '?')})`;
  if (!decision.allows) {
    const unresolved = policy.statements.flatMap((s) => s.principals).filter((p) => p.includes('${'));
    if (unresolved.length > 0)
      return hopOf(
        linked,
        'endpoint-policy',
        'unknown',
        `the policy of ${endpoint.address} does not name ${who}, and its principals ${unresolved.join(', ')} ` +
          'do not resolve',
      );
    const named = [...new Set(policy.statements.filter((s) => s.allow).flatMap((s) => s.principals))];
    return hopOf(
      linked,
      'endpoint-policy',
      'no',
      `the policy of ${endpoint.address} does not allow ${who} ${INVOKE}; it allows ${named.join(', ') || 'nobody'}`,
    );
  }
  const allowing = policy.statements.filter(
    (s: ParsedStatement) => s.allow && statementApplies(model, s, role, INVOKE),
  );
  const target = ctx.targetFunction;
  if (target && !allowing.some((s) => s.resources.some((r) => coversFunction(r, target)))) {
    return hopOf(
      linked,
      'endpoint-policy',
      'no',
      `the policy of ${endpoint.address} allows ${who} ${INVOKE} on ` +
        `${allowing.flatMap((s) => s.resources).join(', ')}, ` +
        `not on ${target.address}`,
    );
  }
  const through = allowing.map((s) => s.sid ?? 'a statement').join(', ');
  return hopOf(
    linked,
    'endpoint-policy',
    'yes',
    `${endpoint.address} allows ${who} ${INVOKE}${target ? ` on ${target.address}` : ''} ` +
      `(${through}${decision.open ? ', open to *' : ''})`,
  );
}
