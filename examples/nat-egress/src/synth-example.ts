import { NatStrategy } from '@lambda-vpc/nat';
import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';
import { NatEgressStack } from './nat-egress-stack';

/** Options of {@link synthExample}. */
export interface SynthExampleOptions {
  /**
   * Where the stack goes (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else `cdktf.out`
   */
  readonly outdir?: string;
  /**
   * The NAT strategy.
   * @default NatStrategy.gatewayPerAz()
   */
  readonly natStrategy?: NatStrategy;
}

/** The example's one stack, synthesized with the blueprint's synth: the guardrails run over it, all or nothing. */
export function synthExample(options: SynthExampleOptions = {}): SynthResult {
  return synthStacks(
    () => [],
    (app) => [
      new NatEgressStack(app, 'example-nat-egress', {
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        name: 'example-nat-egress',
        cidrBlock: '10.91.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        url: 'https://example.com/',
        natStrategy: options.natStrategy,
      }),
    ],
    { outdir: options.outdir },
  );
}
