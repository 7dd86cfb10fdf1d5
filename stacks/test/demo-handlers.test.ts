import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHandler as createCaller } from '../functions/invoke-caller/index';
import { handler as target } from '../functions/invoke-target/index';
import { createHandler as createPrivateProbe } from '../functions/private-probe/index';

describe('private-probe handler', () => {
  it('writes an item, reads it back and writes a report naming it', async () => {
    const sent: unknown[] = [];
    const record = async (command: unknown) => {
      sent.push(command);
      return command instanceof GetItemCommand ? { Item: {} } : {};
    };
    const handle = createPrivateProbe(
      { TABLE_NAME: 't', BUCKET_NAME: 'b' },
      { dynamo: { send: record } as never, s3: { send: record } as never, now: () => Date.UTC(2026, 0, 2) },
    );
    const result = await handle();
    expect(result).toEqual({
      itemKey: 'private-probe#2026-01-02T00:00:00.000Z',
      itemReadBack: true,
      reportKey: 'reports/2026-01-02T00:00:00.000Z.json',
    });
    expect(sent.map((c) => (c as object).constructor)).toEqual([PutItemCommand, GetItemCommand, PutObjectCommand]);
    const put = sent[2] as PutObjectCommand;
    expect(put.input).toMatchObject({ Bucket: 'b', Key: result.reportKey, ContentType: 'application/json' });
    expect(JSON.parse(put.input.Body as string)).toMatchObject({ itemKey: result.itemKey, itemReadBack: true });
  });

  it('refuses to start without its configuration', () => {
    expect(() => createPrivateProbe({ TABLE_NAME: 't' }, {} as never)).toThrow(
      'TABLE_NAME and BUCKET_NAME must be set',
    );
  });
});

describe('invoke-caller handler', () => {
  it('invokes the target synchronously and returns its decoded answer', async () => {
    const sent: InvokeCommand[] = [];
    const answer = new TextEncoder().encode(JSON.stringify({ message: 'hi' }));
    const handle = createCaller(
      { TARGET_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:t' },
      {
        lambda: {
          send: async (command: InvokeCommand) => {
            sent.push(command);
            return { StatusCode: 200, Payload: answer };
          },
        } as never,
      },
    );
    const result = await handle({ ping: 1 });
    expect(result).toEqual({
      target: 'arn:aws:lambda:eu-west-1:123456789012:function:t',
      statusCode: 200,
      functionError: undefined,
      payload: { message: 'hi' },
    });
    expect(sent[0].input).toMatchObject({
      FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:t',
      InvocationType: 'RequestResponse',
    });
    expect(JSON.parse(new TextDecoder().decode(sent[0].input.Payload as Uint8Array))).toEqual({
      from: 'invoke-caller',
      event: { ping: 1 },
    });
  });

  it('refuses to start without a target', () => {
    expect(() => createCaller({}, {} as never)).toThrow('TARGET_FUNCTION_ARN must be set');
  });
});

describe('invoke-target handler', () => {
  it('echoes what it received', async () => {
    const response = await target({ from: 'invoke-caller' });
    expect(response.message).toBe('invoked through the Lambda interface endpoint');
    expect(response.received).toEqual({ from: 'invoke-caller' });
    expect(Number.isNaN(Date.parse(response.at))).toBe(false);
  });
});
