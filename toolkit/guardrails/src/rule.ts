import { NetworkIntent, StackDocument, StackResource } from '@lambda-vpc/stack-model';

/** An error stops synth; a warning is printed and synth goes on. */
export type Severity = 'error' | 'warning';

/** One resource that breaks a rule. */
export interface Finding {
  /** The offending resource. */
  readonly resource: StackResource;
  /** What is wrong with it, specifically. */
  readonly message: string;
  /**
   * Downgrades this finding to a warning, e.g. full access taken by explicit opt-in.
   * @default the rule's severity
   */
  readonly severity?: Severity;
}

/** What a rule knows of a stack beyond its JSON. */
export interface GuardrailContext {
  /**
   * What the stack's variant promises about its network paths (the variant module's intent).
   * @default none: the rules that hold a stack to its intent do not check it
   */
  readonly intent?: NetworkIntent;
  /**
   * The folder that holds the stack's `cdk.tf.json`, where the files it names (function packages) are.
   * @default none: the rules that read those files do not check them
   */
  readonly stackDirectory?: string;
}

/** A policy rule checked on every synthesized stack. */
export interface GuardrailRule {
  /** Stable ID, `LVB-<AREA>-<n>`, used in messages, suppressions and docs/guardrails.md. */
  readonly id: string;
  /** What the rule requires, one line. */
  readonly title: string;
  /** Severity of its findings. */
  readonly severity: Severity;
  /** The same rule in scanners: checkov `CKV_*`, Security Hub FSBP controls. */
  readonly scannerEquivalents: readonly string[];
  /** How to fix a finding. */
  readonly fix: string;
  /** The findings in one stack. */
  check(stack: StackDocument, context: GuardrailContext): Finding[];
}
