// The receipts handler as its team tests it: built around its clients, run with fakes that record what it sends.
import { createHmac } from 'node:crypto';
import { createHandler } from '../functions/receipts/src/index';

const ENV = {
  TABLE_NAME: 'example-own-function-orders',
  SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:example-own-function/signing-key',
};
const ORDER = { pk: { S: 'order#A-1' }, total: { N: '1250' }, currency: { S: 'EUR' } };

/** A client whose every `send` answers `answer(input)` and records the command's name and input. */
function fakeClient(sent: [string, unknown][], answer: (input: Record<string, unknown>) => unknown) {
  return {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push([command.constructor.name, command.input]);
      return answer(command.input);
    },
  } as never;
}

/** The handler with a table holding `items` (by key) and a secret holding `secretString`. */
function receiptsWith(items: Record<string, unknown>, secretString?: string) {
  const sent: [string, unknown][] = [];
  const handle = createHandler(ENV, {
    dynamo: fakeClient(sent, (input) => ({ Item: items[(input.Key as { pk: { S: string } }).pk.S] })),
    secrets: fakeClient(sent, () => ({ SecretString: secretString })),
  });
  return { sent, handle };
}

const signatureOf = (text: string) => createHmac('sha256', 'test-signing-key').update(text).digest('hex');

describe('signing a receipt', () => {
  it('reads the order by its key from TABLE_NAME and signs orderId:totalCents:currency with the secret', async () => {
    const { sent, handle } = receiptsWith({ 'order#A-1': ORDER }, 'test-signing-key');
    expect(await handle({ orderId: 'A-1' })).toEqual({
      status: 'signed',
      receipt: { orderId: 'A-1', totalCents: 1250, currency: 'EUR' },
      signature: signatureOf('A-1:1250:EUR'),
    });
    expect(sent).toEqual([
      ['GetItemCommand', { TableName: 'example-own-function-orders', Key: { pk: { S: 'order#A-1' } } }],
      ['GetSecretValueCommand', { SecretId: ENV.SIGNING_KEY_SECRET_ARN }],
    ]);
  });

  it('reads the signing key once per execution environment, not once per invocation', async () => {
    const { sent, handle } = receiptsWith({ 'order#A-1': ORDER }, 'test-signing-key');
    await handle({ orderId: 'A-1' });
    await handle({ orderId: 'A-1' });
    expect(sent.map(([command]) => command)).toEqual(['GetItemCommand', 'GetSecretValueCommand', 'GetItemCommand']);
  });

  it('reads the key again after a failed read, and fails the invocation when the secret has no string', async () => {
    const { sent, handle } = receiptsWith({ 'order#A-1': ORDER });
    await expect(handle({ orderId: 'A-1' })).rejects.toThrow(
      `secret ${ENV.SIGNING_KEY_SECRET_ARN} has no SecretString`,
    );
    await expect(handle({ orderId: 'A-1' })).rejects.toThrow('has no SecretString');
    expect(sent.filter(([command]) => command === 'GetSecretValueCommand')).toHaveLength(2);
  });
});

describe('orders it cannot sign', () => {
  it('says not-found for an order the table does not hold, without reading the secret', async () => {
    const { sent, handle } = receiptsWith({}, 'test-signing-key');
    expect(await handle({ orderId: 'B-2' })).toEqual({ status: 'not-found', orderId: 'B-2' });
    expect(sent.map(([command]) => command)).toEqual(['GetItemCommand']);
  });

  it('refuses an item whose total or currency zod does not accept', async () => {
    const { handle } = receiptsWith({ 'order#A-1': { ...ORDER, total: { N: '12.50' } } }, 'test-signing-key');
    expect(await handle({ orderId: 'A-1' })).toEqual({
      status: 'invalid',
      problems: ['total.N: Invalid string: must match pattern /^\\d+$/'],
    });
  });
});

describe('events zod refuses', () => {
  it('names each problem by its path, and calls neither DynamoDB nor Secrets Manager', async () => {
    const { sent, handle } = receiptsWith({}, 'test-signing-key');
    expect(await handle({ orderId: 'no spaces allowed' })).toEqual({
      status: 'invalid',
      problems: ['orderId: Invalid string: must match pattern /^[A-Za-z0-9-]{1,64}$/'],
    });
    expect(await handle({ orderId: 'A-1', extra: true })).toEqual({
      status: 'invalid',
      problems: ['Unrecognized key: "extra"'],
    });
    expect(sent).toEqual([]);
  });
});

describe('configuration', () => {
  it.each(['TABLE_NAME', 'SIGNING_KEY_SECRET_ARN'])('needs %s', (name) => {
    const { [name as keyof typeof ENV]: _left, ...env } = ENV;
    expect(() => createHandler(env, { dynamo: {} as never, secrets: {} as never })).toThrow(`${name} must be set`);
  });
});
