import { LambdaFunction, memorySizeProblem, timeoutProblem } from '@lambda-vpc/lambda';
import { LOG_RETENTION_DAYS } from '@lambda-vpc/network';
import { synthConstructs } from '../../../test-support/terraform-json';
import { functionProps, makeCodeDirectory, removeDirectory } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

const MEMORY = "must be a whole number of MB (Lambda's limits) from 128 to 10240";
const TIMEOUT = "must be a whole number of seconds (Lambda's limits) from 1 to 900";

describe("memorySizeProblem: a whole number of MB in Lambda's limits", () => {
  it.each([128, 256, 10240])('accepts %d MB', (megabytes) => {
    expect(memorySizeProblem(megabytes)).toBeUndefined();
  });

  it.each([64, 10241, 512.5, '512'])('refuses %j with one message naming the range', (megabytes) => {
    expect(memorySizeProblem(megabytes)).toBe(MEMORY);
  });
});

describe("timeoutProblem: a whole number of seconds in Lambda's limits", () => {
  it.each([1, 15, 900])('accepts %d s', (seconds) => {
    expect(timeoutProblem(seconds)).toBeUndefined();
  });

  it.each([0, 901, 1.5, '30'])('refuses %j with one message naming the range', (seconds) => {
    expect(timeoutProblem(seconds)).toBe(TIMEOUT);
  });
});

describe('LambdaFunction refuses settings outside the limits, naming each field and value', () => {
  const build = (overrides: Parameters<typeof functionProps>[1]) => () =>
    synthConstructs((scope) => {
      new LambdaFunction(scope, 'fn', functionProps(codeDirectory, overrides));
    });

  it('memory and timeout, through their problem functions', () => {
    expect(build({ memorySize: 64, timeout: 901 })).toThrow(
      new Error(`dev-test-api: memorySize = 64: ${MEMORY}; timeout = 901: ${TIMEOUT}`),
    );
  });

  it("log retention, through network's logRetentionProblem", () => {
    expect(build({ logRetentionInDays: 0 })).toThrow(
      new Error(
        'dev-test-api: logRetentionInDays = 0: 0 means "never ' +
          'expire", which guardrail LVB-LOG-1 (CKV_AWS_66) refuses: every log group needs a retention; allowed: ' +
          LOG_RETENTION_DAYS.join(', '),
      ),
    );
  });
});
