import { runSynth } from '@lambda-vpc/stacks';
import { environment } from './environment';

runSynth([environment]);
