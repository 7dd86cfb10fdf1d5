import { securityGroupRules } from '@lambda-vpc/stack-model';
import { GuardrailRule } from '../rule';

/** Nothing in the blueprints is reachable from every address. */
export const NO_INGRESS_FROM_EVERYWHERE: GuardrailRule = {
  id: 'LVB-SG-1',
  title: 'No security group admits 0.0.0.0/0 or ::/0',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277', 'FSBP EC2.18', 'FSBP EC2.19'],
  fix: 'admit the source security group or the specific CIDRs that need access',
  check: (stack) =>
    securityGroupRules(stack)
      .filter((rule) => rule.direction === 'ingress' && (rule.ipv4.includes('0.0.0.0/0') || rule.ipv6.includes('::/0')))
      .map((rule) => ({ resource: rule.resource, message: 'ingress from every address' })),
};

/** A reviewer reads why each group and rule exists from the plan. */
export const DESCRIBED_SECURITY_GROUPS: GuardrailRule = {
  id: 'LVB-SG-2',
  title: 'Every security group and rule has a description',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_23'],
  fix: 'give the group or rule a description saying what it admits and why',
  check: (stack) =>
    [
      'aws_security_group',
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
      'aws_security_group_rule',
    ]
      .flatMap((type) => stack.resources(type))
      .filter((resource) => typeof resource.body.description !== 'string' || resource.body.description.trim() === '')
      .map((resource) => ({ resource, message: 'no description' })),
};
