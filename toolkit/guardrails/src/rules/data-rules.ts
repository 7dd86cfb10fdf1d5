import { asList, interfacesTaggedBy, StackDocument, StackResource } from '@lambda-vpc/stack-model';
import { GuardrailRule } from '../rule';

/** Logs are kept for a bounded time and encrypted with a key the account controls. */
export const LOG_GROUPS_RETAINED_AND_ENCRYPTED: GuardrailRule = {
  id: 'LVB-LOG-1',
  title: 'Every log group has a retention period and a KMS key',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_66', 'CKV_AWS_158'],
  fix: 'set retention_in_days (config logRetentionInDays) and kms_key_id (the stack key)',
  check: (stack) =>
    stack
      .resources('aws_cloudwatch_log_group')
      .flatMap((group) => [
        ...(!group.body.retention_in_days
          ? [{ resource: group, message: 'no retention_in_days: logs are kept forever' }]
          : []),
        ...(!group.body.kms_key_id ? [{ resource: group, message: 'no kms_key_id' }] : []),
      ]),
};

/**
 * The launch templates whose instances are NAT instances: a template that tags its instances with a network interface
 * whose source/destination check is off (a self-healing NAT instance's static interface, attached at boot).
 */
function natLaunchTemplates(stack: StackDocument): StackResource[] {
  return stack
    .resources('aws_launch_template')
    .filter((template) => interfacesTaggedBy(stack, template).some((eni) => eni.body.source_dest_check === false));
}

const IMDSV1 = 'IMDSv1 allowed (metadata_options.http_tokens is not "required")';

/** NAT instances are EC2 hosts on the internet edge: IMDSv2 only and an encrypted disk. */
export const NAT_INSTANCE_HARDENED: GuardrailRule = {
  id: 'LVB-NAT-1',
  title: 'NAT instances (and NAT launch templates) require IMDSv2 and encrypt their root volume',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_79', 'CKV_AWS_8', 'FSBP EC2.8'],
  fix:
    'use NatStrategy.instance() or .selfHealingInstance(), which set metadata_options.http_tokens = "required" and ' +
    'an encrypted root volume',
  check: (stack) => [
    ...stack
      .resources('aws_instance')
      .filter((instance) => instance.body.source_dest_check === false)
      .flatMap((instance) => [
        ...(instance.body.metadata_options?.http_tokens !== 'required'
          ? [{ resource: instance, message: IMDSV1 }]
          : []),
        ...(instance.body.root_block_device?.encrypted !== true
          ? [{ resource: instance, message: 'root volume not encrypted' }]
          : []),
      ]),
    ...natLaunchTemplates(stack).flatMap((template) => {
      // The first mapping is the root device; a template with none boots the AMI's root, unencrypted by default.
      const root = asList(template.body.block_device_mappings)[0] as { ebs?: { encrypted?: unknown } } | undefined;
      const metadata = asList(template.body.metadata_options)[0] as { http_tokens?: unknown } | undefined;
      return [
        ...(metadata?.http_tokens !== 'required' ? [{ resource: template, message: IMDSV1 }] : []),
        ...(String(root?.ebs?.encrypted) !== 'true'
          ? [{ resource: template, message: 'root volume not encrypted (block_device_mappings[0].ebs.encrypted)' }]
          : []),
      ];
    }),
  ],
};
