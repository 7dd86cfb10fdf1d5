import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';

/** An Elastic IP for a NAT: either allocated here or brought by the caller. */
export interface NatAddress {
  /** The allocation ID (`eipalloc-...`). */
  readonly allocationId: string;
  /** The public IP, when the EIP is allocated here; unknown for a brought allocation. */
  readonly publicIp?: string;
}

/**
 * Returns one EIP per NAT: the caller's allocation IDs when given (an allow-listed address survives a
 * rebuild of the stack), new ones otherwise. A count that does not match is an error, never a silent
 * partial use.
 */
export function natAddresses(scope: Construct, name: string, azs: readonly string[], allocationIds?: readonly string[]): NatAddress[] {
  if (allocationIds !== undefined) {
    if (allocationIds.length !== azs.length) {
      throw new Error(
        `${name}: ${allocationIds.length} EIP allocation ID(s) provided, ${azs.length} NAT(s) need them ` +
          `(${azs.join(', ')}); pass exactly ${azs.length} in eipAllocationIds, or omit it to allocate new EIPs`,
      );
    }
    allocationIds.forEach((id) => {
      if (!/^eipalloc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(id)) {
        throw new Error(`${name}: "${id}" is not an EIP allocation ID; expected eipalloc- followed by 8 or 17 hex digits`);
      }
    });
    return allocationIds.map((allocationId) => ({ allocationId }));
  }
  return azs.map((az) => {
    const eip = new Eip(scope, `eip_${az}`, { domain: 'vpc', tags: { Name: `${name}-nat-${az}` } });
    return { allocationId: eip.allocationId, publicIp: eip.publicIp };
  });
}
