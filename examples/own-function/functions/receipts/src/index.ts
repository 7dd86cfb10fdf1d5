// A team's function: signs a receipt for one order. It reads the order from DynamoDB through the gateway endpoint and
// the signing key from Secrets Manager through the interface endpoint; zod checks the event and the item. Synth
// bundles it with zod into one index.js; the AWS SDK v3 comes with the runtime and is left out.
import { createHmac } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

/** What a caller sends: the order's ID. */
export const ReceiptRequest = z.object({ orderId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();

/** The order as the table holds it (DynamoDB's attribute-value shape): the total in cents and its currency. */
const OrderItem = z.object({
  total: z.object({ N: z.string().regex(/^\d+$/) }),
  currency: z.object({ S: z.string().regex(/^[A-Z]{3}$/) }),
});

/** What the receipt states; the signature is over exactly these fields. */
export interface Receipt {
  readonly orderId: string;
  readonly totalCents: number;
  readonly currency: string;
}

/** What the function answers. */
export type ReceiptResult =
  | { readonly status: 'signed'; readonly receipt: Receipt; readonly signature: string }
  | { readonly status: 'not-found'; readonly orderId: string }
  | { readonly status: 'invalid'; readonly problems: readonly string[] };

/** The AWS clients the handler calls, so tests run it with fakes. */
export interface ReceiptClients {
  readonly dynamo: Pick<DynamoDBClient, 'send'>;
  readonly secrets: Pick<SecretsManagerClient, 'send'>;
}

/** Each zod issue as `path: message`, or its message alone when it concerns the whole object. */
const problemsOf = (error: z.ZodError): string[] =>
  error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));

/** Reads a variable the function's configuration sets. */
function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/** Builds the handler around its clients. The signing key is read once per execution environment, not per call. */
export function createHandler(env: NodeJS.ProcessEnv, clients: ReceiptClients) {
  const tableName = required(env, 'TABLE_NAME');
  const secretArn = required(env, 'SIGNING_KEY_SECRET_ARN');
  let signingKey: Promise<string> | undefined;
  const readSigningKey = async (): Promise<string> => {
    const secret = await clients.secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!secret.SecretString) throw new Error(`secret ${secretArn} has no SecretString`);
    return secret.SecretString;
  };

  return async (event: unknown): Promise<ReceiptResult> => {
    const request = ReceiptRequest.safeParse(event);
    if (!request.success) return { status: 'invalid', problems: problemsOf(request.error) };
    const { orderId } = request.data;
    const found = await clients.dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: `order#${orderId}` } } }),
    );
    if (!found.Item) return { status: 'not-found', orderId };
    const item = OrderItem.safeParse(found.Item);
    if (!item.success) return { status: 'invalid', problems: problemsOf(item.error) };
    const receipt: Receipt = { orderId, totalCents: Number(item.data.total.N), currency: item.data.currency.S };
    // A failed read is not kept, so the next invocation tries again.
    signingKey ??= readSigningKey().catch((error: unknown) => {
      signingKey = undefined;
      throw error;
    });
    const signature = createHmac('sha256', await signingKey)
      .update(`${receipt.orderId}:${receipt.totalCents}:${receipt.currency}`)
      .digest('hex');
    return { status: 'signed', receipt, signature };
  };
}

let handle: ((event: unknown) => Promise<ReceiptResult>) | undefined;

/** The Lambda entry point: one pair of clients per execution environment, created on the first invocation. */
export const handler = (event: unknown): Promise<ReceiptResult> => {
  handle ??= createHandler(process.env, { dynamo: new DynamoDBClient({}), secrets: new SecretsManagerClient({}) });
  return handle(event);
};
