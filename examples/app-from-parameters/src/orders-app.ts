import { awsEnvironment } from '@lambda-vpc/network';
import { synthStacks, SynthResult } from '@lambda-vpc/stacks';
import { OrdersAppStack, PlatformLocation } from './orders-app-stack';

/**
 * The platform environment the team deploys into, as the team's repository writes it: the environment's name and its
 * account and region, nothing else of the platform. Here, this repository's dev environment.
 */
export const PLATFORM: PlatformLocation = {
  environment: 'dev',
  awsEnvironment: awsEnvironment('111111111111', 'eu-west-1'),
};

/** Options of {@link synthOrdersApp}. */
export interface OrdersAppOptions {
  /**
   * The platform environment.
   * @default PLATFORM
   */
  readonly platform?: PlatformLocation;
  /**
   * Where the stack goes.
   * @default $CDKTF_OUTDIR when run by the cdktf CLI, else `cdktf.out`
   */
  readonly outdir?: string;
}

/**
 * The team's app, `<env>-orders`, synthesized through the blueprint's synth: the guardrails check it, and emulator
 * mode (LAMBDA_VPC_EMULATOR_ENDPOINT) points it at a local AWS emulator as it does the platform's stacks.
 */
export function synthOrdersApp(options: OrdersAppOptions = {}): SynthResult {
  const platform = options.platform ?? PLATFORM;
  const team = `${platform.environment}-orders`;
  return synthStacks(
    () => [],
    (app) => [new OrdersAppStack(app, team, { platform, team })],
    { outdir: options.outdir },
  );
}
