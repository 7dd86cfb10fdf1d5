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

/** NAT instances are EC2 hosts on the internet edge: IMDSv2 only and an encrypted disk. */
export const NAT_INSTANCE_HARDENED: GuardrailRule = {
  id: 'LVB-NAT-1',
  title: 'NAT instances require IMDSv2 and encrypt their root volume',
  severity: 'error',
  scannerEquivalents: ['CKV_AWS_79', 'CKV_AWS_8', 'FSBP EC2.8'],
  fix:
    'use NatStrategy.instance(), which sets metadata_options.http_tokens = "required" and an encrypted ' +
    'root_block_device',
  check: (stack) =>
    stack
      .resources('aws_instance')
      .filter((instance) => instance.body.source_dest_check === false)
      .flatMap((instance) => [
        ...(instance.body.metadata_options?.http_tokens !== 'required'
          ? [{ resource: instance, message: 'IMDSv1 allowed (metadata_options.http_tokens is not "required")' }]
          : []),
        ...(instance.body.root_block_device?.encrypted !== true
          ? [{ resource: instance, message: 'root volume not encrypted' }]
          : []),
      ]),
};
