// How the engine checks run Terraform and read its output: the failure text (the engine's own errors, or what a
// plan would change), a bounded pool of parallel stacks, the init lock, and one bounded engine command.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plannedChanges } from '@lambda-vpc/tools/dist/engine/plan-output';
import {
  engineErrors,
  inParallel,
  oneAtATime,
  runEngine,
  transportFault,
} from '@lambda-vpc/tools/dist/engine/run-engine';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('engineErrors', () => {
  // What Terraform prints for diagnostics in a terminal: each framed by ╷ │ ╵.
  const framed = [
    'Initializing the backend...',
    '╷',
    '│ Warning: Deprecated attribute',
    '│ ',
    '│ The attribute "name" is deprecated.',
    '╵',
    '╷',
    '│ Error: Unsupported argument',
    '│ ',
    '│   on cdk.tf.json line 12, in resource.aws_lambda_function.probe:',
    '│   12:         "runtimes": "nodejs22.x",',
    '│ ',
    '│ An argument named "runtimes" is not expected here.',
    '╵',
    '╷',
    '│ Error: expected runtime to be one of [nodejs18.x nodejs20.x], got nodejs22.x',
    '│ ',
    '│   with aws_lambda_function.caller,',
    '╵',
    '',
  ].join('\n');

  const expected = [
    'Error: Unsupported argument',
    '',
    '  on cdk.tf.json line 12, in resource.aws_lambda_function.probe:',
    '  12:         "runtimes": "nodejs22.x",',
    '',
    'An argument named "runtimes" is not expected here.',
    '',
    'Error: expected runtime to be one of [nodejs18.x nodejs20.x], got nodejs22.x',
    '',
    '  with aws_lambda_function.caller,',
  ].join('\n');

  it('keeps every Error: block, without the box-drawing frame, and leaves warnings and progress out', () => {
    expect(engineErrors(framed)).toBe(expected);
  });

  it('reads the plain diagnostics of -no-color output the same way', () => {
    const plain = framed
      .split('\n')
      .map((line) => line.replace(/^[│╷╵] ?/, ''))
      .join('\n');
    expect(plain).not.toMatch(/[│╷╵]/);
    expect(engineErrors(plain)).toBe(expected);
  });

  it('keeps each distinct block once: a halted run repeats the same error for every resource in flight', () => {
    const halted = [
      'Error: execution halted',
      '',
      'Error: execution halted',
      '',
      'Error: Plugin did not respond',
      '',
      'Error: execution halted',
    ].join('\n');
    expect(engineErrors(halted)).toBe('Error: execution halted\n\nError: Plugin did not respond');
  });

  it('ends an error block at the next warning', () => {
    const output = ['Error: first', '', 'detail of first', 'Warning: later', '', 'detail of the warning'].join('\n');
    expect(engineErrors(output)).toBe('Error: first\n\ndetail of first');
  });

  it('falls back to the last ten non-blank lines, unframed, when the output has no Error: block', () => {
    const lines = Array.from({ length: 15 }, (_, i) => `│ line ${i + 1}`);
    const output = lines.flatMap((line) => [line, '', '   ']).join('\n');
    expect(engineErrors(output)).toBe(Array.from({ length: 10 }, (_, i) => `line ${i + 6}`).join('\n'));
  });

  it('keeps at most maxLines lines and says how many more there were', () => {
    const output = ['Error: long', ...Array.from({ length: 5 }, (_, i) => `detail ${i + 1}`)].join('\n');
    expect(engineErrors(output, 3)).toBe('Error: long\ndetail 1\ndetail 2\n... (3 more lines)');
  });

  it('keeps 40 lines by default', () => {
    const output = ['Error: long', ...Array.from({ length: 49 }, (_, i) => `detail ${i + 1}`)].join('\n');
    const kept = engineErrors(output).split('\n');
    expect(kept).toHaveLength(41);
    expect(kept[39]).toBe('detail 39');
    expect(kept[40]).toBe('... (10 more lines)');
  });

  it('does not truncate output that fits', () => {
    expect(engineErrors('Error: short\ndetail', 2)).toBe('Error: short\ndetail');
  });
});

