import { NatEgressStack } from '@lambda-vpc/example-nat-egress';
import { NatStrategy } from '@lambda-vpc/nat';
import { awsEnvironment, DualStack } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';

/** Options of {@link synthExample}. */
export interface SynthExampleOptions {
  /**
   * Where the stack goes (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR when set (the cdktf CLI and `npm run e2e:examples` set it), else `cdktf.out`
   */
  readonly outdir?: string;
  /**
   * The NAT strategy of the IPv4 side.
   * @default NatStrategy.singleGateway(): IPv4 is what is left once IPv6 leaves without NAT
   */
  readonly natStrategy?: NatStrategy;
}

/**
 * The example's one stack: the nat-egress example's stack (`NatEgressStack`, the variant's pattern with a team's table
 * and function) with IPv6 egress on, synthesized with the blueprint's synth, so the guardrails run over it. With
 * `LAMBDA_VPC_EMULATOR_ENDPOINT` set it is synthesized for the local emulator (fake credentials, throwaway state).
 */
export function synthExample(options: SynthExampleOptions = {}): SynthResult {
  return synthStacks(
    () => [],
    (app) => [
      new NatEgressStack(app, 'example-ipv6-egress', {
        environment: awsEnvironment('123456789012', 'eu-west-1'),
        name: 'example-ipv6-egress',
        cidrBlock: '10.97.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        // A name with an AAAA record only: reached over IPv6 through the egress-only gateway, or not at all.
        url: 'https://ipv6.google.com/',
        natStrategy: options.natStrategy ?? NatStrategy.singleGateway(),
        ipv6: DualStack.egressOnlyGateway(),
        example: 'ipv6-egress',
      }),
    ],
    { outdir: options.outdir },
  );
}
