import { StackDocument, StackJson } from '@lambda-vpc/stack-model';
import { GuardrailContext, GuardrailRule, Severity } from './rule';
import { ALL_RULES } from './rules';
import { suppressionOf } from './suppress';

/** One finding of one rule, placed in the stack. */
export interface Violation {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly stack: string;
  /** Terraform address, `type.name`. */
  readonly address: string;
  /** The construct path that produced the resource. */
  readonly constructPath: string;
  readonly message: string;
  readonly fix: string;
}

/** A finding a resource suppresses, with the justification it gives. */
export interface Suppression extends Violation {
  readonly justification: string;
}

/** What the rules found in a stack. */
export interface GuardrailReport {
  readonly errors: readonly Violation[];
  readonly warnings: readonly Violation[];
  readonly suppressed: readonly Suppression[];
}

/** Options of {@link evaluateGuardrails}. */
export interface EvaluateOptions extends GuardrailContext {
  /**
   * The rules to run.
   * @default ALL_RULES
   */
  readonly rules?: readonly GuardrailRule[];
}

/** Runs the rules over one synthesized stack. */
export function evaluateGuardrails(stackName: string, json: StackJson, options: EvaluateOptions = {}): GuardrailReport {
  const { rules = ALL_RULES, ...context } = options;
  const stack = new StackDocument(stackName, json);
  const errors: Violation[] = [];
  const warnings: Violation[] = [];
  const suppressed: Suppression[] = [];
  for (const rule of rules) {
    for (const finding of rule.check(stack, context)) {
      const violation: Violation = {
        ruleId: rule.id,
        title: rule.title,
        severity: finding.severity ?? rule.severity,
        stack: stackName,
        address: finding.resource.address,
        constructPath: finding.resource.constructPath,
        message: finding.message,
        fix: rule.fix,
      };
      const justification = suppressionOf(finding.resource, rule.id);
      if (justification !== undefined) suppressed.push({ ...violation, justification });
      else (violation.severity === 'error' ? errors : warnings).push(violation);
    }
  }
  return { errors, warnings, suppressed };
}

/** `LVB-NET-1 at dev-nat-egress/network/vpc (aws_vpc.network_vpc): the VPC has no aws_flow_log; fix: ...` */
export function formatViolation(violation: Violation): string {
  return (
    `${violation.ruleId} at ${violation.constructPath} (${violation.address}): ${violation.message}; fix: ` +
    `${violation.fix}`
  );
}

/** Guardrail errors found at synth; nothing is written. */
export class GuardrailError extends Error {
  constructor(public readonly violations: readonly Violation[]) {
    super(violations.map(formatViolation).join('\n'));
    this.name = 'GuardrailError';
  }
}
