import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment-schema';
import { NatEgressStack } from './nat-egress/nat-egress-stack';
import { BlueprintStack } from './shared/blueprint-stack';

/** Adds one environment's variant stacks to the app: `<env>-nat-egress`. */
export function addEnvironmentStacks(app: App, config: EnvironmentConfig): BlueprintStack[] {
  return [new NatEgressStack(app, config)];
}