describe('transportFault', () => {
  // What the provider printed when moto closed a connection while answering ListAttachedRolePolicies.
  const broken = [
    '╷',
    '│ Error: reading IAM Role (dev-private-only-private-probe) attached policies: operation error IAM: ' +
      'ListAttachedRolePolicies, ' +
      'https response error StatusCode: 200, RequestID: 7a62c49a, deserialization failed, failed to decode response ' +
      'body, ' +
      'read tcp 127.0.0.1:40416->127.0.0.1:39471: use of closed network connection',
    '│ ',
    '│   with aws_iam_role.private-probe_role,',
    '╵',
  ].join('\n');

  it('names the line that shows a broken emulator connection, unframed', () => {
    expect(transportFault(broken)).toBe(broken.split('\n')[1].replace(/^│ /, ''));
  });

  it.each([
    ['read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer'],
    ['write tcp 127.0.0.1:1->127.0.0.1:2: write: broken pipe'],
    ['Post "http://127.0.0.1:2/": unexpected EOF'],
    ['http: server closed idle connection'],
  ])('recognises %s', (line) => {
    expect(transportFault(`Error: calling the API\n\n${line}\n`)).toBe(line);
  });

  it('is null for an API or configuration error, which must fail the check instead of being retried', () => {
    expect(transportFault('Error: creating EC2 Subnet: InvalidParameterValue: bad CIDR\n')).toBeNull();
    expect(
      transportFault('Error: Unsupported argument\n\nAn argument named "runtimes" is not expected here.'),
    ).toBeNull();
    expect(transportFault('')).toBeNull();
  });
});

describe('plannedChanges', () => {
  const plan = [
    'aws_vpc.network: Refreshing state... [id=vpc-0123]',
    '',
    'Terraform used the selected providers to generate the following execution',
    'plan. Resource actions are indicated with the following symbols:',
    '  ~ update in-place',
    '-/+ destroy and then create replacement',
    '',
    'Terraform will perform the following actions:',
    '',
    '  # aws_lambda_function.private-probe will be updated in-place',
    '  ~ resource "aws_lambda_function" "private-probe" {',
    '        id                             = "dev-private-only-private-probe"',
    '      ~ runtime                        = "nodejs20.x" -> "nodejs22.x"',
    '        tags                           = {}',
    '        # (25 unchanged attributes hidden)',
    '',
    '      + logging_config {',
    '          + log_format = "JSON"',
    '          + log_group  = "/aws/lambda/dev-private-only-private-probe"',
    '        }',
    '',
    '        # (3 unchanged blocks hidden)',
    '    }',
    '',
    '  # aws_vpc_security_group_egress_rule.probe_egress_tcp443 must be replaced',
    '-/+ resource "aws_vpc_security_group_egress_rule" "probe_egress_tcp443" {',
    '      - description            = "HTTPS to DynamoDB" -> null',
    '      ~ cidr_ipv4              = "10.0.0.0/16" -> "10.1.0.0/16" # forces replacement',
    '      ~ id                     = "sgr-0123" -> (known after apply)',
    '        ip_protocol            = "tcp"',
    '    }',
    '',
    'Plan: 1 to add, 1 to change, 1 to destroy.',
    '',
  ].join('\n');

  it('keeps the resource headers, the changed attributes and blocks, and the Plan: line; nothing unchanged', () => {
    expect(plannedChanges(plan)).toBe(
      [
        '  # aws_lambda_function.private-probe will be updated in-place',
        '      ~ runtime                        = "nodejs20.x" -> "nodejs22.x"',
        '      + logging_config {',
        '          + log_format = "JSON"',
        '          + log_group  = "/aws/lambda/dev-private-only-private-probe"',
        '  # aws_vpc_security_group_egress_rule.probe_egress_tcp443 must be replaced',
        '      - description            = "HTTPS to DynamoDB" -> null',
        '      ~ cidr_ipv4              = "10.0.0.0/16" -> "10.1.0.0/16" # forces replacement',
        '      ~ id                     = "sgr-0123" -> (known after apply)',
        'Plan: 1 to add, 1 to change, 1 to destroy.',
      ].join('\n'),
    );
  });

  it('keeps attributes whose names have digits (cidr_ipv4, ipv6_cidr_block, s3_...)', () => {
    const output = [
      '      ~ ipv6_cidr_block = null -> "2001:db8::/56"',
      '      + s3_key = "code.zip"',
      '        ipv4_ipam_pool_id = null',
    ].join('\n');
    expect(plannedChanges(output)).toBe(
      '      ~ ipv6_cidr_block = null -> "2001:db8::/56"\n      + s3_key = "code.zip"',
    );
  });

  it('drops trailing spaces from the lines it keeps', () => {
    expect(
      plannedChanges('  # aws_vpc.network will be updated in-place   \nPlan: 0 to add, 1 to change, 0 to destroy.  '),
    ).toBe('  # aws_vpc.network will be updated in-place\nPlan: 0 to add, 1 to change, 0 to destroy.');
  });

  it('is empty for a plan with no changes', () => {
    expect(
      plannedChanges(
        'aws_vpc.network: Refreshing state... [id=vpc-0123]\n\nNo changes. Your infrastructure matches the ' +
          'configuration.\n',
      ),
    ).toBe('');
  });

  it('keeps at most maxLines lines and says how many more there were', () => {
    const output = Array.from({ length: 5 }, (_, i) => `  # aws_subnet.s${i} will be created`).join('\n');
    expect(plannedChanges(output, 2)).toBe(
      '  # aws_subnet.s0 will be created\n  # aws_subnet.s1 will be created\n... (3 more lines)',
    );
  });
});

