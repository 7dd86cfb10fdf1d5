// What every hop of a cross-stack invocation reads: the two stacks merged into one model (stack-model's LinkedStacks
// resolves cdktf's cross-stack references), the caller function's side and the endpoint's side.
import { asList, Ipv4Cidr, LinkedStacks, StackDocument, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { AnalysisEnv } from './trace';
import { InvocationHop, InvocationHopName } from './invocation-types';
import { Verdict } from './types';

/** A subnet with its literal IPv4 block. */
export interface PlacedSubnet {
  readonly subnet: StackResource;
  readonly cidr: Ipv4Cidr;
}

/** One side of the invocation: a VPC, the subnets used in it, their security groups. */
export interface InvocationSide {
  readonly stack: StackDocument;
  readonly region: string;
  readonly account?: string;
  readonly vpc: StackResource;
  readonly subnets: readonly PlacedSubnet[];
  readonly groups: readonly string[];
}

/** The merged model and both sides, once the caller function and the endpoint are found. */
export interface InvocationContext {
  readonly linked: LinkedStacks;
  readonly model: ReachabilityModel;
  readonly env: AnalysisEnv;
  readonly fn: StackResource;
  readonly role?: StackResource;
  readonly caller: InvocationSide;
  readonly endpoint: StackResource;
  readonly target: InvocationSide;
  readonly targetFunction?: StackResource;
}

/** A hop's verdict with its detail written in the stacks' own addresses. */
export function hopOf(linked: LinkedStacks, hop: InvocationHopName, verdict: Verdict, detail: string): InvocationHop {
  return { hop, verdict, detail: linked.display(detail) };
}

/** What a hop's checks found: each blocking finding, each that could not be known, each that passed. */
export interface HopFindings {
  readonly no: string[];
  readonly unknown: string[];
  readonly yes: string[];
}

/** Findings before any check. */
export const noFindings = (): HopFindings => ({ no: [], unknown: [], yes: [] });

/**
 * A hop from the findings of its checks: `no` when any blocks (every blocking finding named), else `unknown` when any
 * could not be known, else `yes` with what was found.
 */
export function hopFrom(linked: LinkedStacks, hop: InvocationHopName, findings: HopFindings): InvocationHop {
  const unique = (items: string[]) => [...new Set(items)].join('; ');
  if (findings.no.length > 0) return hopOf(linked, hop, 'no', unique(findings.no));
  if (findings.unknown.length > 0) return hopOf(linked, hop, 'unknown', unique(findings.unknown));
  return hopOf(linked, hop, 'yes', unique(findings.yes));
}

/** Why a reference the analysis needs does not lead to a resource: an unresolved remote state, or an outside ID. */
export function unresolvedReason(linked: LinkedStacks, value: unknown, what: string): string {
  const text = String(value);
  const miss = linked.unresolved.find((u) => text.includes(u.reference));
  if (miss) return `${what} ${text} does not resolve: ${miss.reason}`;
  return text.includes('${')
    ? `${what} ${text} does not resolve to a resource of either stack`
    : `${what} ${text} is not declared in either stack`;
}

/** The region and account a stack's AWS provider names (the region also from its subnets' AZs). */
export function providerOf(stack: StackDocument): { region: string; account?: string } {
  const model = new ReachabilityModel(stack.stackName, stack.json);
  return { region: model.region, ...(model.accountId ? { account: model.accountId } : {}) };
}

/** The merged model of the two stacks: regions and service names of the target, account of the caller. */
export function linkedModel(
  caller: StackDocument,
  target: StackDocument,
): { linked: LinkedStacks; model: ReachabilityModel } {
  const linked = new LinkedStacks([caller, target]);
  const account = providerOf(caller).account;
  const model = new ReachabilityModel(linked.document.stackName, {
    ...linked.document.json,
    provider: { aws: [{ region: providerOf(target).region, ...(account ? { allowed_account_ids: [account] } : {}) }] },
  });
  return { linked, model };
}

/** `aws_lambda_function.<name>` for a bare name; an address as given. */
export const functionAddress = (name: string): string => (name.includes('.') ? name : `aws_lambda_function.${name}`);

/** The caller function's merged address: named, or the caller stack's one VPC-attached function. */
export function callerFunctionAddress(linked: LinkedStacks, caller: StackDocument, name?: string): string {
  const attached = caller
    .resources('aws_lambda_function')
    .filter((fn) => asList((asList(fn.body.vpc_config)[0] as TerraformBlock | undefined)?.subnet_ids).length > 0)
    .map((fn) => fn.address);
  if (name !== undefined) {
    const address = functionAddress(name);
    const merged = linked.mergedAddress(caller.stackName, address);
    if (!merged || !address.startsWith('aws_lambda_function.')) {
      const all = caller.resources('aws_lambda_function').map((fn) => fn.address);
      throw new Error(
        `function "${name}" is not an aws_lambda_function of stack ${caller.stackName}; allowed: ` +
          `${all.join(', ') || 'none (the stack has no function)'}`,
      );
    }
    return merged;
  }
  if (attached.length !== 1) {
    throw new Error(
      `stack ${caller.stackName} has ${attached.length} VPC-attached functions; name the caller with --function ` +
        `(allowed: ${attached.join(', ') || 'none'})`,
    );
  }
  return linked.mergedAddress(caller.stackName, attached[0]!)!;
}

/** The subnets among `subnets` with a literal block; the rest are named in `missing`. */
export function placedSubnets(
  model: ReachabilityModel,
  subnets: readonly StackResource[],
): { placed: PlacedSubnet[]; missing: string[] } {
  const placed: PlacedSubnet[] = [];
  const missing: string[] = [];
  for (const subnet of subnets) {
    const cidr = model.subnetCidr(subnet);
    if (cidr) placed.push({ subnet, cidr });
    else missing.push(subnet.address);
  }
  return { placed, missing };
}
