import { NatEgressStack } from '@lambda-vpc/example-nat-egress';
import { NatStrategy } from '@lambda-vpc/nat';
import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';

/** Options of {@link synthExample}. */
export interface SynthExampleOptions {
  /**
   * Where the stack goes (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR when run by the cdktf CLI or `npm run e2e:examples`, else `cdktf.out`
   */
  readonly outdir?: string;
  /**
   * Existing EIP allocation IDs, one per AZ, for egress addresses partners allow-list.
   * @default new EIPs are allocated
   */
  readonly eipAllocationIds?: readonly string[];
}

/**
 * The example's one stack: examples/nat-egress's stack (the variant's `NatEgressPattern`, a function calling the
 * internet, its table) with a self-healing NAT instance in each of two AZs instead of NAT gateways. Synthesized with
 * the blueprint's synth: the guardrails run over it, all or nothing, and LAMBDA_VPC_EMULATOR_ENDPOINT points it at a
 * local emulator (`npm run e2e:examples`).
 */
export function synthExample(options: SynthExampleOptions = {}): SynthResult {
  return synthStacks(
    () => [],
    (app) => [
      new NatEgressStack(app, 'example-self-healing-nat', {
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        name: 'example-self-healing-nat',
        cidrBlock: '10.97.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        url: 'https://example.com/',
        natStrategy: NatStrategy.selfHealingInstance({ eipAllocationIds: options.eipAllocationIds }),
        example: 'self-healing-nat',
      }),
    ],
    { outdir: options.outdir },
  );
}
