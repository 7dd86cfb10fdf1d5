import * as path from 'node:path';

/** The repository root: this module compiles to toolkit/commands/dist/repository-root.js. */
export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
