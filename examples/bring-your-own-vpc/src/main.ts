import { reportSynth } from '@lambda-vpc/stacks';
import { synthPlatformAndTeam } from './platform-and-team';

reportSynth(() => synthPlatformAndTeam());
