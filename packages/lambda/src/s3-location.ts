import { Token } from 'cdktf';

/** A deployment package in S3, uploaded outside the stack. */
export interface S3CodeLocation {
  /** Name of the bucket, in the function's region. */
  readonly bucket: string;
  /** Key of the zip in the bucket. */
  readonly key: string;
  /**
   * Version ID of the object (the bucket is versioned): a new upload under the same key is a new version, so a code
   * change is a change of the plan instead of one Terraform cannot see.
   */
  readonly version: string;
}

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets)
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
const MAX_KEY_BYTES = 1024;

/** Every problem of `location`, as `field = value: what is allowed`; a Terraform reference is not checked. */
export function s3LocationProblems(location: S3CodeLocation): string[] {
  const problems: string[] = [];
  const { bucket, key, version } = location;
  const known = (value: string): boolean => !Token.isUnresolved(value);
  if (known(bucket) && (!BUCKET_NAME.test(bucket) || bucket.includes('..') || IP_ADDRESS.test(bucket))) {
    problems.push(
      `bucket = ${JSON.stringify(bucket)}: a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens, ` +
        'starting and ending with a letter or digit, without ".." and not an IP address',
    );
  }
  if (known(key) && (key === '' || Buffer.byteLength(key) > MAX_KEY_BYTES)) {
    problems.push(`key = ${JSON.stringify(key)}: an object key is 1 to ${MAX_KEY_BYTES} bytes`);
  }
  if (known(version) && version.trim() === '') {
    problems.push(
      `version = ${JSON.stringify(version)}: the object's version ID is required, so a new upload changes the plan`,
    );
  }
  return problems;
}
