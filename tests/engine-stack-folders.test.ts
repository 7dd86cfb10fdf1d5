// Which stacks the engine checks run on, and what a stack's emulator state still holds.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface EnvironmentStacks { folder: string; config: { accountId: string }; stacks: string[] }
const { environmentStacks, stateAddresses } = require('../scripts/engine/stack-folders.js') as {
  environmentStacks(selected?: string[]): EnvironmentStacks[];
  stateAddresses(stateFile: string): string[];
};

describe('environmentStacks', () => {
  it('gives every environment app in folder order with its account and the stacks of its variants', () => {
    const environments = environmentStacks();
    const folders = fs.readdirSync(path.join(__dirname, '..', 'apps')).filter((folder) =>
      fs.existsSync(path.join(__dirname, '..', 'apps', folder, 'cdktf.json'))).sort();
    expect(environments.map(({ folder }) => folder)).toEqual(folders);
    // Each environment's stacks are the variants it deploys, in stack order (a team may leave some out).
    for (const { folder, stacks } of environments) {
      const order = [`${folder}-private-only`, `${folder}-nat-egress`, `${folder}-privatelink`];
      expect(stacks.length).toBeGreaterThan(0);
      expect(stacks).toEqual(order.filter((stack) => stacks.includes(stack)));
    }
    // The shipped environments, whatever others a team has added with new-env.
    expect(environments.map(({ folder, config, stacks }) => [folder, config.accountId, stacks])).toEqual(expect.arrayContaining([
      ['dev', '111111111111', ['dev-private-only', 'dev-nat-egress', 'dev-privatelink']],
      ['prod', '333333333333', ['prod-private-only', 'prod-nat-egress', 'prod-privatelink']],
      ['staging', '222222222222', ['staging-private-only', 'staging-nat-egress', 'staging-privatelink']],
    ]));
  });

  it('narrows to the stacks named, leaving out environments with none', () => {
    expect(environmentStacks(['prod-privatelink', 'dev-nat-egress']).map(({ folder, stacks }) => [folder, stacks]))
      .toEqual([['dev', ['dev-nat-egress']], ['prod', ['prod-privatelink']]]);
  });

  it('refuses a stack no environment synthesizes, listing the ones allowed', () => {
    expect(() => environmentStacks(['dev-nat-box'])).toThrow(/^unknown stack dev-nat-box; allowed: dev-private-only, dev-nat-egress, .*staging-privatelink$/);
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
});

describe('synthesizedStackFiles', () => {
  const { synthesizedStackFiles } = require('../scripts/synthesized-stacks.js') as {
    synthesizedStackFiles(root: string, envs?: string[]): { env: string; stack: string; file: string }[];
  };

  it('lists the stacks of each environment\'s manifest, not a folder a cached cdktf.out left behind', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-manifest-'));
    const out = path.join(root, 'apps', 'dev', 'cdktf.out');
    for (const stack of ['dev-nat-egress', 'dev-private-only', 'dev-privatelink']) {
      fs.mkdirSync(path.join(out, 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), '{}');
    }
    // dev-privatelink was left out of the environment; turbo restored the newer output over the older folder.
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ stacks: { 'dev-private-only': {}, 'dev-nat-egress': {} } }));
    fs.mkdirSync(path.join(root, 'apps', 'staging'));
    expect(synthesizedStackFiles(root)).toEqual([
      { env: 'dev', stack: 'dev-nat-egress', file: path.join(out, 'stacks', 'dev-nat-egress', 'cdk.tf.json') },
      { env: 'dev', stack: 'dev-private-only', file: path.join(out, 'stacks', 'dev-private-only', 'cdk.tf.json') },
    ]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
