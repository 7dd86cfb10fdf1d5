import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';
import { CallerStack } from './caller-stack';
import { TargetStack } from './target-stack';

/** The example's account and region, CIDRs and names. */
export const CROSS_VPC = {
  environment: awsEnvironment('123456789012', 'eu-west-1'),
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  target: { stack: 'example-cross-vpc-target', cidrBlock: '10.94.0.0/16' },
  caller: { stack: 'example-cross-vpc-caller', cidrBlock: '10.95.0.0/16' },
} as const;

/** Options of {@link synthExample}. */
export interface SynthExampleOptions {
  /**
   * Where the stacks go (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else `cdktf.out`
   */
  readonly outdir?: string;
}

/**
 * The example's two stacks, in apply order (target, then caller), synthesized with the blueprint's synth: the
 * guardrails run over both, all or nothing, and emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT) points both at a local
 * AWS emulator.
 */
export function synthExample(options: SynthExampleOptions = {}): SynthResult {
  const { environment, availabilityZones, target, caller } = CROSS_VPC;
  const callerFunction = `${caller.stack}-function`;
  return synthStacks(
    () => [],
    (app) => {
      const targetStack = new TargetStack(app, target.stack, {
        environment,
        name: target.stack,
        cidrBlock: target.cidrBlock,
        availabilityZones,
        callerCidr: caller.cidrBlock,
        // The caller's role is named after its function: the policy can name it before the caller stack exists.
        callerPrincipals: [`arn:${environment.partition}:iam::${environment.accountId}:role/${callerFunction}`],
      });
      const callerStack = new CallerStack(app, caller.stack, {
        environment,
        name: caller.stack,
        cidrBlock: caller.cidrBlock,
        availabilityZones,
        target: targetStack,
      });
      return [targetStack, callerStack];
    },
    { outdir: options.outdir },
  );
}
