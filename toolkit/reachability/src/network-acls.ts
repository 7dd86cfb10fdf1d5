import { asList, Ipv4Cidr, numberOf, protocolName, StackResource, TerraformBlock } from '@lambda-vpc/stack-model';
import { ReachabilityModel } from './reachability-model';
import { protocolAndPortMatch } from './security-groups';
import { cidrCovers, cidrTouches, Target } from './targets';

/** One numbered network ACL rule. */
export interface NetworkAclRule {
  /** The aws_network_acl_rule, or `<acl> egress[i]` for an inline block. */
  readonly address: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: string;
  readonly allow: boolean;
  /** Undefined for an IPv6 rule, which never matches the IPv4 flows analyzed here. */
  readonly cidr?: Ipv4Cidr;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/** A network ACL with its rules in evaluation order. */
export interface NetworkAcl {
  readonly address: string;
  readonly rules: NetworkAclRule[];
}

/** What a network ACL decided for one packet direction. */
export interface AclDecision {
  readonly allowed: boolean;
  /** The rule that decided, or `default deny` when none matched. */
  readonly rule: string;
}

function inlineRules(acl: StackResource): NetworkAclRule[] {
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    asList(acl.body[direction]).map((item, index) => {
      const body = item as TerraformBlock;
      const protocol = protocolName(body.protocol);
      return {
        address: `${acl.address} ${direction}[${index}]`,
        ruleNumber: numberOf(body.rule_no) ?? 0,
        egress: direction === 'egress',
        protocol,
        allow: String(body.action).toLowerCase() === 'allow',
        cidr: Ipv4Cidr.read(body.cidr_block),
        fromPort: protocol === 'all' ? undefined : numberOf(body.from_port),
        toPort: protocol === 'all' ? undefined : numberOf(body.to_port),
      };
    }),
  );
}

function separateRules(model: ReachabilityModel, acl: StackResource): NetworkAclRule[] {
  return model
    .all('aws_network_acl_rule')
    .filter((rule) => model.refersTo(rule.body.network_acl_id, acl))
    .map((rule) => {
      const protocol = protocolName(rule.body.protocol);
      return {
        address: rule.address,
        ruleNumber: numberOf(rule.body.rule_number) ?? 0,
        egress: rule.body.egress === true,
        protocol,
        allow: String(rule.body.rule_action).toLowerCase() === 'allow',
        cidr: Ipv4Cidr.read(rule.body.cidr_block),
        fromPort: protocol === 'all' ? undefined : numberOf(rule.body.from_port),
        toPort: protocol === 'all' ? undefined : numberOf(rule.body.to_port),
      };
    });
}

/**
 * The network ACL of a subnet: an aws_network_acl_association, an ACL listing it in `subnet_ids`, or the VPC's
 * adopted aws_default_network_acl. Undefined when none is declared: the subnet keeps the VPC's default ACL as
 * AWS creates it, which allows all traffic both ways.
 */
export function networkAclFor(model: ReachabilityModel, subnet: StackResource): NetworkAcl | undefined {
  const association = model.all('aws_network_acl_association').find((a) => model.refersTo(a.body.subnet_id, subnet));
  const vpc = model.vpcOf(subnet);
  const acl =
    (association ? model.resolve(association.body.network_acl_id) : undefined) ??
    [...model.all('aws_network_acl'), ...model.all('aws_default_network_acl')].find((a) =>
      model.refersTo(a.body.subnet_ids, subnet),
    ) ??
    (vpc
      ? model.all('aws_default_network_acl').find((a) => model.refersTo(a.body.default_network_acl_id, vpc))
      : undefined);
  if (!acl) return undefined;
  const rules = [...inlineRules(acl), ...separateRules(model, acl)].sort((a, b) => a.ruleNumber - b.ruleNumber);
  return { address: acl.address, rules };
}

/**
 * Evaluates a stateless ACL for one packet direction: rules in `rule_number` order, the first whose protocol,
 * ports and block match decides; none matching is the implicit `*` deny. `remote` is the far end: the
 * destination of an outbound packet, the source of an inbound one. For a block, an allow must cover all of it
 * while a deny that touches any of it decides: "reaches" means every address of the block does.
 */
export function aclDecision(
  acl: NetworkAcl,
  egress: boolean,
  remote: Target,
  protocol: string,
  port: number,
): AclDecision {
  for (const rule of acl.rules) {
    if (rule.egress !== egress || !rule.cidr || !protocolAndPortMatch(rule, protocol, port)) continue;
    if (!(rule.allow ? cidrCovers(rule.cidr, remote) : cidrTouches(rule.cidr, remote))) continue;
    return { allowed: rule.allow, rule: `${rule.address} (#${rule.ruleNumber} ${rule.allow ? 'allow' : 'deny'})` };
  }
  return { allowed: false, rule: `${acl.address} default deny (*)` };
}
