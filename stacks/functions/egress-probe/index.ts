// Demo handler of the NAT-egress variant: proves the private tier reaches the internet through NAT and
// DynamoDB through the gateway endpoint. The AWS SDK v3 ships with the nodejs runtimes, so nothing is bundled.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

export interface ProbeResult {
  readonly url: string;
  readonly status?: number;
  readonly error?: string;
  readonly latencyMs: number;
  readonly recorded: boolean;
}

export interface ProbeDependencies {
  readonly fetch: (url: string, init: { signal: AbortSignal }) => Promise<{ status: number }>;
  readonly dynamo: Pick<DynamoDBClient, 'send'>;
  readonly now: () => number;
}

/** Builds the handler around its dependencies, so tests run it with fakes. */
export function createHandler(env: NodeJS.ProcessEnv, deps: ProbeDependencies): () => Promise<ProbeResult> {
  const url = env.PROBE_URL;
  const tableName = env.TABLE_NAME;
  if (!url || !tableName) {
    throw new Error('PROBE_URL and TABLE_NAME must be set');
  }
  return async () => {
    const started = deps.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      status = (await deps.fetch(url, { signal: AbortSignal.timeout(5000) })).status;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const latencyMs = deps.now() - started;
    const pk = `probe#${new Date(started).toISOString()}`;
    await deps.dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: pk },
          url: { S: url },
          latencyMs: { N: String(latencyMs) },
          ...(status !== undefined ? { status: { N: String(status) } } : {}),
          ...(error !== undefined ? { error: { S: error } } : {}),
        },
      }),
    );
    const stored = await deps.dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk } }, ConsistentRead: true }),
    );
    return { url, status, error, latencyMs, recorded: stored.Item !== undefined };
  };
}

let handle: (() => Promise<ProbeResult>) | undefined;

/** Lambda entry point. */
export async function handler(): Promise<ProbeResult> {
  handle ??= createHandler(process.env, { fetch, dynamo: new DynamoDBClient({}), now: Date.now });
  return handle();
}
