// The environment values the stacks and bootstrap tests synthesize: one valid environment, overridden per test.
import { EnvironmentValues } from '@lambda-vpc/stacks';

/** A valid environment; tests override what they exercise. */
export function environmentValues(overrides: Partial<EnvironmentValues> = {}): EnvironmentValues {
  return {
    name: 'test',
    region: 'eu-west-1',
    accountId: '123456789012',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    variants: variantsAt(50),
    ...overrides,
  };
}

type NatStrategyName = 'gateway-per-az' | 'single-gateway' | 'instance' | 'self-healing-instance';

/** The three variants in 10.<n>.0.0/16 (private-only), 10.<n+1> (nat-egress) and 10.<n+2> (privatelink). */
export function variantsAt(n: number, strategy: NatStrategyName = 'single-gateway'): EnvironmentValues['variants'] {
  return {
    privateOnly: { cidr: `10.${n}.0.0/16` },
    natEgress: { cidr: `10.${n + 1}.0.0/16`, nat: { strategy } },
    privatelink: { cidr: `10.${n + 2}.0.0/16` },
  };
}
