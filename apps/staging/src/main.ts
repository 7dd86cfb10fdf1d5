import * as path from 'node:path';
import { runEnvironmentApp } from '@lambda-vpc/stacks';
import { environment } from './environment';

// The app's folder: its name must match it, and its values are checked against every other app's.
runEnvironmentApp(environment, path.join(__dirname, '..'));
