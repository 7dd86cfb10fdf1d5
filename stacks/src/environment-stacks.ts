import { App } from 'cdktf';
import { EnvironmentConfig } from './config/environment-schema';
import { NatEgressStack } from './nat-egress/nat-egress-stack';
import { PrivateOnlyStack } from './private-only/private-only-stack';
import { PrivateLinkStack } from './privatelink/privatelink-stack';
import { BlueprintStack } from './shared/blueprint-stack';

/** Adds one environment's variant stacks to the app: `<env>-private-only`, `<env>-nat-egress`, `<env>-privatelink`. */
export function addEnvironmentStacks(app: App, config: EnvironmentConfig): BlueprintStack[] {
  return [new PrivateOnlyStack(app, config), new NatEgressStack(app, config), new PrivateLinkStack(app, config)];
}
