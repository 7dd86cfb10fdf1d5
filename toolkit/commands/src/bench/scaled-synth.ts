// Synthesizes N stacks the project's way, for the scaling measurement: node scaled-synth.js <stacks>, where
// N is a multiple of 3 (one environment holds the three variants). Writes to $CDKTF_OUTDIR like every synth.
import { loadEnvironmentApps, runSynth, VARIANTS } from '@lambda-vpc/stacks';
import { repositoryRoot } from '../repository-root';
import { MAX_ENVIRONMENTS, scaledEnvironments } from './scaled-environments';

const stacks = Number(process.argv[2]);
if (
  !Number.isInteger(stacks) ||
  stacks % VARIANTS.length !== 0 ||
  stacks < VARIANTS.length ||
  stacks > MAX_ENVIRONMENTS * VARIANTS.length
) {
  console.error(
    `scaled-synth: stacks must be a multiple of ${VARIANTS.length} from ${VARIANTS.length} to ` +
      `${MAX_ENVIRONMENTS * VARIANTS.length}, got ${process.argv[2]}`,
  );
  process.exit(1);
}
const real = loadEnvironmentApps(repositoryRoot).map((app) => app.values);
runSynth(scaledEnvironments(stacks / VARIANTS.length, real));
