// Reads a synth's closing line, `synth: 9 stack(s) in 234 ms (config 7, constructs 32, cdktf 169, ...)`.

/** The whole synth (`inProcess`) and each phase, in ms. */
export type SynthPhaseFigures = { readonly inProcess: number } & Readonly<Record<string, number>>;

/** The whole synth and each phase of a synth's standard output, in ms. */
export function synthPhases(stdout: string): SynthPhaseFigures {
  const match = /^synth: \d+ stack\(s\) in (\d+) ms \(((?:\w+ \d+(?:, )?)+)\)$/m.exec(stdout);
  if (!match) throw new Error(`the synth printed no closing line with its phases:\n${stdout.slice(-500)}`);
  const phases = Object.fromEntries(
    match[2].split(', ').map((part) => {
      const [phase, ms] = part.split(' ');
      return [phase, Number(ms)];
    }),
  );
  return { inProcess: Number(match[1]), ...phases };
}
