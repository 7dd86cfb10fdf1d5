import { TerraformResource } from 'cdktf';
import { StackResource } from '@lambda-vpc/stack-model';
import { ALL_RULES } from './rules';

/** Where guardrail suppressions live in a resource's JSON: inside Terraform's `//` comment key. */
export const SUPPRESSIONS_KEY = 'guardrails';

/** The justification a synthesized resource carries for suppressing a rule, if any. */
export function suppressionOf(resource: StackResource, ruleId: string): string | undefined {
  return resource.body['//']?.[SUPPRESSIONS_KEY]?.suppress?.[ruleId];
}

/**
 * Exempts one resource from one rule, with the reason. The suppression is written into the resource's
 * `//` comment in cdk.tf.json (Terraform ignores it), so reviewers see it beside the resource, and synth
 * prints it every time. There is deliberately no way to turn a rule off for a whole stack.
 */
export function suppressGuardrail(resource: TerraformResource, ruleId: string, justification: string): void {
  if (!ALL_RULES.some((rule) => rule.id === ruleId)) {
    throw new Error(
      `${resource.node.path}: unknown guardrail ${ruleId}; rules are ${ALL_RULES.map((rule) => rule.id).join(', ')}`,
    );
  }
  if (justification.trim().length < 20 || justification.includes('\n')) {
    throw new Error(
      `${resource.node.path}: suppressing ${ruleId} needs a one-line justification of 20 characters or more`,
    );
  }
  resource.addOverride(`//.${SUPPRESSIONS_KEY}.suppress.${ruleId}`, justification);
}
