import { asList, StackDocument, StackResource } from '@lambda-vpc/stack-model';

type Statement = { Effect?: string; Action?: string | string[] };

/** Whether an IAM action pattern (`*` and `?` wildcards, case-insensitive) covers `action`. */
export function actionCovers(pattern: string, action: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

/** The statements of a policy JSON document; none when it cannot be read (LVB-IAM-1 reports that). */
function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== 'string') return [];
  try {
    return [JSON.parse(policy).Statement ?? []].flat();
  } catch {
    return [];
  }
}

/**
 * The policy documents the stack gives a role: its `aws_iam_role_policy` resources, its `inline_policy` blocks, and
 * the stack's `aws_iam_policy` resources attached to it. AWS-managed policies are not in the JSON, so not read.
 */
function policiesOf(stack: StackDocument, role: StackResource): unknown[] {
  const names = (reference: unknown) => stack.refersTo(reference, role) || reference === role.body.name;
  const attached = stack
    .resources('aws_iam_role_policy_attachment')
    .filter((attachment) => names(attachment.body.role))
    .map((attachment) => stack.resolve(attachment.body.policy_arn))
    .filter((policy) => policy?.type === 'aws_iam_policy');
  return [
    ...stack
      .resources('aws_iam_role_policy')
      .filter((policy) => names(policy.body.role))
      .map((policy) => policy.body.policy),
    ...asList(role.body.inline_policy).map((block) => (block as { policy?: unknown }).policy),
    ...attached.map((policy) => policy!.body.policy),
  ];
}

/**
 * Whether the stack's policies grant the role `action` by naming its service: an Allow whose Action covers it and is of
 * that service (`secretsmanager:GetSecretValue`, `secretsmanager:Get*`). A bare `*` or a NotAction grants it too, but
 * says nothing of what the role is for; LVB-IAM-1 refuses those.
 */
export function roleGrants(stack: StackDocument, role: StackResource, action: string): boolean {
  const service = action.split(':')[0]!.toLowerCase();
  return policiesOf(stack, role)
    .flatMap(statementsOf)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => [statement.Action ?? []].flat())
    .some((pattern) => pattern.toLowerCase().startsWith(`${service}:`) && actionCovers(pattern, action));
}
