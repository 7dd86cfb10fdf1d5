import { Verdict } from './types';

/**
 * The hops of an invocation from a caller VPC through a Lambda interface endpoint in another VPC, in order: the
 * caller function and its subnets; the endpoint; the caller subnets' route to the endpoint's subnets; the join (a
 * peering connection or a transit gateway with both VPCs attached); the endpoint subnets' route back; the endpoint's
 * security group admitting the caller; the caller's security group letting it out; the network ACLs of both sides;
 * DNS for `lambda.<region>.amazonaws.com` in the caller VPC; the endpoint policy.
 */
export type InvocationHopName =
  | 'caller'
  | 'endpoint'
  | 'route-from-caller'
  | 'join'
  | 'route-back'
  | 'endpoint-ingress'
  | 'caller-egress'
  | 'network-acls'
  | 'dns'
  | 'endpoint-policy';

/** Every hop, in order. */
export const INVOCATION_HOPS: readonly InvocationHopName[] = [
  'caller',
  'endpoint',
  'route-from-caller',
  'join',
  'route-back',
  'endpoint-ingress',
  'caller-egress',
  'network-acls',
  'dns',
  'endpoint-policy',
];

/** How the report names a hop. */
export const INVOCATION_HOP_LABELS: Readonly<Record<InvocationHopName, string>> = {
  caller: 'caller function',
  endpoint: 'Lambda interface endpoint',
  'route-from-caller': 'route from the caller',
  join: 'join',
  'route-back': 'route back',
  'endpoint-ingress': 'endpoint security group',
  'caller-egress': 'caller security group',
  'network-acls': 'network ACLs',
  dns: 'DNS',
  'endpoint-policy': 'endpoint policy',
};

/**
 * One hop's verdict (`unknown`: a value it needs cannot be known from the JSON). Addresses are written
 * `<stack>:<address>`.
 */
export interface InvocationHop {
  readonly hop: InvocationHopName;
  readonly verdict: Verdict;
  /** What was found (yes), what blocks (no), or where the analysis stopped (unknown). */
  readonly detail: string;
}

/** Whether the caller function invokes Lambda through the endpoint in the other stack, hop by hop. */
export interface InvocationAcrossStacks {
  /** `<stack>:aws_lambda_function.<name>`. */
  readonly caller: string;
  /** `<stack>:aws_vpc_endpoint.<name>`, when the target stack has a Lambda interface endpoint. */
  readonly endpoint?: string;
  /** The function invoked, when named. */
  readonly targetFunction?: string;
  /**
   * `yes` when every hop is yes; `no` when a hop blocks (even if another is unknown); else `unknown`. Hops after the
   * caller or the endpoint are not evaluated when either is not found.
   */
  readonly verdict: Verdict;
  /** The hops that block (`no`), or where the analysis stopped (`unknown`); empty for `yes`. */
  readonly blockedAt: InvocationHopName[];
  readonly hops: InvocationHop[];
  /** Facts that do not change the verdict, and what is not modeled. */
  readonly notes: string[];
}

/** Options of {@link analyzeInvocationAcrossStacks}. */
export interface InvocationAcrossStacksOptions {
  /**
   * The calling function in the caller stack: `aws_lambda_function.<name>` or the name.
   * @default the caller stack's one VPC-attached function (an error when it has none or several)
   */
  readonly callerFunction?: string;
  /**
   * The function invoked, in the target stack: the endpoint policy must allow invoking it, not only some function.
   * @default any function: only the principal and the action are checked
   */
  readonly targetFunction?: string;
}
