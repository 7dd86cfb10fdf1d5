import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsEnvironment } from './aws-environment';
import { PolicyDocument, PolicyStatement } from './policy-document';

/** Options of {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /** Resource name, `<env>-<variant>-<purpose>`; the alias is `alias/<name>`. */
  readonly name: string;
  /** Account and region the key lives in. */
  readonly environment: AwsEnvironment;
  /**
   * Days AWS waits before deleting the key after a destroy (7 to 30).
   * @default 30
   */
  readonly deletionWindowInDays?: number;
}

/**
 * A customer-managed KMS key for a stack's CloudWatch log groups and data at rest (tables). CloudWatch Logs
 * may use a key only when the key policy names the regional `logs` service principal; the grant is scoped
 * by encryption context to this account's log groups in this region. Rotation is yearly.
 */
export class EncryptionKey extends Construct {
  /** The KMS key resource. */
  public readonly key: KmsKey;
  /** ARN of the key, for `kms_key_id` of log groups and tables. */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const { accountId, region, partition } = props.environment;
    // AWS's default key policy: the account administers the key through IAM, so the key never becomes unmanageable.
    const administration = new PolicyStatement({
      sid: 'AccountAdministersKeyThroughIam',
      principals: `arn:${partition}:iam::${accountId}:root`,
      actions: 'kms:*',
      resources: '*',
      wildcardActionsJustification: 'the account administers its key through IAM (the default key policy)',
    });
    const logs = new PolicyStatement({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      servicePrincipal: `logs.${region}.amazonaws.com`,
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: '*',
      condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${accountId}:log-group:*` },
      },
      wildcardActionsJustification: 'the actions AWS documents for CloudWatch Logs encryption, scoped by the condition',
    });
    this.key = new KmsKey(this, 'Default', {
      description: `${props.name}: CloudWatch Logs and data at rest`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: new PolicyDocument({ owner: props.name, statements: [administration, logs] }).toJson(),
      tags: { Name: props.name },
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.name}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
  }
}
