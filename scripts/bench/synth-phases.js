// Reads a synth's closing line, `synth: 9 stack(s) in 234 ms (config 7, constructs 32, cdktf 169, ...)`.

/** @returns {{ inProcess: number } & Record<string, number>} the whole synth and each phase, in ms */
function synthPhases(stdout) {
  const match = /^synth: \d+ stack\(s\) in (\d+) ms \(((?:\w+ \d+(?:, )?)+)\)$/m.exec(stdout);
  if (!match) throw new Error(`the synth printed no closing line with its phases:\n${stdout.slice(-500)}`);
  const phases = Object.fromEntries(match[2].split(', ').map((part) => {
    const [phase, ms] = part.split(' ');
    return [phase, Number(ms)];
  }));
  return { inProcess: Number(match[1]), ...phases };
}

module.exports = { synthPhases };
