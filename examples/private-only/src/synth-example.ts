import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';
import { PrivateOnlyStack } from './private-only-stack';

/** The example's one stack, synthesized with the blueprint's synth: the guardrails run over it, all or nothing. */
export function synthExample(options: { readonly outdir?: string } = {}): SynthResult {
  return synthStacks(
    () => [],
    (app) => [
      new PrivateOnlyStack(app, 'example-private-only', {
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        name: 'example-private-only',
        cidrBlock: '10.90.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        importBucketName: 'example-orders-import-123456789012',
      }),
    ],
    options,
  );
}
