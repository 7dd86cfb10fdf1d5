import { NatStrategy } from '@lambda-vpc/nat';
import type { NatEgressSettings } from './nat-egress-variant';

/** The NAT strategy an environment's config names. */
export function natStrategyOf(nat: NatEgressSettings['nat']): NatStrategy {
  switch (nat.strategy) {
    case 'gateway-per-az':
      return NatStrategy.gatewayPerAz({ eipAllocationIds: nat.eipAllocationIds });
    case 'single-gateway':
      return NatStrategy.singleGateway({ eipAllocationIds: nat.eipAllocationIds });
    case 'instance':
      return NatStrategy.instance({ instanceType: nat.instanceType, eipAllocationIds: nat.eipAllocationIds });
    case 'self-healing-instance':
      return NatStrategy.selfHealingInstance({
        instanceType: nat.instanceType,
        eipAllocationIds: nat.eipAllocationIds,
      });
  }
}
