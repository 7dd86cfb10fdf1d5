import { Ipv4Cidr, StackResource } from '@lambda-vpc/stack-model';
import { aclDecision, networkAclFor } from './network-acls';
import { ReachabilityModel } from './reachability-model';
import { policyDecision, readEndpointPolicy } from './endpoint-policy';
import { ResolvedRule, securityGroupRules } from './security-groups';
import { EPHEMERAL_PORT, Flow, Target } from './targets';
import { Hop, NextHop, SubnetReach, Verdict, Via } from './types';

/** The model and the rules parsed once per stack. */
export interface AnalysisEnv {
  readonly model: ReachabilityModel;
  readonly rules: ResolvedRule[];
}

/** Builds the analysis environment of a stack. */
export function analysisEnv(model: ReachabilityModel): AnalysisEnv {
  return { model, rules: securityGroupRules(model) };
}

/** The function a trace starts from. */
export interface FunctionContext {
  readonly fn: StackResource;
  readonly vpc?: StackResource;
  readonly groups: string[];
  readonly role?: StackResource;
}

/** Where a packet comes from, as rules on the far side see it. */
export interface Source {
  readonly subnet: StackResource;
  readonly cidr: Ipv4Cidr;
  readonly groups: readonly string[];
}

/**
 * Accumulates one path: hops, every check that blocks it, where the analysis cannot follow it, and notes. Every check
 * runs, so every reason is reported.
 */
export class Trace {
  private readonly hops: Hop[];
  private readonly blocks: string[] = [];
  private readonly unknowns: string[] = [];
  private stop?: Hop;
  private readonly notes: string[] = [];
  public via?: Via;
  public policyAllows?: boolean;
  public policyOpen?: boolean;
  public egressAllowed?: boolean;
  public nextHop?: NextHop;

  constructor(
    start: Hop,
    public readonly env: AnalysisEnv,
  ) {
    this.hops = [start];
  }

  /** Appends a hop, once. */
  public hop(address: Hop): void {
    if (!this.hops.includes(address)) this.hops.push(address);
  }

  /** Records a reason the flow does not get through. */
  public block(reason: string): void {
    if (!this.blocks.includes(reason)) this.blocks.push(reason);
  }

  /**
   * Records that the analysis cannot follow the flow past `hop` (a route out of the stack, a value that is not
   * literal): the verdict is `unknown` unless a check blocks it.
   */
  public stopAt(hop: Hop, reason: string): void {
    this.stop ??= hop;
    if (!this.unknowns.includes(reason)) this.unknowns.push(reason);
  }

  /** `no` when a check blocks the flow (whatever else is unknown), `unknown` when the analysis stopped, else `yes`. */
  public get verdict(): Verdict {
    if (this.blocks.length > 0) return 'no';
    return this.unknowns.length > 0 ? 'unknown' : 'yes';
  }

  /** Records a fact that does not block. */
  public note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** Whether a check has blocked the flow so far. */
  public get blocked(): boolean {
    return this.blocks.length > 0;
  }

  /** The result for one subnet. */
  public result(subnet: StackResource): SubnetReach {
    const zone = subnet.body.availability_zone;
    const verdict = this.verdict;
    const reasons = verdict === 'no' ? this.blocks : verdict === 'unknown' ? this.unknowns : [];
    return {
      subnet: subnet.address,
      ...(typeof zone === 'string' ? { availabilityZone: zone } : {}),
      verdict,
      ...(verdict === 'unknown' ? { stoppedAt: this.stop } : {}),
      path: [...this.hops],
      ...(this.via ? { via: this.via } : {}),
      ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
      ...(this.policyAllows !== undefined
        ? { policyAllows: this.policyAllows, policyOpen: this.policyOpen ?? false }
        : {}),
      ...(this.notes.length > 0 ? { notes: [...this.notes] } : {}),
      ...(this.egressAllowed !== undefined ? { egressAllowed: this.egressAllowed } : {}),
      ...(this.nextHop ? { nextHop: this.nextHop } : {}),
    };
  }

  /**
   * A packet leaving `subnet` for `remote`: its ACL must allow it out, and (being stateless) the reply back in on
   * the ephemeral port. No declared ACL: the default ACL allows both.
   */
  public leaveSubnet(subnet: StackResource, remote: Target, flow: Flow): void {
    this.crossAcl(subnet, remote, flow, true);
  }

  /** A packet entering `subnet` from `remote`: its ACL must admit it, and let the reply out on the ephemeral port. */
  public enterSubnet(subnet: StackResource, remote: Target, flow: Flow): void {
    this.crossAcl(subnet, remote, flow, false);
  }

  private crossAcl(subnet: StackResource, remote: Target, flow: Flow, leaving: boolean): void {
    const acl = networkAclFor(this.env.model, subnet);
    if (!acl) return;
    this.hop(acl.address);
    const request = aclDecision(acl, leaving, remote, flow.protocol, flow.port);
    const reply = aclDecision(acl, !leaving, remote, flow.protocol, EPHEMERAL_PORT);
    const side = leaving ? `outbound ${flow.protocol}/${flow.port} to` : `inbound ${flow.protocol}/${flow.port} from`;
    const back = leaving
      ? `inbound ${flow.protocol}/${EPHEMERAL_PORT} from`
      : `outbound ${flow.protocol}/${EPHEMERAL_PORT} to`;
    if (!request.allowed)
      this.block(
        `network ACL ${acl.address} of ${subnet.address}: ${side} ${remote.label} is denied by ${request.rule}`,
      );
    if (!reply.allowed) {
      this.block(
        `network ACL ${acl.address} of ${subnet.address}: the reply (${back} ${remote.label}) is denied by ` +
          `${reply.rule} (network ACLs are stateless)`,
      );
    }
  }

  /** Records what an endpoint's policy says about the function's role, without blocking the network path. */
  public checkPolicy(endpoint: StackResource, role: StackResource | undefined, action: string): void {
    const policy = readEndpointPolicy(this.env.model, endpoint);
    if (policy.kind === 'unreadable') {
      this.note(`the policy of ${endpoint.address} is not literal JSON, so it was not evaluated`);
      return;
    }
    const decision = policyDecision(this.env.model, policy, role, action);
    this.policyAllows = decision.allows;
    this.policyOpen = decision.open;
    if (policy.kind === 'default-full-access')
      this.note(`${endpoint.address} has no policy: AWS applies full access for every principal`);
    if (!decision.allows)
      this.note(`the policy of ${endpoint.address} does not allow ${role?.address ?? "the function's role"} ${action}`);
  }
}

/** An address target for a source block, so ACL rules can match the far end of an inbound packet. */
export function sourceTarget(source: Source): Target {
  return { kind: 'address', cidr: source.cidr, label: `${source.subnet.address} (${source.cidr})` };
}
