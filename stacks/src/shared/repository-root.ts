import * as path from 'node:path';

/** The repository's root folder: paths in the environment config (a function's `entry` or `zip`) are below it. */
// This file runs from stacks/dist/shared/ (or stacks/src/shared/ under jest): three levels below the root.
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');
