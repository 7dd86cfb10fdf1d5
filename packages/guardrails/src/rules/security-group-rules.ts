import { GuardrailRule } from '../rule';
import { StackResource } from '../stack-document';

/** Every ingress rule of a stack, separate resources and inline blocks alike, with its owner. */
function ingressRules(resources: (type: string) => StackResource[]) {
  const separate = [...resources('aws_vpc_security_group_ingress_rule'), ...resources('aws_security_group_rule').filter((r) => r.body.type === 'ingress')]
    .map((resource) => ({ resource, cidrs: [resource.body.cidr_ipv4, resource.body.cidr_ipv6, ...(resource.body.cidr_blocks ?? []), ...(resource.body.ipv6_cidr_blocks ?? [])] }));
  const inline = resources('aws_security_group').flatMap((group) => (group.body.ingress ?? [])
    .map((rule: Record<string, string[]>) => ({ resource: group, cidrs: [...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])] })));
  return [...separate, ...inline];
}

/** Nothing in the blueprints is reachable from every address. */
export const NO_INGRESS_FROM_EVERYWHERE: GuardrailRule = {
  id: 'LVB-SG-1',
  title: 'No security group admits 0.0.0.0/0 or ::/0',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277', 'FSBP EC2.18', 'FSBP EC2.19'],
  fix: 'admit the source security group or the specific CIDRs that need access',
  check: (stack) => ingressRules((type) => stack.resources(type))
    .filter(({ cidrs }) => cidrs.includes('0.0.0.0/0') || cidrs.includes('::/0'))
    .map(({ resource }) => ({ resource, message: 'ingress from every address' })),
};

/** A reviewer reads why each group and rule exists from the plan. */
export const DESCRIBED_SECURITY_GROUPS: GuardrailRule = {
  id: 'LVB-SG-2',
  title: 'Every security group and rule has a description',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_23'],
  fix: 'give the group or rule a description saying what it admits and why',
  check: (stack) => ['aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule']
    .flatMap((type) => stack.resources(type))
    .filter((resource) => typeof resource.body.description !== 'string' || resource.body.description.trim() === '')
    .map((resource) => ({ resource, message: 'no description' })),
};
