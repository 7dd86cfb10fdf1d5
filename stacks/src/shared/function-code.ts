import * as path from 'node:path';
import { FunctionCode } from '@lambda-vpc/lambda';

/** The demo handlers, compiled by `npm run build` into `dist/functions/<name>/index.js`. */
export type DemoFunction = 'egress-probe' | 'private-probe' | 'invoke-caller' | 'invoke-target';

/** The code of a demo handler: its compiled directory, zipped into the stack folder at synth. */
export function demoFunctionCode(name: DemoFunction): FunctionCode {
  // This file runs from dist/shared/, beside dist/functions/.
  return FunctionCode.fromDirectory(path.join(__dirname, '..', 'functions', name));
}
