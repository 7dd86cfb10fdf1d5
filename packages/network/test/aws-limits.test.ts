import {
  awsEnvironment,
  FlowLogs,
  LOG_RETENTION_DAYS,
  logRetentionProblem,
  Network,
  SubnetType,
  subnetPrefixLengthProblem,
  vpcCidrProblems,
} from '@lambda-vpc/network';
import { synthConstructs } from '../../../test-support/terraform-json';

const RETENTIONS = LOG_RETENTION_DAYS.join(', ');

describe('logRetentionProblem: a retention CloudWatch Logs accepts, never "never expire"', () => {
  it.each([1, 14, 365, 3653])('accepts %d days', (days) => {
    expect(logRetentionProblem(days)).toBeUndefined();
  });

  it('refuses a value CloudWatch Logs does not accept, listing those it does', () => {
    expect(logRetentionProblem(42)).toBe(`is not a retention CloudWatch Logs accepts; allowed: ${RETENTIONS}`);
  });

  it('refuses 0 with its own reason: CloudWatch reads it as "never expire"', () => {
    expect(logRetentionProblem(0)).toBe(
      '0 means "never expire", which guardrail LVB-LOG-1 (CKV_AWS_66) refuses: ' +
        `every log group needs a retention; allowed: ${RETENTIONS}`,
    );
  });

  it('refuses a value that is not a number', () => {
    expect(logRetentionProblem('30')).toBe(`must be a number of days; allowed: ${RETENTIONS}`);
  });

  it('is what flow logs refuse, naming the value', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/k';
    expect(() => FlowLogs.toCloudWatchLogs({ retentionInDays: 42, kmsKeyArn })).toThrow(
      new Error(`flow logs: retentionInDays = 42: is not a retention CloudWatch Logs accepts; allowed: ${RETENTIONS}`),
    );
  });
});

describe('vpcCidrProblems: a private range, /16 to /28', () => {
  it.each(['10.0.0.0/16', '172.16.0.0/20', '192.168.0.0/28'])('accepts %s', (cidr) => {
    expect(vpcCidrProblems(cidr)).toEqual([]);
  });

  it('refuses a public range and a size AWS does not allow, each with what is allowed', () => {
    expect(vpcCidrProblems('8.0.0.0/8')).toEqual([
      'is not a private range; allowed: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16',
      'VPC size must be /16 to /28 (AWS limits)',
    ]);
  });

  it("refuses a malformed block with the CIDR parser's reason", () => {
    expect(vpcCidrProblems('10.0.0.1/16')).toEqual([
      '"10.0.0.1/16" has host bits set; the block\'s network address is 10.0.0.0/16',
    ]);
  });

  it('is what Network refuses, naming the network and the value', () => {
    expect(() =>
      synthConstructs(
        (scope) =>
          new Network(scope, 'network', {
            name: 'test-net',
            environment: awsEnvironment('123456789012', 'eu-west-1'),
            cidrBlock: '10.0.0.0/12',
            availabilityZones: ['eu-west-1a'],
            subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
          }),
      ),
    ).toThrow(new Error('test-net: cidrBlock = "10.0.0.0/12": VPC size must be /16 to /28 (AWS limits)'));
  });
});

describe('subnetPrefixLengthProblem: /16 to /28, whole', () => {
  it.each([16, 20, 28])('accepts /%d', (length) => {
    expect(subnetPrefixLengthProblem(length)).toBeUndefined();
  });

  it.each([15, 29, 12])('refuses /%d', (length) => {
    expect(subnetPrefixLengthProblem(length)).toBe('subnet sizes are /16 to /28 (AWS limits)');
  });

  it.each([20.5, '20'])('refuses %j, which is not a whole prefix length', (length) => {
    expect(subnetPrefixLengthProblem(length)).toBe('is not a whole prefix length; allowed: /16 to /28 (AWS limits)');
  });
});
