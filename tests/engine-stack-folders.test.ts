// Which stacks the engine checks run on, and what a stack's emulator state still holds.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VARIANTS } from '@lambda-vpc/stacks';
import { environmentStacks, stateAddresses, taintedAddresses } from '@lambda-vpc/tools/dist/engine/stack-folders';
import { configuredStacks, itWhileConfigured, SHIPPED_STACKS } from './environments';

describe('environmentStacks', () => {
  it('gives every environment app in folder order with its account and the stacks of its variants', () => {
    const environments = environmentStacks();
    const folders = fs
      .readdirSync(path.join(__dirname, '..', 'apps'))
      .filter((folder) => fs.existsSync(path.join(__dirname, '..', 'apps', folder, 'cdktf.json')))
      .sort();
    expect(environments.map(({ folder }) => folder)).toEqual(folders);
    // Each environment's stacks are the variants it deploys, in stack order (a team may leave some out).
    for (const { folder, stacks } of environments) {
      const order = VARIANTS.map((variant) => `${folder}-${variant.name}`);
      expect(stacks.length).toBeGreaterThan(0);
      expect(stacks).toEqual(order.filter((stack) => stacks.includes(stack)));
    }
    // The shipped environments and the shipped variants they keep, whatever others a team has added (new-env, a new
    // variant) or deleted (docs/getting-started.md step 5).
    const shipped = { dev: '111111111111', staging: '222222222222', prod: '333333333333' };
    const configured = configuredStacks();
    for (const [folder, accountId] of Object.entries(shipped)) {
      const environment = environments.find((candidate) => candidate.folder === folder);
      expect(environment?.config.accountId).toBe(accountId);
      expect(environment?.stacks).toEqual(
        expect.arrayContaining(
          SHIPPED_STACKS.filter((stack) => stack.startsWith(`${folder}-`) && configured.includes(stack)),
        ),
      );
    }
    expect(environments.flatMap(({ stacks }) => stacks)).toEqual(configured);
  });

  itWhileConfigured('prod-privatelink', 'dev-nat-egress')(
    'narrows to the stacks named, leaving out environments with none',
    () => {
      expect(
        environmentStacks(['prod-privatelink', 'dev-nat-egress']).map(({ folder, stacks }) => [folder, stacks]),
      ).toEqual([
        ['dev', ['dev-nat-egress']],
        ['prod', ['prod-privatelink']],
      ]);
    },
  );

  it('refuses a stack no environment synthesizes, listing the ones allowed', () => {
    expect(() => environmentStacks(['dev-nat-box'])).toThrow(
      new Error(`unknown stack dev-nat-box; allowed: ${configuredStacks().join(', ')}`),
    );
  });
});

describe('stateAddresses', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-state-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stateWith = (resources: unknown[]): string => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.tfstate`);
    fs.writeFileSync(file, JSON.stringify({ version: 4, resources }));
    return file;
  };

  it('lists managed resources and data sources that still have instances, and nothing else', () => {
    const file = stateWith([
      { mode: 'managed', type: 'aws_vpc', name: 'network_vpc', instances: [{ attributes: {} }] },
      { mode: 'data', type: 'aws_ssm_parameter', name: 'nat_ami', instances: [{ attributes: {} }] },
      { mode: 'managed', type: 'aws_subnet', name: 'gone', instances: [] },
    ]);
    expect(stateAddresses(file)).toEqual(['aws_vpc.network_vpc', 'data.aws_ssm_parameter.nat_ami']);
  });

  it('is empty for a destroyed stack and for a stack never applied', () => {
    expect(stateAddresses(stateWith([]))).toEqual([]);
    expect(stateAddresses(path.join(dir, 'never-applied.tfstate'))).toEqual([]);
  });

  // What an apply cut off by a broken emulator connection leaves: the VPC created, tainted.
  it('taintedAddresses: the managed instances marked tainted, with their index keys', () => {
    const file = stateWith([
      { mode: 'managed', type: 'aws_vpc', name: 'network_vpc', instances: [{ status: 'tainted', attributes: {} }] },
      {
        mode: 'managed',
        type: 'aws_subnet',
        name: 'private',
        instances: [
          { index_key: 0, attributes: {} },
          { index_key: 1, status: 'tainted', attributes: {} },
        ],
      },
      {
        mode: 'managed',
        type: 'aws_route',
        name: 'egress',
        instances: [{ index_key: 'eu-west-1a', status: 'tainted', attributes: {} }],
      },
      { mode: 'data', type: 'aws_ssm_parameter', name: 'nat_ami', instances: [{ status: 'tainted', attributes: {} }] },
    ]);
    expect(taintedAddresses(file)).toEqual([
      'aws_vpc.network_vpc',
      'aws_subnet.private[1]',
      'aws_route.egress["eu-west-1a"]',
    ]);
    expect(taintedAddresses(path.join(dir, 'never-applied.tfstate'))).toEqual([]);
  });
});
