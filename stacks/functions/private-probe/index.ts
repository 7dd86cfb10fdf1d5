// Demo handler of the private-only variant: writes and reads an item in DynamoDB and writes a report to S3,
// both through gateway endpoints, from a VPC with no route to the internet. The AWS SDK v3 ships with the
// nodejs runtimes, so nothing is bundled.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface PrivateProbeResult {
  readonly itemKey: string;
  readonly itemReadBack: boolean;
  readonly reportKey: string;
}

export interface PrivateProbeDependencies {
  readonly dynamo: Pick<DynamoDBClient, 'send'>;
  readonly s3: Pick<S3Client, 'send'>;
  readonly now: () => number;
}

/** Builds the handler around its dependencies, so tests run it with fakes. */
export function createHandler(
  env: NodeJS.ProcessEnv,
  deps: PrivateProbeDependencies,
): () => Promise<PrivateProbeResult> {
  const tableName = env.TABLE_NAME;
  const bucketName = env.BUCKET_NAME;
  if (!tableName || !bucketName) {
    throw new Error('TABLE_NAME and BUCKET_NAME must be set');
  }
  return async () => {
    const at = new Date(deps.now()).toISOString();
    const itemKey = `private-probe#${at}`;
    await deps.dynamo.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: itemKey }, at: { S: at } } }));
    const stored = await deps.dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: itemKey } }, ConsistentRead: true }),
    );
    const reportKey = `reports/${at}.json`;
    const itemReadBack = stored.Item !== undefined;
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: bucketName,
        Key: reportKey,
        ContentType: 'application/json',
        Body: JSON.stringify({ itemKey, itemReadBack, at }),
      }),
    );
    return { itemKey, itemReadBack, reportKey };
  };
}

let handle: (() => Promise<PrivateProbeResult>) | undefined;

/** Lambda entry point. */
export async function handler(): Promise<PrivateProbeResult> {
  handle ??= createHandler(process.env, { dynamo: new DynamoDBClient({}), s3: new S3Client({}), now: Date.now });
  return handle();
}
