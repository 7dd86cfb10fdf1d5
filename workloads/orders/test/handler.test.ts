import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createHandler } from '../src/handler';

/** A DynamoDB client that answers every GetItem with `item` and records the commands it was sent. */
function fakeDynamo(item?: Record<string, unknown>) {
  const sent: GetItemCommand[] = [];
  return {
    sent,
    client: {
      send: async (command: GetItemCommand) => {
        sent.push(command);
        return { Item: item };
      },
    } as never,
  };
}

describe('orders handler', () => {
  it('looks the order up by its key in the table TABLE_NAME names', async () => {
    const dynamo = fakeDynamo({ pk: { S: 'order#A-1' }, total: { N: '12' } });
    const result = await createHandler({ TABLE_NAME: 'dev-private-only-items' }, dynamo.client)({ orderId: 'A-1' });
    expect(result).toEqual({ status: 'found', orderId: 'A-1', item: { pk: { S: 'order#A-1' }, total: { N: '12' } } });
    expect(dynamo.sent.map((command) => command.input)).toEqual([
      { TableName: 'dev-private-only-items', Key: { pk: { S: 'order#A-1' } } },
    ]);
  });

  it('says not-found for an order the table does not hold', async () => {
    const result = await createHandler({ TABLE_NAME: 't' }, fakeDynamo().client)({ orderId: 'B-2' });
    expect(result).toEqual({ status: 'not-found', orderId: 'B-2' });
  });

  it('refuses an event zod does not accept, without calling DynamoDB', async () => {
    const dynamo = fakeDynamo();
    const result = await createHandler({ TABLE_NAME: 't' }, dynamo.client)({ orderId: 'no spaces allowed' });
    expect(result).toEqual({ status: 'invalid', problems: [expect.stringMatching(/^orderId: /)] });
    expect(dynamo.sent).toEqual([]);
  });

  it('needs TABLE_NAME', () => {
    expect(() => createHandler({}, fakeDynamo().client)).toThrow('TABLE_NAME must be set');
  });
});