/** A task that records how many tasks run at the same time, and the most at once. */
function concurrencyProbe() {
  const probe = { running: 0, most: 0, started: [] as number[] };
  const task = async (item: number, index: number): Promise<string> => {
    probe.started.push(index);
    probe.running++;
    probe.most = Math.max(probe.most, probe.running);
    // Later items finish sooner, so results arrive out of order.
    await delay(2 + (10 - item) * 2);
    probe.running--;
    return `item ${item} at ${index}`;
  };
  return { probe, task };
}

describe('inParallel', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);

  it('returns the results in the order of the items, whatever order they finish in', async () => {
    const { task } = concurrencyProbe();
    expect(await inParallel(items, 3, task)).toEqual(items.map((i) => `item ${i} at ${i}`));
  });

  it.each([1, 3, 4])('runs %i at once, never more', async (jobs) => {
    const { probe, task } = concurrencyProbe();
    await inParallel(items, jobs, task);
    expect(probe.most).toBe(jobs);
    expect(probe.running).toBe(0);
    expect(probe.started).toEqual(items);
  });

  it('runs no more tasks at once than there are items', async () => {
    const { probe, task } = concurrencyProbe();
    expect(await inParallel([0, 1], 8, task)).toEqual(['item 0 at 0', 'item 1 at 1']);
    expect(probe.most).toBe(2);
  });

  it('runs one at a time when asked for none', async () => {
    const { probe, task } = concurrencyProbe();
    await inParallel(items.slice(0, 4), 0, task);
    expect(probe.most).toBe(1);
  });

  it('returns an empty list for no items, without calling the task', async () => {
    const task = jest.fn(async () => 'never');
    expect(await inParallel([], 2, task)).toEqual([]);
    expect(task).not.toHaveBeenCalled();
  });
});

