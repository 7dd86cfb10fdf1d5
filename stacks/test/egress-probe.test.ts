import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createHandler, ProbeDependencies } from '../functions/egress-probe/index';

const env = { PROBE_URL: 'https://example.com/', TABLE_NAME: 'test-items' };

function fakes(fetchResult: () => Promise<{ status: number }>) {
  const sent: unknown[] = [];
  let clock = 1_700_000_000_000;
  const deps: ProbeDependencies = {
    fetch: jest.fn(fetchResult),
    dynamo: {
      send: jest.fn(async (command: unknown) => {
        sent.push(command);
        return command instanceof GetItemCommand ? { Item: { pk: { S: 'x' } } } : {};
      }),
    } as never,
    now: () => (clock += 40),
  };
  return { deps, sent };
}

describe('egress probe handler', () => {
  it('calls the URL, records status and latency in the table, and reads the record back', async () => {
    const { deps, sent } = fakes(async () => ({ status: 200 }));
    const result = await createHandler(env, deps)();
    expect(deps.fetch).toHaveBeenCalledWith(
      'https://example.com/',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(result).toEqual({
      url: 'https://example.com/',
      status: 200,
      error: undefined,
      latencyMs: 40,
      recorded: true,
    });
    const put = sent[0] as PutItemCommand;
    expect(put).toBeInstanceOf(PutItemCommand);
    expect(put.input.TableName).toBe('test-items');
    expect(put.input.Item).toMatchObject({
      url: { S: 'https://example.com/' },
      status: { N: '200' },
      latencyMs: { N: '40' },
    });
    expect((sent[1] as GetItemCommand).input).toMatchObject({
      TableName: 'test-items',
      Key: put.input.Item && { pk: put.input.Item.pk },
      ConsistentRead: true,
    });
  });

  it('records a failed call (no route to the internet) instead of throwing', async () => {
    const { deps, sent } = fakes(async () => {
      throw new Error('connect ETIMEDOUT');
    });
    const result = await createHandler(env, deps)();
    expect(result).toMatchObject({ status: undefined, error: 'connect ETIMEDOUT', recorded: true });
    expect((sent[0] as PutItemCommand).input.Item).toMatchObject({ error: { S: 'connect ETIMEDOUT' } });
    expect((sent[0] as PutItemCommand).input.Item?.status).toBeUndefined();
  });

  it('refuses to start without its configuration', () => {
    expect(() => createHandler({}, fakes(async () => ({ status: 200 })).deps)).toThrow(
      'PROBE_URL and TABLE_NAME must be set',
    );
  });
});
