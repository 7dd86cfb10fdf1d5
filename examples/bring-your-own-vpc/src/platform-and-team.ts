import { App } from 'cdktf';
import {
  EnvironmentConfig,
  EnvironmentInput,
  NatEgressStack,
  synthEnvironments,
  SynthOptions,
  SynthResult,
} from '@lambda-vpc/stacks';
import { awsEnvironment } from '@lambda-vpc/network';
import { TeamFunctionsStack } from './team-functions-stack';

/** The platform's environment: the nat-egress VPC the team's function goes into. */
export const PLATFORM: EnvironmentInput = {
  name: 'platform',
  region: 'eu-west-1',
  accountId: '123456789012',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  variants: { natEgress: { cidr: '10.70.0.0/16', nat: { strategy: 'single-gateway' } } },
};

/**
 * Adds the team's stack beside the platform's: it takes the platform's Network object itself, so every ID it
 * reads (VPC, subnets) becomes a cross-stack reference that cdktf wires through the platform stack's outputs.
 */
export function addTeamStack(app: App, configs: readonly EnvironmentConfig[]): void {
  for (const config of configs) {
    const platform = app.node.tryFindChild(`${config.name}-nat-egress`);
    if (!(platform instanceof NatEgressStack))
      throw new Error(`${config.name} deploys no nat-egress VPC for the team's function`);
    new TeamFunctionsStack(app, `${config.name}-team-orders`, {
      network: platform.network,
      environment: awsEnvironment(config.accountId, config.region),
      team: `${config.name}-orders`,
    });
  }
}

/** The platform's stacks and the team's, synthesized together (guardrails run over both). */
export function synthPlatformAndTeam(options: Omit<SynthOptions, 'addStacks'> = {}): SynthResult {
  return synthEnvironments([PLATFORM], { ...options, addStacks: addTeamStack });
}
