import {
  ALL_RULES,
  evaluateGuardrails,
  formatViolation,
  GuardrailError,
  GuardrailRule,
  Violation,
} from '@lambda-vpc/guardrails';
import { StackDocument } from '@lambda-vpc/stack-model';
import { addResource, baseline, evaluate, ref, removeType, VPC } from './fixtures';

describe('the compliant baseline fixture', () => {
  it('passes every rule: no errors, warnings or suppressions', () => {
    expect(evaluate(baseline())).toEqual({ errors: [], warnings: [], suppressed: [] });
  });

  it('is a fresh copy each time, so one test cannot break another', () => {
    const broken = baseline();
    removeType(broken, 'aws_flow_log');
    expect(evaluate(broken).errors.map((e) => e.ruleId)).toEqual(['LVB-NET-1']);
    expect(evaluate(baseline()).errors).toEqual([]);
  });
});

describe('evaluateGuardrails', () => {
  it('places each finding in the stack, with the rule title, severity and fix', () => {
    const json = baseline();
    removeType(json, 'aws_flow_log');
    const rule = ALL_RULES.find((r) => r.id === 'LVB-NET-1')!;
    expect(evaluateGuardrails('dev-private-only', json).errors).toEqual([
      {
        ruleId: 'LVB-NET-1',
        title: 'Every VPC has flow logs',
        severity: 'error',
        stack: 'dev-private-only',
        address: 'aws_vpc.network_vpc',
        constructPath: 'test-stack/network/vpc',
        message: 'the VPC has no aws_flow_log',
        fix: rule.fix,
      },
    ]);
  });

  it('runs only the rules it is given', () => {
    const json = baseline();
    removeType(json, 'aws_flow_log');
    removeType(json, 'aws_default_security_group');
    const only = ALL_RULES.filter((r) => r.id === 'LVB-NET-2');
    expect(evaluateGuardrails('s', json, { rules: only }).errors.map((e) => e.ruleId)).toEqual(['LVB-NET-2']);
    expect(evaluateGuardrails('s', json).errors.map((e) => e.ruleId)).toEqual(['LVB-NET-1', 'LVB-NET-2']);
  });

  it("uses a rule's per-finding severity over the rule's own", () => {
    const rule: GuardrailRule = {
      id: 'LVB-TEST-1',
      title: 'test',
      severity: 'error',
      scannerEquivalents: [],
      fix: 'none',
      check: (stack) =>
        stack.resources('aws_vpc').flatMap((resource) => [
          { resource, message: 'as the rule says' },
          { resource, message: 'downgraded', severity: 'warning' as const },
        ]),
    };
    const report = evaluateGuardrails('s', baseline(), { rules: [rule] });
    expect(report.errors.map((e) => [e.severity, e.message])).toEqual([['error', 'as the rule says']]);
    expect(report.warnings.map((w) => [w.severity, w.message])).toEqual([['warning', 'downgraded']]);
  });
});

describe('StackDocument', () => {
  it('falls back to <stack>/<name> for a resource without construct metadata', () => {
    const json = baseline();
    json.resource.aws_subnet.bare = { vpc_id: ref('aws_vpc', VPC), map_public_ip_on_launch: true };
    expect(evaluateGuardrails('my-stack', json).errors.map((e) => [e.address, e.constructPath])).toEqual([
      ['aws_subnet.bare', 'my-stack/bare'],
    ]);
  });

  it('follows ${type.name.attribute} references to resources of the stack, and nothing else', () => {
    const json = baseline();
    addResource(json, 'aws_subnet', 'with-dash', {});
    const stack = new StackDocument('s', json);
    expect(stack.resolve('${aws_vpc.network_vpc.id}')?.address).toBe('aws_vpc.network_vpc');
    expect(stack.resolve('${aws_vpc.network_vpc}')?.address).toBe('aws_vpc.network_vpc');
    expect(stack.resolve('${aws_subnet.with-dash.id}')?.constructPath).toBe('test-stack/with-dash');
    expect(stack.resolve('${aws_vpc.missing.id}')).toBeUndefined();
    expect(stack.resolve('aws_vpc.network_vpc')).toBeUndefined();
    expect(stack.resolve('prefix-${aws_vpc.network_vpc.id}')).toBeUndefined();
    expect(stack.resolve(42)).toBeUndefined();
  });

  it('reads the variant from the AWS provider default tags', () => {
    expect(new StackDocument('s', baseline('privatelink')).variant).toBe('privatelink');
    expect(new StackDocument('s', { resource: {} }).variant).toBeUndefined();
  });
});

