// Property-based runs over generated environment configs (toolkit/commands/src/properties/): a few cases of each
// property here, many with `npm run fuzz -- --runs N`. A failure prints the shrunk counterexample with the seed and
// path that replay it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { NAT_STRATEGY_KINDS } from '@lambda-vpc/nat';
import { Ipv4Cidr, planSubnets } from '@lambda-vpc/network';
import { EnvironmentInput, synthEnvironments, VARIANTS } from '@lambda-vpc/stacks';
import { smallestFittingPrefix } from '@lambda-vpc/tools/dist/properties/address-space';
import { repositoryArbitrary } from '@lambda-vpc/tools/dist/properties/environment-arbitrary';
import { ENVIRONMENT_PROPERTIES } from '@lambda-vpc/tools/dist/properties/environment-properties';
import { mutantArbitrary } from '@lambda-vpc/tools/dist/properties/mutation-arbitrary';
import { unresolvedTokens } from '@lambda-vpc/tools/dist/properties/token-release';
import { repositoryRoot } from './environments';

/** Cases per property in `npm test`: a synth costs tenths of a second, the config check alone a millisecond. */
const RUNS = [4, 2, 150] as const;

type Settings = Record<string, unknown> & { cidr: string };
const settingsOf = (env: EnvironmentInput) => env.variants as Record<string, Settings | undefined>;
/** A fixed sample, so what the generators cover is checked the same way on every run. */
const repositories = fc.sample(repositoryArbitrary, { numRuns: 200, seed: 24 });

describe('the valid repositories generated', () => {
  const environments = repositories.flat();

  it('use real AZs of their region, 1 to 4, and 2 or more where a VPC holds a function or the name is prod', () => {
    for (const env of environments) {
      const zones = env.availabilityZones as string[];
      expect(zones.every((az) => az.startsWith(env.region as string))).toBe(true);
      expect(zones.length).toBeGreaterThanOrEqual(env.name === 'prod' ? 2 : 1);
      expect(zones.length).toBeLessThanOrEqual(4);
    }
    const counts = new Set(environments.map((env) => (env.availabilityZones as string[]).length));
    expect([...counts].sort()).toEqual([1, 2, 3, 4]);
  });

  it('never overlap: no two VPCs, nor a VPC and an outside network, within or across environments', () => {
    const overlaps = repositories.flatMap((repository) => {
      const blocks = repository
        .flatMap((env) => [
          ...Object.values(settingsOf(env)).flatMap((settings) => (settings ? [settings.cidr] : [])),
          ...((settingsOf(env).privatelink?.onPremisesCidrs as string[] | undefined) ?? []),
          ...((settingsOf(env).privatelink?.remoteCallers as { cidr: string }[] | undefined) ?? []).map((c) => c.cidr),
        ])
        .map((cidr) => Ipv4Cidr.parse(cidr));
      return blocks.flatMap((a, i) => blocks.slice(i + 1).flatMap((b) => (a.overlaps(b) ? [`${a} and ${b}`] : [])));
    });
    expect(overlaps).toEqual([]);
  });

  it('size each VPC from the smallest its subnet plan fits up to a /16, and reach both ends', () => {
    const sizes = environments.flatMap((env) =>
      VARIANTS.flatMap((variant) => {
        const settings = settingsOf(env)[variant.configKey];
        if (!settings) return [];
        const zones = env.availabilityZones as string[];
        const smallest = smallestFittingPrefix(variant.subnetTiers(settings as never), zones)!;
        const prefix = Ipv4Cidr.parse(settings.cidr).prefixLength;
        expect(() =>
          planSubnets({
            vpcCidr: settings.cidr,
            availabilityZones: zones,
            tiers: variant.subnetTiers(settings as never),
          }),
        ).not.toThrow();
        expect(prefix).toBeLessThanOrEqual(smallest);
        return [prefix === smallest ? 'smallest' : prefix === 16 ? '/16' : 'between'];
      }),
    );
    expect(new Set(sizes)).toEqual(new Set(['smallest', '/16', 'between']));
  });

  it('cover every NAT strategy, every backend, interface endpoints, on-premises networks and remote callers', () => {
    const nat = environments.flatMap((env) => {
      const natEgress = settingsOf(env).natEgress;
      return natEgress ? [(natEgress.nat as { strategy: string }).strategy] : [];
    });
    expect(new Set(nat)).toEqual(new Set(NAT_STRATEGY_KINDS));
    expect(
      new Set(environments.map((env) => (env.backend as { type: string } | undefined)?.type ?? 'default')),
    ).toEqual(new Set(['default', 'local', 's3', 'cloud']));
    const has = (key: string, field: string) =>
      environments.some((env) => ((settingsOf(env)[key]?.[field] as unknown[] | undefined) ?? []).length > 0);
    expect([
      has('privateOnly', 'interfaceEndpoints'),
      has('privatelink', 'onPremisesCidrs'),
      has('privatelink', 'remoteCallers'),
    ]).toEqual([true, true, true]);
  });
});

