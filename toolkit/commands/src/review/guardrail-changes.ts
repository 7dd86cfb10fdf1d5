// The guardrail findings a change brings and the ones it clears: every rule run over both versions of a stack, as
// synth runs them, findings matched by rule, resource and message. Errors stop a synth, so a review mostly shows
// warnings and suppressed findings; an error appears when a side was synthesized under other rules.
import { evaluateGuardrails, GuardrailReport } from '@lambda-vpc/guardrails';
import type { NetworkIntent, StackJson } from '@lambda-vpc/stack-model';

/** One side of a stack, as the guardrails read it. */
export interface GuardrailInput {
  readonly json: StackJson;
  /** The network intent it is held to. @default none */
  readonly intent?: NetworkIntent;
  /** The folder of its JSON and function packages. @default none: the package rules do not check it */
  readonly directory?: string;
}

/** Findings only after the change, and only before it, one line each. */
export interface GuardrailChanges {
  readonly added: readonly string[];
  readonly gone: readonly string[];
}

const code = (text: string): string => `\`${text}\``;

/** Every finding of a report as its line: ``LVB-EP-1 warning at `aws_vpc_endpoint.x`: full access, by opt-in``. */
function findings(report: GuardrailReport | undefined): string[] {
  if (!report) return [];
  return [
    ...report.errors.map((v) => `${v.ruleId} error at ${code(v.address)}: ${v.message}`),
    ...report.warnings.map((v) => `${v.ruleId} warning at ${code(v.address)}: ${v.message}`),
    ...report.suppressed.map(
      (v) => `${v.ruleId} suppressed at ${code(v.address)}: ${v.message} (justification: ${v.justification})`,
    ),
  ];
}

function evaluate(stack: string, input: GuardrailInput | undefined): GuardrailReport | undefined {
  if (!input) return undefined;
  return evaluateGuardrails(stack, input.json, {
    ...(input.intent ? { intent: input.intent } : {}),
    ...(input.directory ? { stackDirectory: input.directory } : {}),
  });
}

/** The findings new and gone from `before` to `after` (either may be absent: a stack added or removed). */
export function guardrailChanges(
  stack: string,
  before: GuardrailInput | undefined,
  after: GuardrailInput | undefined,
): GuardrailChanges {
  const old = findings(evaluate(stack, before));
  const now = findings(evaluate(stack, after));
  return { added: now.filter((line) => !old.includes(line)), gone: old.filter((line) => !now.includes(line)) };
}
