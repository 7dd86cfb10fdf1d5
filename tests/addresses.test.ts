import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { BlueprintStack, EnvironmentConfig, loadEnvironments, VARIANTS } from '@lambda-vpc/stacks';
import {
  addressesOf,
  checkAddresses,
  formatLedger,
  ledgerFile,
  parseLedger,
  RECORD_COMMAND,
  StackAddressJson,
} from './address-ledger';
import { configuredStacks, environmentApps, repositoryRoot, synthAllEnvironments } from './environments';

const { stacks } = synthAllEnvironments();
const stackNames = Object.keys(stacks).sort();

/** The ledger file's text, or undefined when there is none. */
function ledgerText(stack: string): string | undefined {
  const file = path.join(repositoryRoot, ledgerFile(stack));
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

describe('the address ledger of every stack (tests/addresses)', () => {
  it('has a ledger for each stack the environments configure, and no ledger without a stack', () => {
    expect(stackNames).toEqual(configuredStacks().sort());
    expect(stackNames.length).toBeGreaterThan(0);
    const ledgers = fs
      .readdirSync(path.join(repositoryRoot, 'tests', 'addresses'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.slice(0, -'.txt'.length))
      .sort();
    expect(ledgers).toEqual(stackNames);
  });

  it.each(stackNames)('%s: matches the synthesized stack, exactly as the record command writes it', (name) => {
    const text = ledgerText(name);
    const check = checkAddresses(
      name,
      text === undefined ? undefined : parseLedger(text),
      stacks[name] as StackAddressJson,
    );
    expect(check.problems).toEqual([]);
    expect(text).toBe(formatLedger(addressesOf(stacks[name] as StackAddressJson)));
  });

  it.each(stackNames)('%s: records the VPC at aws_vpc.network_vpc', (name) => {
    expect(parseLedger(ledgerText(name) ?? '')).toContain('aws_vpc.network_vpc');
  });
});

// Hand-written stacks: a VPC and a subnet, recorded; then changed.
const recordedStack: StackAddressJson = {
  resource: { aws_vpc: { network_vpc: {} }, aws_subnet: { network_subnet_a: {} } },
};
const recorded = addressesOf(recordedStack);
const renamed = (moved?: StackAddressJson['moved']): StackAddressJson => ({
  resource: { aws_vpc: { net_vpc: {} }, aws_subnet: { network_subnet_a: {} } },
  ...(moved ? { moved } : {}),
});

describe('checkAddresses', () => {
  it('passes an unchanged stack', () => {
    expect(recorded).toEqual(['aws_subnet.network_subnet_a', 'aws_vpc.network_vpc']);
    expect(checkAddresses('s', recorded, recordedStack).problems).toEqual([]);
  });

  it('fails a rename without a moved block, naming the old address as one Terraform would destroy', () => {
    const check = checkAddresses('s', recorded, renamed());
    expect(check.removedWithoutMove).toEqual(['aws_vpc.network_vpc']);
    const removal = check.problems.find((p) => p.includes('aws_vpc.network_vpc'));
    expect(removal).toMatch(
      /^s: aws_vpc\.network_vpc is recorded in tests\/addresses\/s\.txt but gone .*Terraform would destroy it/,
    );
    expect(removal).toContain("moveFromId('aws_vpc.network_vpc')");
  });

  it(
    'accepts the same rename with a moved block; only recording the new address remains, after which it ' + 'passes',
    () => {
      const json = renamed([{ from: 'aws_vpc.network_vpc', to: 'aws_vpc.net_vpc' }]);
      const check = checkAddresses('s', recorded, json);
      expect(check.removedWithoutMove).toEqual([]);
      expect(check.movedToMissing).toEqual([]);
      expect(check.movedAway).toEqual([{ from: 'aws_vpc.network_vpc', to: 'aws_vpc.net_vpc' }]);
      expect(check.problems).toEqual([
        expect.stringContaining(
          'aws_vpc.net_vpc is not recorded in tests/addresses/s.txt (moved from aws_vpc.network_vpc)',
        ),
      ]);
      expect(checkAddresses('s', addressesOf(json), json).problems).toEqual([]);
    },
  );

  it('follows a chain of moves, and moves of single instances', () => {
    expect(
      checkAddresses(
        's',
        recorded,
        renamed([
          { from: 'aws_vpc.network_vpc', to: 'aws_vpc.interim_vpc' },
          { from: 'aws_vpc.interim_vpc', to: 'aws_vpc.net_vpc' },
        ]),
      ).removedWithoutMove,
    ).toEqual([]);
    expect(
      checkAddresses('s', recorded, renamed([{ from: 'aws_vpc.network_vpc[0]', to: 'aws_vpc.net_vpc[0]' }]))
        .removedWithoutMove,
    ).toEqual([]);
  });

  it('fails a moved block to an address that does not exist, and the old address with it', () => {
    const check = checkAddresses('s', recorded, renamed([{ from: 'aws_vpc.network_vpc', to: 'aws_vpc.netwrk_vpc' }]));
    expect(check.movedToMissing).toEqual([{ from: 'aws_vpc.network_vpc', to: 'aws_vpc.netwrk_vpc' }]);
    expect(check.problems).toContainEqual(
      expect.stringMatching(
        /^s: moved block from aws_vpc\.network_vpc to aws_vpc\.netwrk_vpc, but no resource aws_vpc\.netwrk_vpc exists/,
      ),
    );
    expect(check.removedWithoutMove).toEqual(['aws_vpc.network_vpc']);
  });

  it('fails a cycle of moves', () => {
    const check = checkAddresses(
      's',
      recorded,
      renamed([
        { from: 'aws_vpc.network_vpc', to: 'aws_vpc.a' },
        { from: 'aws_vpc.a', to: 'aws_vpc.network_vpc' },
      ]),
    );
    expect(check.movedToMissing).toHaveLength(2);
    expect(check.removedWithoutMove).toEqual(['aws_vpc.network_vpc']);
  });

  it('fails a moved block from an address that is still a resource (Terraform refuses it)', () => {
    const check = checkAddresses('s', recorded, {
      ...recordedStack,
      moved: [{ from: 'aws_subnet.network_subnet_a', to: 'aws_vpc.network_vpc' }],
    });
    expect(check.movedFromExisting).toEqual([{ from: 'aws_subnet.network_subnet_a', to: 'aws_vpc.network_vpc' }]);
    expect(check.problems).toContainEqual(
      expect.stringContaining('moved block from aws_subnet.network_subnet_a, which is still a resource'),
    );
  });

  it('reports an added resource as unrecorded, telling the developer to review and record', () => {
    const json: StackAddressJson = {
      resource: { ...recordedStack.resource, aws_subnet: { network_subnet_a: {}, network_subnet_b: {} } },
    };
    const check = checkAddresses('s', recorded, json);
    expect(check.removedWithoutMove).toEqual([]);
    expect(check.unrecorded).toEqual(['aws_subnet.network_subnet_b']);
    expect(check.problems).toEqual([
      `s: aws_subnet.network_subnet_b is not recorded in tests/addresses/s.txt; review the change of addresses, then ` +
        `run \`${RECORD_COMMAND}\` and commit the ledger so the change shows in review`,
    ]);
  });

  it('fails a stack with no ledger file, saying how to create it', () => {
    const check = checkAddresses('s', undefined, recordedStack);
    expect(check.missingLedger).toBe(true);
    expect(check.problems).toEqual([
      `s: no address ledger tests/addresses/s.txt (2 resources); create it with \`${RECORD_COMMAND}\`, review it and ` +
        `commit it`,
    ]);
  });

  it('reads addresses only from resources, not data sources or outputs', () => {
    expect(addressesOf({ resource: { aws_vpc: { v: {} } }, data: { aws_ami: { a: {} } } } as StackAddressJson)).toEqual(
      ['aws_vpc.v'],
    );
  });
});

describe('the ledger file format', () => {
  it('is sorted, one address a line, with a final newline, and reads back', () => {
    const text = formatLedger(['aws_vpc.b', 'aws_subnet.a', 'aws_vpc.b']);
    expect(text).toBe('aws_subnet.a\naws_vpc.b\n');
    expect(parseLedger(text)).toEqual(['aws_subnet.a', 'aws_vpc.b']);
    expect(parseLedger('aws_subnet.a\r\n\r\naws_vpc.b')).toEqual(['aws_subnet.a', 'aws_vpc.b']);
  });
});

// The moves cdktf 0.21 lets a developer declare, through BlueprintStack's own addresses (construct path joined by `_`).
describe('moves declared in cdktf produce moved blocks the ledger accepts', () => {
  const [config] = loadEnvironments([environmentApps().find((app) => app.folder === 'dev')!.values]);

  class DemoStack extends BlueprintStack {
    constructor(app: App, stackConfig: EnvironmentConfig, build: (stack: DemoStack) => void) {
      super(app, { config: stackConfig, variant: VARIANTS[0] });
      build(this);
    }
  }
  const synth = (build: (stack: DemoStack) => void): StackAddressJson =>
    JSON.parse(Testing.synth(new DemoStack(Testing.app(), config, build))) as StackAddressJson;

  const before = synth((stack) => {
    new Vpc(stack, 'old-vpc', { cidrBlock: '10.99.0.0/16' });
  });
  const ledger = addressesOf(before);

  it('the recorded stack has the old address', () => {
    expect(ledger).toContain('aws_vpc.old-vpc');
  });

  it('a rename alone would destroy the VPC', () => {
    const after = synth((stack) => {
      new Vpc(stack, 'new-vpc', { cidrBlock: '10.99.0.0/16' });
    });
    expect(after).not.toHaveProperty('moved');
    expect(checkAddresses('demo', ledger, after).removedWithoutMove).toEqual(['aws_vpc.old-vpc']);
  });

  it('moveFromId on the renamed resource: a top-level moved block, accepted', () => {
    const after = synth((stack) => {
      new Vpc(stack, 'new-vpc', { cidrBlock: '10.99.0.0/16' }).moveFromId('aws_vpc.old-vpc');
    });
    expect(after.moved).toEqual([{ from: 'aws_vpc.old-vpc', to: 'aws_vpc.new-vpc' }]);
    const check = checkAddresses('demo', ledger, after);
    expect(check.removedWithoutMove).toEqual([]);
    expect(check.movedToMissing).toEqual([]);
    expect(check.unrecorded).toEqual(['aws_vpc.new-vpc']);
    expect(checkAddresses('demo', addressesOf(after), after).problems).toEqual([]);
  });

  it(
    'moveTo on the old construct, kept, with addMoveTarget on the new one: the old one no longer renders, ' +
      'accepted',
    () => {
      const after = synth((stack) => {
        new Vpc(stack, 'old-vpc', { cidrBlock: '10.99.0.0/16' }).moveTo('vpc');
        new Vpc(stack, 'new-vpc', { cidrBlock: '10.99.0.0/16' }).addMoveTarget('vpc');
      });
      expect(after.moved).toEqual([{ from: 'aws_vpc.old-vpc', to: 'aws_vpc.new-vpc' }]);
      expect(Object.keys(after.resource!.aws_vpc)).toEqual(['new-vpc']);
      expect(checkAddresses('demo', ledger, after).removedWithoutMove).toEqual([]);
    },
  );

  it('a moveFromId with a mistyped old address leaves the old one to be destroyed', () => {
    const after = synth((stack) => {
      new Vpc(stack, 'new-vpc', { cidrBlock: '10.99.0.0/16' }).moveFromId('aws_vpc.old_vpc');
    });
    expect(checkAddresses('demo', ledger, after).removedWithoutMove).toEqual(['aws_vpc.old-vpc']);
  });
});
