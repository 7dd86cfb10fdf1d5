// Emulator mode is read from the process environment at synth time; tests set it around one synth at a time.
import { EMULATOR_VARIABLE } from '@lambda-vpc/stacks';

/** Runs `body` with LAMBDA_VPC_EMULATOR_ENDPOINT set to `value` (or unset), then restores the variable. */
export function withEmulatorVariable<T>(value: string | undefined, body: () => T): T {
  const before = process.env[EMULATOR_VARIABLE];
  if (value === undefined) delete process.env[EMULATOR_VARIABLE];
  else process.env[EMULATOR_VARIABLE] = value;
  try {
    return body();
  } finally {
    if (before === undefined) delete process.env[EMULATOR_VARIABLE];
    else process.env[EMULATOR_VARIABLE] = before;
  }
}
