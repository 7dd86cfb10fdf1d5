import { reportSynth } from '@lambda-vpc/stacks';
import { synthOrdersApp } from './orders-app';

reportSynth(() => synthOrdersApp());
