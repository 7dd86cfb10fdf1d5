// The few AWS calls the engine checks make to the emulator themselves, outside the engine: S3 objects addressed by
// path, and DynamoDB's DescribeTable. moto needs no valid signature; the Authorization header only names the service
// and region a request is for, as a signed request's credential scope would.

/** An S3 response: its HTTP status and body. */
export interface EmulatorResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The body as text. */
  readonly body: string;
}

/** The Authorization header of an unsigned request to `service` in `region`. */
export const scope = (service: string, region: string): string =>
  `AWS4-HMAC-SHA256 Credential=emulator/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;

const call = async (url: string, init: RequestInit): Promise<EmulatorResponse> => {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
};

/** An S3 object's URL on the emulator, path style. */
const objectUrl = (endpoint: string, bucket: string, key = ''): string =>
  `${endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** Creates `bucket` in `region`; throws with the emulator's answer unless it is created. */
export async function createBucket(endpoint: string, bucket: string, region: string): Promise<void> {
  const location =
    region === 'us-east-1'
      ? ''
      : `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
  const { status, body } = await call(objectUrl(endpoint, bucket), {
    method: 'PUT',
    headers: { authorization: scope('s3', region) },
    body: location,
  });
  if (status !== 200) throw new Error(`creating the bucket ${bucket} in the emulator: HTTP ${status} ${body}`);
}

/** GetObject: 200 with the object, 404 when there is none. */
export const getObject = (endpoint: string, region: string, bucket: string, key: string): Promise<EmulatorResponse> =>
  call(objectUrl(endpoint, bucket, key), { headers: { authorization: scope('s3', region) } });

/** DeleteObject. */
export const deleteObject = (
  endpoint: string,
  region: string,
  bucket: string,
  key: string,
): Promise<EmulatorResponse> =>
  call(objectUrl(endpoint, bucket, key), { method: 'DELETE', headers: { authorization: scope('s3', region) } });

/**
 * PutObject with `If-None-Match: *`, the conditional write Terraform's S3 lock file relies on: 200 when the object
 * did not exist, 412 (PreconditionFailed) when it did, if the emulator honours the condition.
 */
export const putObjectIfAbsent = (
  endpoint: string,
  region: string,
  bucket: string,
  key: string,
  content: string,
): Promise<EmulatorResponse> =>
  call(objectUrl(endpoint, bucket, key), {
    method: 'PUT',
    headers: { authorization: scope('s3', region), 'if-none-match': '*', 'content-type': 'application/octet-stream' },
    body: content,
  });

/** DynamoDB DescribeTable: 200 with the table's description, 400 (ResourceNotFoundException) when there is none. */
export const describeTable = (endpoint: string, region: string, table: string): Promise<EmulatorResponse> =>
  call(`${endpoint}/`, {
    method: 'POST',
    headers: {
      authorization: scope('dynamodb', region),
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.DescribeTable',
    },
    body: JSON.stringify({ TableName: table }),
  });