describe('oneAtATime', () => {
  it('runs the tasks given to it one at a time, in the order given', async () => {
    const lock = oneAtATime();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await delay(ms);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([lock(task('a', 15)), lock(task('b', 1)), lock(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('rejects to the caller of a failing task, and runs the next tasks after it', async () => {
    const lock = oneAtATime();
    const events: string[] = [];
    const settled = await Promise.allSettled([
      lock(async () => {
        events.push('a');
        return 'a';
      }),
      lock(async () => {
        events.push('b');
        await delay(5);
        throw new Error('init failed');
      }),
      lock(async () => {
        events.push('c');
        return 'c';
      }),
    ]);
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('init failed') },
      { status: 'fulfilled', value: 'c' },
    ]);
    expect(events).toEqual(['a', 'b', 'c']);
  });

  it('keeps each lock separate: two locks do not wait for each other', async () => {
    const first = oneAtATime();
    const second = oneAtATime();
    const events: string[] = [];
    await Promise.all([
      first(async () => {
        events.push('first start');
        await delay(20);
        events.push('first end');
      }),
      second(async () => {
        events.push('second start');
        await delay(1);
        events.push('second end');
      }),
    ]);
    expect(events).toEqual(['first start', 'second start', 'second end', 'first end']);
  });
});

describe('runEngine', () => {
  const cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-engine-')));
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));
  /** `node -e <script>` as the engine. */
  const node = (script: string, timeoutMs = 20_000, env: NodeJS.ProcessEnv = process.env) =>
    runEngine(process.execPath, ['-e', script], { cwd, env, timeoutMs });

  it(
    'resolves with the exit code and the output of stdout and stderr, in the folder and environment ' + 'given',
    async () => {
      const run = await node(
        'console.log("cwd " + process.cwd()); console.error("value " + process.env.ENGINE_TEST_VALUE); ' +
          'process.exitCode = 3;',
        20_000,
        { ...process.env, ENGINE_TEST_VALUE: 'from the caller' },
      );
      expect(run.code).toBe(3);
      expect(run.timedOut).toBe(false);
      expect(run.output).toContain(`cwd ${cwd}\n`);
      expect(run.output).toContain('value from the caller\n');
      expect(run.output.split('\n').filter(Boolean).sort()).toEqual([`cwd ${cwd}`, 'value from the caller']);
      expect(run.ms).toBeGreaterThanOrEqual(0);
    },
  );

  it('resolves with code 0 for a command that succeeds', async () => {
    expect(await node('process.stdout.write("ok")')).toMatchObject({ code: 0, output: 'ok', timedOut: false });
  });

  it('never rejects: a command killed by a signal resolves with code 1', async () => {
    const run = await node('console.log("about to die"); process.kill(process.pid, "SIGKILL")');
    expect(run).toMatchObject({ code: 1, output: 'about to die\n', timedOut: false });
  });

  it('never rejects: an engine that does not exist resolves with a failing code and the spawn error', async () => {
    const run = await runEngine(path.join(cwd, 'no-such-engine'), ['version'], {
      cwd,
      env: process.env,
      timeoutMs: 20_000,
    });
    expect(run.code).not.toBe(0);
    expect(run.timedOut).toBe(false);
    expect(run.output).toContain('ENOENT');
  });

  it('stops a command at the timeout: code 124, timedOut true, with the output so far', async () => {
    const run = await node('console.log("started"); setTimeout(() => console.log("finished"), 30_000)', 300);
    expect(run).toMatchObject({ code: 124, output: 'started\n', timedOut: true });
    expect(run.ms).toBeGreaterThanOrEqual(290);
    expect(run.ms).toBeLessThan(10_000);
  });

  it('stops a command when its signal aborts (the emulator went away), with the reason in the output', async () => {
    const gone = new AbortController();
    setTimeout(() => gone.abort(new Error('the emulator exited unexpectedly (code 0)')), 300);
    const run = await runEngine(process.execPath, ['-e', 'console.log("applying"); setTimeout(() => {}, 30_000)'], {
      cwd,
      env: process.env,
      timeoutMs: 20_000,
      signal: gone.signal,
    });
    expect(run).toMatchObject({ code: 1, timedOut: false, aborted: true });
    expect(run.output).toBe('applying\n\nthe emulator exited unexpectedly (code 0)\n');
    expect(run.ms).toBeLessThan(10_000);
  });

  it('stops at once a command whose signal had already aborted', async () => {
    const gone = new AbortController();
    gone.abort(new Error('the emulator exited unexpectedly (SIGKILL)'));
    const run = await runEngine(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], {
      cwd,
      env: process.env,
      timeoutMs: 20_000,
      signal: gone.signal,
    });
    expect(run).toMatchObject({ code: 1, aborted: true });
    expect(run.ms).toBeLessThan(10_000);
  });

  it("at the timeout stops the command's own child processes too (the provider plugins)", async () => {
    // The child shares the command's stdout, so the run only ends once the child is gone as well; left
    // running, it would keep the run open for 20 s.
    const child = 'console.log("child up"); setTimeout(() => {}, 20_000)';
    const run = await node(
      `require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(child)}], { stdio: ["ignore", ` +
        `"inherit", "inherit"] });` +
        'setTimeout(() => {}, 30_000)',
      1500,
    );
    expect(run).toMatchObject({ code: 124, output: 'child up\n', timedOut: true });
    expect(run.ms).toBeLessThan(10_000);
  }, 30_000);
});
