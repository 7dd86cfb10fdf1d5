// A handler that imports the AWS SDK v3, which the Node.js runtime provides: left out of the bundle unless asked.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (event: { id: string }): Promise<unknown> =>
  client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { id: { S: event.id } } }));
