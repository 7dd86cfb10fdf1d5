import * as path from 'node:path';
import { FunctionCode } from '@lambda-vpc/lambda';

/**
 * The code of a demo handler `stacks/functions/<name>/index.ts`, compiled by `npm run build` into
 * `dist/functions/<name>/`.
 */
export function demoFunctionCode(name: string): FunctionCode {
  // This file runs from dist/shared/, beside dist/functions/.
  return FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', name));
}