const VIOLATION: Violation = {
  ruleId: 'LVB-NET-1',
  title: 'Every VPC has flow logs',
  severity: 'error',
  stack: 'dev-nat-egress',
  address: 'aws_vpc.network_vpc',
  constructPath: 'dev-nat-egress/network/vpc',
  message: 'the VPC has no aws_flow_log',
  fix: 'give the Network construct flowLogs',
};

describe('formatViolation', () => {
  it('gives the rule, construct path, address, message and fix on one line', () => {
    expect(formatViolation(VIOLATION)).toBe(
      'LVB-NET-1 at dev-nat-egress/network/vpc (aws_vpc.network_vpc): the VPC has no aws_flow_log; fix: give the ' +
        'Network construct flowLogs',
    );
  });
});

describe('GuardrailError', () => {
  const second: Violation = {
    ...VIOLATION,
    ruleId: 'LVB-NET-3',
    address: 'aws_subnet.s',
    constructPath: 'dev-nat-egress/network/s',
    message: 'map_public_ip_on_launch is true',
    fix: 'set it false',
  };

  it('is an Error named GuardrailError whose message lists each violation on its own line', () => {
    const error = new GuardrailError([VIOLATION, second]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GuardrailError');
    expect(error.message).toBe(
      [
        'LVB-NET-1 at dev-nat-egress/network/vpc (aws_vpc.network_vpc): the VPC has no aws_flow_log; fix: give the ' +
          'Network construct flowLogs',
        'LVB-NET-3 at dev-nat-egress/network/s (aws_subnet.s): map_public_ip_on_launch is true; fix: set it false',
      ].join('\n'),
    );
    expect(error.violations).toEqual([VIOLATION, second]);
  });
});

describe('ALL_RULES', () => {
  it('lists every rule once, in the documented order', () => {
    expect(ALL_RULES.map((rule) => rule.id)).toEqual([
      'LVB-NET-1',
      'LVB-NET-2',
      'LVB-NET-3',
      'LVB-NET-4',
      'LVB-SG-1',
      'LVB-SG-2',
      'LVB-FN-1',
      'LVB-FN-2',
      'LVB-FN-3',
      'LVB-FN-4',
      'LVB-FN-5',
      'LVB-LOG-1',
      'LVB-IAM-1',
      'LVB-EP-1',
      'LVB-EP-2',
      'LVB-NAT-1',
    ]);
    expect(new Set(ALL_RULES.map((rule) => rule.id)).size).toBe(ALL_RULES.length);
  });

  it.each(ALL_RULES.map((rule): [string, GuardrailRule] => [rule.id, rule]))(
    '%s has an LVB-<AREA>-<n> ID, a title, a fix and a severity',
    (id, rule) => {
      expect(id).toMatch(/^LVB-[A-Z]+-[1-9][0-9]*$/);
      expect(rule.title.trim()).not.toBe('');
      expect(rule.title).not.toMatch(/\n/);
      expect(rule.fix.trim()).not.toBe('');
      expect(['error', 'warning']).toContain(rule.severity);
      expect(Array.isArray(rule.scannerEquivalents)).toBe(true);
      expect(typeof rule.check).toBe('function');
    },
  );
});
