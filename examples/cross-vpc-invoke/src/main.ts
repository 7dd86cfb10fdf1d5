import { reportSynth } from '@lambda-vpc/stacks';
import { synthExample } from './synth-example';

reportSynth(() => synthExample());
