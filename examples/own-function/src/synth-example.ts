import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';
import { OwnFunctionStack } from './own-function-stack';

/** The example's one stack, synthesized with the blueprint's synth: the guardrails run over it, all or nothing. */
export function synthExample(options: { readonly outdir?: string } = {}): SynthResult {
  return synthStacks(
    () => [],
    (app) => [
      new OwnFunctionStack(app, 'example-own-function', {
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        name: 'example-own-function',
        cidrBlock: '10.93.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        signingKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:example-own-function/signing-key',
      }),
    ],
    options,
  );
}
