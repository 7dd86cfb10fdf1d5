import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';
import { PrivateLinkStack } from './privatelink-stack';

/** The example's one stack, synthesized with the blueprint's synth: the guardrails run over it, all or nothing. */
export function synthExample(options: { readonly outdir?: string } = {}): SynthResult {
  return synthStacks(
    () => [],
    (app) => [
      new PrivateLinkStack(app, 'example-privatelink', {
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        name: 'example-privatelink',
        cidrBlock: '10.92.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      }),
    ],
    options,
  );
}
