// cdktf records a full, unlimited-depth stack trace for every token it creates (each attribute reference,
// Lazy value and Fn call) and shows it only when that token later fails to resolve. aws-cdk records them
// only in debug mode; a synth here does the same, which saves about a sixth of its time
// (docs/performance.md). The framework is pinned, and a test fails if this hook stops taking effect.
import * as stackTraceModule from 'cdktf/lib/tokens/private/stack-trace';

/** The environment variable that keeps creation stacks (and prints stack traces of unexpected errors). */
export const DEBUG_VARIABLE = 'LAMBDA_VPC_DEBUG';

/** What a token's creation stack reads when it was not recorded. */
export const CREATION_STACK_HINT = `creation stack not recorded: set ${DEBUG_VARIABLE}=1 and synthesize again`;

// cdktf's tokens call captureStackTrace; CDK Terrain's (the cdktn build) call captureCreationStack, which calls
// its own captureStackTrace directly, so there the hook replaces captureCreationStack.
type CaptureName = 'captureStackTrace' | 'captureCreationStack';
const stackTrace = stackTraceModule as unknown as Record<CaptureName, () => string[]>;
const TOKEN_CAPTURE: CaptureName = 'captureCreationStack' in stackTrace ? 'captureCreationStack' : 'captureStackTrace';

/** Runs `synthesize` with token creation stacks off, unless LAMBDA_VPC_DEBUG is set; restores them after. */
export function withoutCreationStacks<T>(synthesize: () => T): T {
  if (process.env[DEBUG_VARIABLE]) return synthesize();
  const capture = stackTrace[TOKEN_CAPTURE];
  stackTrace[TOKEN_CAPTURE] = () => [CREATION_STACK_HINT];
  try {
    return synthesize();
  } finally {
    stackTrace[TOKEN_CAPTURE] = capture;
  }
}
