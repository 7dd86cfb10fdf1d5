import { GuardrailRule } from '../rule';

type Statement = { Effect?: string; Action?: string | string[]; NotAction?: string | string[] };

/** Least privilege: a role grants named actions, never a pattern that grows with every AWS release. */
export const NO_WILDCARD_ACTIONS: GuardrailRule = {
  id: 'LVB-IAM-1',
  title: 'Inline IAM policies allow no action with a wildcard',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_290', 'CKV_AWS_355', 'CKV_AWS_62', 'FSBP IAM.21'],
  fix: 'name each action the code calls (e.g. dynamodb:GetItem); the grant helpers of LambdaFunction do',
  check: (stack) =>
    ['aws_iam_role_policy', 'aws_iam_policy']
      .flatMap((type) => stack.resources(type))
      .flatMap((policy) => {
        let statements: Statement[];
        try {
          statements = [JSON.parse(policy.body.policy).Statement ?? []].flat();
        } catch {
          return [{ resource: policy, message: 'the policy is not a JSON document the rule can read' }];
        }
        return statements
          .filter((s) => s.Effect !== 'Deny')
          .flatMap((s) => {
            if (s.NotAction) return [{ resource: policy, message: 'an Allow with NotAction grants everything else' }];
            return [s.Action ?? []]
              .flat()
              .filter((action) => action.includes('*'))
              .map((action) => ({ resource: policy, message: `allows "${action}"` }));
          });
      }),
};
