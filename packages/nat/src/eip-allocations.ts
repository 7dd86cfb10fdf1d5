import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';

/** An Elastic IP for a NAT: either allocated here or brought by the caller. */
export interface NatAddress {
  /** The allocation ID (`eipalloc-...`). */
  readonly allocationId: string;
  /** The public IP, when the EIP is allocated here; unknown for a brought allocation. */
  readonly publicIp?: string;
}

/** A problem with brought EIP allocation IDs: of one ID (`index`), or of the list. */
export interface EipAllocationProblem {
  /**
   * The position of the ID at fault in the list.
   * @default the list as a whole (its length)
   */
  readonly index?: number;
  /** What is wrong, and what is allowed. */
  readonly message: string;
}

/**
 * What is wrong with brought EIP allocation IDs: each must be `eipalloc-` and 8 or 17 hex digits (the old and new
 * ID lengths), and there must be exactly one per NAT, never a silent partial use.
 * @param natCount how many NATs need them; omitted, the count is not checked (the strategy is not known yet)
 * @param strategy the strategy's name, for the count's message
 */
export function eipAllocationProblems(
  allocationIds: readonly unknown[],
  natCount?: number,
  strategy?: string,
): EipAllocationProblem[] {
  const problems: EipAllocationProblem[] = allocationIds.flatMap((id, index) =>
    typeof id === 'string' && /^eipalloc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(id)
      ? []
      : [{ index, message: 'is not an EIP allocation ID; allowed: eipalloc- followed by 8 or 17 hex digits' }],
  );
  if (natCount !== undefined && allocationIds.length !== natCount) {
    const nats = strategy === undefined ? `${natCount} NAT(s)` : `${natCount} NAT(s) of strategy ${strategy}`;
    problems.push({
      message:
        `${allocationIds.length} EIP allocation ID(s) provided, ${nats} need them; ` +
        `allowed: exactly ${natCount}, or none to allocate new EIPs`,
    });
  }
  return problems;
}

/**
 * Returns one EIP per NAT: the caller's allocation IDs when given (an allow-listed address survives a
 * rebuild of the stack), new ones otherwise.
 */
export function natAddresses(
  scope: Construct,
  name: string,
  strategy: string,
  azs: readonly string[],
  allocationIds?: readonly string[],
): NatAddress[] {
  if (allocationIds !== undefined) {
    const problems = eipAllocationProblems(allocationIds, azs.length, strategy).map(
      ({ index, message }) =>
        (index === undefined
          ? `eipAllocationIds = ${JSON.stringify(allocationIds)}`
          : `eipAllocationIds.${index} = ${JSON.stringify(allocationIds[index])}`) + `: ${message}`,
    );
    if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
    return allocationIds.map((allocationId) => ({ allocationId }));
  }
  return azs.map((az) => {
    const eip = new Eip(scope, `eip_${az}`, { domain: 'vpc', tags: { Name: `${name}-nat-${az}` } });
    return { allocationId: eip.allocationId, publicIp: eip.publicIp };
  });
}
