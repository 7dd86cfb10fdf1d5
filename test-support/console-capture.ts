// What a synth report prints, captured per test: the stacks and bootstrap tests read the exact lines.

/**
 * What the synth reports print in each test of the calling `describe`: console.log and console.error lines
 * (warnings silenced), with process.exitCode reset before and after each test.
 */
export function captureConsole(): { readonly logs: string[]; readonly errors: string[] } {
  const captured = { logs: [] as string[], errors: [] as string[] };
  beforeEach(() => {
    captured.logs.length = 0;
    captured.errors.length = 0;
    jest.spyOn(console, 'log').mockImplementation((line: string) => {
      captured.logs.push(line);
    });
    jest.spyOn(console, 'error').mockImplementation((line: string) => {
      captured.errors.push(line);
    });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  return captured;
}
