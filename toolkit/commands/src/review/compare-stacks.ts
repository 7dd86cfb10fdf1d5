// The review itself: a pure comparison of two sets of synthesized stacks (the base's and the head's), stack by
// stack, by name. A stack whose JSON is byte-identical is only priced; any other is analyzed on both sides
// (resources, reachability, endpoints, guardrails, fixed cost). No files, processes or git: the command and the
// tests hand it the JSON.
import type { TrafficAssumptions } from '@lambda-vpc/cost';
import { analyzeReachability } from '@lambda-vpc/reachability';
import type { NetworkIntent, StackJson } from '@lambda-vpc/stack-model';
import { CostChange, costChange } from './cost-change';
import { endpointChanges } from './endpoint-changes';
import { internetRouteChanges, openRuleChanges } from './exposure-changes';
import { GuardrailChanges, guardrailChanges } from './guardrail-changes';
import { PathChange, pathChanges } from './path-changes';
import { ResourceChanges, resourceChanges } from './resource-changes';
import type { StackText } from './stack-text';

/** Whether a stack is new, gone, changed or byte-identical. */
export type StackStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** What a change does to one stack. */
export interface StackReview {
  readonly stack: string;
  /** The environment app that writes it (the head's, for a stack on both sides). */
  readonly env: string;
  readonly status: StackStatus;
  readonly resources: ResourceChanges;
  /** Each function's paths gained, lost, rerouted, allowed or denied by a policy, or blocked differently. */
  readonly paths: readonly PathChange[];
  /** Routes to every address and security group rules open to every address, added, removed or changed. */
  readonly exposure: readonly string[];
  /** Endpoints admitting or allowing more or fewer, added or removed. */
  readonly endpoints: readonly string[];
  readonly guardrails: GuardrailChanges;
  readonly cost: CostChange;
}

/** How the review reads a stack beyond its JSON. */
export interface ReviewOptions {
  /**
   * The network intent the guardrails hold a stack to, from its JSON (its variant's).
   * @default none: the rules that hold a stack to its intent do not check it
   */
  readonly intentOf?: (json: StackJson) => NetworkIntent | undefined;
  /**
   * The traffic assumptions of an environment, for the cost estimate of both sides of its stacks.
   * @default the cost package's defaults
   */
  readonly assumptionsOf?: (env: string) => Partial<TrafficAssumptions> | undefined;
}

const NO_RESOURCE_CHANGES: ResourceChanges = { added: [], changed: [], removed: [], otherBlocks: [] };

/** One stack's review; `before` or `after` is absent for a stack added or removed. */
function reviewStack(
  stack: string,
  before: StackText | undefined,
  after: StackText | undefined,
  options: ReviewOptions,
): StackReview {
  const env = (after ?? before)!.env;
  const assumptions = options.assumptionsOf?.(env);
  const oldJson = before && (JSON.parse(before.text) as StackJson);
  const newJson = after && (JSON.parse(after.text) as StackJson);
  if (before && after && before.text === after.text) {
    const cost = costChange(stack, oldJson, oldJson, assumptions);
    const none = { paths: [], exposure: [], endpoints: [], guardrails: { added: [], gone: [] } };
    return { stack, env, status: 'unchanged', resources: NO_RESOURCE_CHANGES, ...none, cost };
  }
  const resources = resourceChanges(oldJson, newJson);
  const oldReach = oldJson && analyzeReachability(stack, oldJson);
  const newReach = newJson && analyzeReachability(stack, newJson);
  const guardrailInput = (side: StackText | undefined, json: StackJson | undefined) => {
    if (!side || !json) return undefined;
    const intent = options.intentOf?.(json);
    return { json, ...(intent ? { intent } : {}), ...(side.directory ? { directory: side.directory } : {}) };
  };
  return {
    stack,
    env,
    status: !before ? 'added' : !after ? 'removed' : 'changed',
    resources,
    // A removed stack's paths go with their functions, not with the hops removed alongside them.
    paths: pathChanges(oldReach, newReach, new Set(after ? resources.removed : [])),
    exposure: [...internetRouteChanges(oldReach, newReach), ...openRuleChanges(stack, oldJson, newJson)],
    endpoints: endpointChanges(oldReach, newReach),
    guardrails: guardrailChanges(stack, guardrailInput(before, oldJson), guardrailInput(after, newJson)),
    cost: costChange(stack, oldJson, newJson, assumptions),
  };
}

/**
 * Every stack of `head` compared with the stack of the same name in `base`, then the stacks only `base` has
 * (removed), in that order.
 */
export function reviewStacks(
  base: readonly StackText[],
  head: readonly StackText[],
  options: ReviewOptions = {},
): StackReview[] {
  const baseByName = new Map(base.map((stack) => [stack.stack, stack]));
  const headNames = new Set(head.map((stack) => stack.stack));
  return [
    ...head.map((stack) => reviewStack(stack.stack, baseByName.get(stack.stack), stack, options)),
    ...base
      .filter((stack) => !headNames.has(stack.stack))
      .map((stack) => reviewStack(stack.stack, stack, undefined, options)),
  ];
}
