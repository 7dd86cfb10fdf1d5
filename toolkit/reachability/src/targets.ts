import { Ipv4Cidr, StackResource } from '@lambda-vpc/stack-model';

/**
 * Where a flow is headed, in the terms rules and routes match on:
 * - `address`: a concrete block (the representative public address for "the internet", or a queried CIDR);
 * - `service`: an AWS public service addressed by its AWS-managed prefix list (DynamoDB, S3). Its addresses are
 *   not in the JSON, so only a route or rule naming that prefix list, or one covering every address (`/0`),
 *   is known to cover it;
 * - `endpoint`: an interface endpoint's ENI, reached at an address in one of the endpoint's subnets.
 */
export type Target =
  | { readonly kind: 'address'; readonly cidr: Ipv4Cidr; readonly label: string }
  | { readonly kind: 'service'; readonly service: string; readonly label: string }
  | {
      readonly kind: 'endpoint';
      readonly endpoint: StackResource;
      readonly subnet: StackResource;
      readonly cidr: Ipv4Cidr;
      readonly groups: string[];
      readonly label: string;
    };

/** One direction of a connection: what the function opens. Replies are implied (and checked where stateless). */
export interface Flow {
  readonly target: Target;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
}

/**
 * The port replies return to. Lambda's runtime is Linux, whose ephemeral range starts at 32768; a network ACL
 * must let the reply in on it. One representative port stands for the range.
 */
export const EPHEMERAL_PORT = 32768;

/** The HTTPS port every AWS API (and the blueprints' probes) use. */
export const HTTPS_PORT = 443;

/** The target's addresses as one block, where it has one. */
export function targetCidr(target: Target): Ipv4Cidr | undefined {
  return target.kind === 'service' ? undefined : target.cidr;
}

/** Whether `cidr` covers every address the target may use (for a service: only a block of every address). */
export function cidrCovers(cidr: Ipv4Cidr, target: Target): boolean {
  const block = targetCidr(target);
  return block ? cidr.contains(block) : cidr.prefixLength === 0;
}

/** Whether `cidr` shares any address with the target (for a service: only a block of every address is known to). */
export function cidrTouches(cidr: Ipv4Cidr, target: Target): boolean {
  const block = targetCidr(target);
  return block ? cidr.overlaps(block) : cidr.prefixLength === 0;
}

/** `tcp/443 to <label>`, for messages. */
export function describeFlow(flow: Flow): string {
  return `${flow.protocol}/${flow.port} to ${flow.target.label}`;
}
