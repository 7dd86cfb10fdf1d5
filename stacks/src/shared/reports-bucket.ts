import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

/** Options of {@link ReportsBucket}. */
export interface ReportsBucketProps {
  /** Bucket name, `<env>-<variant>-reports-<account>`: bucket names are global, the account keeps it unique. */
  readonly bucketName: string;
  /** ARN of the customer-managed KMS key that encrypts objects. */
  readonly kmsKeyArn: string;
}

/**
 * Where the private-only demo function writes its reports: public access blocked on all four settings,
 * ACLs disabled (bucket owner enforced), versioning on, and SSE-KMS with the stack key and an S3 bucket key
 * (fewer KMS requests, lower cost). A lifecycle rule keeps versioning from growing without bound: noncurrent
 * versions expire after 90 days and abandoned multipart uploads after 7.
 */
export class ReportsBucket extends Construct {
  /** The bucket resource. */
  public readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: ReportsBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'Default', { bucket: props.bucketName, tags: { Name: props.bucketName } });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-and-abandoned-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
  }

  /** The bucket's ARN. */
  public get bucketArn(): string {
    return this.bucket.arn;
  }

  /** The bucket's name. */
  public get bucketName(): string {
    return this.bucket.bucket;
  }
}
