// The scan reads every resource of every stack, and refuses a stack checkov did not read instead of passing it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkovInput, writeCheckovInputs } from '@lambda-vpc/tools/dist/scan/checkov-input';
import { CheckovCheck, CheckovReport, reportedStack } from '@lambda-vpc/tools/dist/scan/checkov-report';
import { checkedCount, coverageRefusal, StackCoverage, stackCoverage } from '@lambda-vpc/tools/dist/scan/coverage';
import { synthAllEnvironments } from './environments';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-scan-test-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The top-level blocks checkov's terraform_json parser (3.3.30) fails on: it reads each block as
 * `{ <label>: <object> }` (a provider may hold a list of objects; locals are free), and one it cannot read fails the
 * whole file.
 */
function blocksCheckovCannotRead(config: object): string[] {
  const readable = (type: string, body: unknown): boolean =>
    isObject(body) || (type === 'provider' && Array.isArray(body) && body.every(isObject));
  return Object.entries(config)
    .filter(([type]) => type !== '//' && type !== 'locals')
    .filter(([type, block]) => !isObject(block) || Object.values(block as object).some((body) => !readable(type, body)))
    .map(([type]) => type);
}

const check = (file: string, resource: string): CheckovCheck => ({ file_path: file, resource });
const report = (results: Partial<CheckovReport['results']>): CheckovReport => ({
  results: { passed_checks: [], failed_checks: [], ...results },
});
const coverage = (declared: number, checked: number, more: Partial<StackCoverage> = {}): StackCoverage => {
  const names = Array.from({ length: declared }, (_, index) => `resource-${index}`);
  return {
    stack: 'dev-nat-egress',
    declared: names,
    checked: new Set(names.slice(0, checked)),
    checks: checked * 3,
    parsingError: false,
    ...more,
  };
};

describe('checkovInput: what checkov reads of a stack', () => {
  const renamed = {
    moved: [{ from: 'aws_vpc_security_group_egress_rule.nat_egress_80', to: 'aws_vpc_security_group_egress_rule.x' }],
    import: [{ to: 'aws_vpc.network_vpc', id: 'vpc-0123' }],
    removed: [{ from: 'aws_eip.old', lifecycle: { destroy: false } }],
    resource: { aws_vpc: { network_vpc: { cidr_block: '10.10.0.0/16' } } },
    output: { vpc_id: { value: '${aws_vpc.network_vpc.id}' } },
  };

  it('leaves out the moved, import and removed blocks checkov cannot read, and keeps every other block', () => {
    expect(blocksCheckovCannotRead(renamed)).toEqual(['moved', 'import', 'removed']);
    expect(checkovInput(renamed)).toEqual({ resource: renamed.resource, output: renamed.output });
    expect(blocksCheckovCannotRead(checkovInput(renamed))).toEqual([]);
  });

  it.each(Object.entries(synthAllEnvironments().stacks))(
    '%s: checkov can read every block of the input, which holds every resource the stack declares',
    (_stack, config) => {
      expect(blocksCheckovCannotRead(checkovInput(config))).toEqual([]);
      expect(checkovInput(config).resource).toEqual(config.resource);
    },
  );

  it('writes each input to a folder named after its stack, so the report names the stack; the stack is kept', () => {
    const file = path.join(work, 'cdktf.out', 'stacks', 'dev-nat-egress', 'cdk.tf.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(renamed));
    const [input] = writeCheckovInputs([{ stack: 'dev-nat-egress', file }], path.join(work, 'inputs'));
    expect(reportedStack(input)).toBe('dev-nat-egress');
    expect(JSON.parse(fs.readFileSync(input, 'utf8'))).toEqual(checkovInput(renamed));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(renamed);
  });
});

describe("stackCoverage: what checkov's report says about one stack", () => {
  const config = { resource: { aws_vpc: { network_vpc: {} }, aws_flow_log: { network_flow: {} } } };

  it('names a resource checked under either of the names checkov gives it, and leaves out the provider', () => {
    const found = stackCoverage('dev-nat-egress', config, [
      report({
        passed_checks: [
          check('/tmp/in/dev-nat-egress/cdk.tf.json', 'aws_vpc.network_vpc'),
          check('/tmp/in/dev-nat-egress/cdk.tf.json', 'resource.network_vpc'),
          check('/tmp/in/dev-nat-egress/cdk.tf.json', 'provider.aws'),
          check('/tmp/in/prod-nat-egress/cdk.tf.json', 'aws_flow_log.network_flow'),
        ],
      }),
    ]);
    expect(found).toEqual({
      stack: 'dev-nat-egress',
      declared: ['network_vpc', 'network_flow'],
      checked: new Set(['network_vpc']),
      checks: 3,
      parsingError: false,
    });
    expect(checkedCount(found)).toBe(1);
  });

  it('marks a stack whose file checkov lists among its parsing errors', () => {
    const found = stackCoverage('dev-nat-egress', config, [
      report({ parsing_errors: ['/tmp/in/dev-nat-egress/cdk.tf.json'] }),
    ]);
    expect(found).toMatchObject({ parsingError: true, checks: 0 });
    expect(stackCoverage('dev-private-only', config, [report({ parsing_errors: [] })]).parsingError).toBe(false);
  });
});

describe('coverageRefusal: a stack checkov did not read fails the scan', () => {
  it('refuses a stack checkov could not parse, naming it and its resources', () => {
    expect(coverageRefusal(coverage(49, 0, { checks: 0, parsingError: true }))).toBe(
      'scan: dev-nat-egress: checkov could not parse the stack, so its 49 resources went unchecked; ' +
        'run checkov on its cdk.tf.json with LOG_LEVEL=DEBUG to see why',
    );
  });

  it('refuses a stack on which checkov ran no check, even without a parsing error', () => {
    expect(coverageRefusal(coverage(49, 0))).toBe(
      "scan: dev-nat-egress: checkov ran no check on the stack's 49 resources, so it cannot pass; " +
        'run checkov on its cdk.tf.json with LOG_LEVEL=DEBUG to see why',
    );
  });

  it('refuses a stack with fewer than half of its resources checked', () => {
    expect(coverageRefusal(coverage(49, 24))).toBe(
      "scan: dev-nat-egress: checkov checked 24 of the stack's 49 resources, under the 50% a fully read stack " +
        'reaches; run checkov on its cdk.tf.json with LOG_LEVEL=DEBUG to see why',
    );
  });

  it('counts only resources the stack declares as checked', () => {
    const stray = coverage(10, 4, {
      checked: new Set(['resource-0', 'resource-1', 'resource-2', 'resource-3', 'other']),
    });
    expect(coverageRefusal(stray)).toContain('checked 4 of');
  });

  it('accepts a stack with half or more of its resources checked: the blueprints reach 70 to 80%', () => {
    expect(coverageRefusal(coverage(10, 5))).toBeUndefined();
    expect(coverageRefusal(coverage(49, 38))).toBeUndefined();
  });
});
