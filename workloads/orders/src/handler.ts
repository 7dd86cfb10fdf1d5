// A team's function: looks up one order in the stack's table through the DynamoDB gateway endpoint. zod checks
// the event; synth bundles it into the package (the AWS SDK v3 comes with the runtime and is left out).
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

/** What a caller sends: the order's ID. */
export const OrderLookup = z.object({ orderId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();

/** What the function answers. */
export type OrderLookupResult =
  | { readonly status: 'found'; readonly orderId: string; readonly item: Record<string, unknown> }
  | { readonly status: 'not-found'; readonly orderId: string }
  | { readonly status: 'invalid'; readonly problems: readonly string[] };

/** Builds the handler around its DynamoDB client, so tests run it with a fake. */
export function createHandler(env: NodeJS.ProcessEnv, dynamo: Pick<DynamoDBClient, 'send'>) {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME must be set');
  return async (event: unknown): Promise<OrderLookupResult> => {
    const parsed = OrderLookup.safeParse(event);
    if (!parsed.success) {
      return { status: 'invalid', problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    }
    const { orderId } = parsed.data;
    const found = await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: `order#${orderId}` } } }),
    );
    return found.Item ? { status: 'found', orderId, item: found.Item } : { status: 'not-found', orderId };
  };
}

let handle: ((event: unknown) => Promise<OrderLookupResult>) | undefined;

/** The Lambda entry point: one client per execution environment, created on the first invocation. */
export const handler = (event: unknown): Promise<OrderLookupResult> => {
  handle ??= createHandler(process.env, new DynamoDBClient({}));
  return handle(event);
};
