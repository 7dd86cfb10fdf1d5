// The scan's skip list: which checkov findings it skips, which fail the scan, and which entries are stale.
import { classify, Finding, readSkips, SkipEntry } from '@lambda-vpc/tools/dist/scan/classify';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the shipped JSON file as the scan reads it
const shipped = require('../checkov-skips.json') as unknown;

const finding = (stack: string, resource: string, checkId: string): Finding => ({
  stack,
  resource,
  checkId,
  checkName: checkId,
});
const reason = 'a reason long enough to count as one';

describe('classify', () => {
  const targetOnly: SkipEntry = { check: 'CKV_AWS_117', where: ['*-privatelink/invoke-target'], justification: reason };
  const devLogs: SkipEntry = { check: 'CKV_AWS_338', where: ['dev-*/*'], justification: reason };

  it('skips a check only on the resources its patterns name', () => {
    const { failed, skipped } = classify(
      [
        finding('dev-privatelink', 'invoke-target', 'CKV_AWS_117'),
        finding('dev-privatelink', 'invoke-caller', 'CKV_AWS_117'),
      ],
      [targetOnly],
    );
    expect(skipped.get(targetOnly)?.map((f) => f.resource)).toEqual(['invoke-target']);
    expect(failed.map((f) => f.resource)).toEqual(['invoke-caller']);
  });

  it('skips a check only in the stacks its patterns name: prod log retention is still checked', () => {
    const { failed } = classify(
      [
        finding('dev-nat-egress', 'network_flow-log-group', 'CKV_AWS_338'),
        finding('prod-nat-egress', 'network_flow-log-group', 'CKV_AWS_338'),
      ],
      [devLogs],
    );
    expect(failed.map((f) => f.stack)).toEqual(['prod-nat-egress']);
  });

  it('never skips another check on a matching resource', () => {
    const { failed } = classify([finding('dev-privatelink', 'invoke-target', 'CKV_AWS_50')], [targetOnly]);
    expect(failed).toHaveLength(1);
  });

  it('reports entries that matched nothing, so the list cannot go stale', () => {
    expect(classify([], [targetOnly]).unused).toEqual([targetOnly]);
  });
});

describe('readSkips', () => {
  it('accepts the shipped checkov-skips.json: every entry has a check, a place and a one-line reason', () => {
    const skips = readSkips(shipped);
    expect(skips.length).toBeGreaterThan(0);
    for (const entry of skips) expect(entry.justification.length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    [{ skips: [{ check: 'CKV_AWS_1', where: ['*'] }] }, 'justification'],
    [{ skips: [{ check: 'CKV_AWS_1', where: ['*'], justification: 'short' }] }, 'justification'],
    [{ skips: [{ check: 'not-a-check', where: ['*'], justification: reason }] }, 'must be a checkov ID'],
    [{ skips: [{ check: 'CKV_AWS_1', where: [], justification: reason }] }, '"where" must list'],
    [{ skips: [{ check: 'CKV_AWS_1', where: ['no-slash'], justification: reason }] }, '"where" must list'],
  ])('refuses %j', (config, message) => {
    expect(() => readSkips(config)).toThrow(message);
  });
});
