// The cdktf build's synthesized JSON, whichever framework build runs the tests: in the cdktn build
// (npm run framework:cdktn), the values toolkit/frameworks/allowed-differences.json allows (the framework version the
// metadata records) are put back to the cdktf build's, and nothing else is touched; in the cdktf build, the JSON as is.
import { inTermsOf } from '@lambda-vpc/tools/dist/framework/allowed-differences';
import { buildFramework } from '@lambda-vpc/tools/dist/framework/framework-instance';

/**
 * `json`, the file `file` of a cdktf.out (`stacks/<stack>/cdk.tf.json`, `manifest.json`), as the cdktf build writes it.
 */
export function asCdktfBuildWrites<T>(json: T, file: string): T {
  return inTermsOf(json, file, buildFramework(), 'cdktf');
}
