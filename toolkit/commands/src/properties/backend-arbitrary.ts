// Every state backend an environment may name, with values from each field's domain (defaults left out at times, so
// they are exercised too).
import fc from 'fast-check';
import { KNOWN_REGIONS } from '@lambda-vpc/stacks';

const lowerAlnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
const word = (min: number, max: number, alphabet = lowerAlnum) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });

/** An S3 bucket name: 3-63 lower-case letters, digits and dashes, starting and ending with a letter or digit. */
const bucketName = fc
  .tuple(word(1, 1), word(1, 40, `${lowerAlnum}-`), word(1, 1))
  .map(([first, middle, last]) => `${first}${middle}${last}`);

const kmsKeyArn = fc
  .tuple(fc.constantFrom(...KNOWN_REGIONS), fc.stringMatching(/^\d{12}$/), fc.uuid())
  .map(([region, account, id]) => `arn:aws:kms:${region}:${account}:key/${id}`);

/** `{ type: 'local' }`, `{ type: 's3', ... }` or `{ type: 'cloud', ... }`. */
export const backendArbitrary = fc.oneof(
  fc.constant({ type: 'local' }),
  fc.record(
    {
      type: fc.constant('s3'),
      bucket: bucketName,
      region: fc.constantFrom(...KNOWN_REGIONS),
      keyPrefix: fc.stringMatching(/^[A-Za-z0-9_./-]{1,40}$/),
      kmsKeyId: kmsKeyArn,
    },
    { requiredKeys: ['type', 'bucket', 'region'] },
  ),
  fc.record(
    {
      type: fc.constant('cloud'),
      organization: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
      workspacePrefix: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
      project: word(1, 20),
      hostname: fc.constantFrom('app.terraform.io', 'tfe.example.com'),
    },
    { requiredKeys: ['type', 'organization'] },
  ),
);