describe('the invalid repositories generated', () => {
  const mutants = fc.sample(mutantArbitrary, { numRuns: 2000, seed: 24 });

  it('change one field of one environment, and cover every kind of change', () => {
    const kinds = new Set(mutants.map((mutant) => mutant.mutation));
    expect(kinds.size).toBeGreaterThanOrEqual(45);
    expect(kinds).toContain('AZ twice');
    expect(kinds).toContain('remote caller name trailing dash');
  });
});

describe.each(ENVIRONMENT_PROPERTIES.map((property, index) => [property.name, property, RUNS[index]!] as const))(
  '%s',
  (_name, property, runs) => {
    it(`holds over ${runs} generated case(s)`, () => {
      fc.assert(
        fc.property(property.arbitrary as fc.Arbitrary<unknown>, (value) =>
          (property.check as (value: unknown) => void)(value),
        ),
        { numRuns: runs },
      );
    });
  },
);

describe("a case's cdktf tokens", () => {
  /** cdktf's process-wide token storage: every token's key, string and number. */
  const registeredTokens = (): string[] => {
    const storage = (globalThis as { __cdktfTokenMap?: Record<string, unknown> }).__cdktfTokenMap ?? {};
    return Object.values(storage).flatMap((map) =>
      Object.prototype.toString.call(map) === '[object Map]'
        ? [...(map as Map<unknown, unknown>).keys()].map(String)
        : [],
    );
  };

  it('are dropped when the case ends, and the tokens registered before it are kept (a long run stays flat)', () => {
    const [synthProperty] = ENVIRONMENT_PROPERTIES;
    const [first, second] = fc.sample(synthProperty.arbitrary, { numRuns: 2, seed: 5 });
    // A synth outside a case keeps its tokens, as cdktf does: the ones a case must leave alone.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-tokens-'));
    try {
      synthEnvironments(first!, { outdir: folder });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    const before = registeredTokens();
    expect(before.length).toBeGreaterThan(100);
    synthProperty.check(second!);
    expect(registeredTokens()).toEqual(before);
  });

  it('are refused in the output when one is left unresolved: string, list and map tokens, each once', () => {
    const text = '{"a": "${TfToken[TOKEN.3]}", "b": ["#{TfToken[TOKEN.4]}"], "c": "${TfToken[TOKEN.3]}", "d": "${x}"}';
    expect(unresolvedTokens(text)).toEqual(['${TfToken[TOKEN.3]}', '#{TfToken[TOKEN.4]}']);
  });
});

describe('npm run fuzz', () => {
  const fuzz = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(repositoryRoot, 'toolkit/commands/dist/fuzz.js'), ...args], {
      encoding: 'utf8',
    });

  it('prints the cases per second of each property it runs, with the seed that repeats the run', () => {
    const run = fuzz('--property', '3', '--runs', '40', '--seed', '7');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('fuzz: 40 case(s) per property, seed 7');
    expect(lines[1]).toMatch(/^fuzz: 3\. one field out of its domain .*: 40 case\(s\) in [0-9.]+ s, [0-9.]+ cases\/s$/);
  });

  it('refuses a bad option in one line', () => {
    const run = fuzz('--runs', 'many');
    expect([run.status, run.stderr]).toEqual([1, 'fuzz: --runs many: allowed: a whole number of 1 or more\n']);
  });
});
