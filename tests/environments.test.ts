import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ipv4Cidr } from '@lambda-vpc/network';
import { VARIANTS } from '@lambda-vpc/stacks';
import { asCdktfBuildWrites } from './framework-output';
import { allResources, bodiesOf, onlyResource, resourcesOf, TerraformJson } from '../test-support/terraform-json';
import {
  configuredStacks,
  environmentApps,
  itWhileConfigured,
  repositoryRoot,
  SHIPPED_STACKS,
  synthAllEnvironments,
} from './environments';
import { staleStackSnapshots } from './stack-snapshot';

const apps = environmentApps();
const { outdir, stacks } = synthAllEnvironments();

function stack(name: string): TerraformJson {
  const json = stacks[name];
  if (!json) throw new Error(`no stack ${name}; stacks: ${Object.keys(stacks).join(', ')}`);
  return json;
}

describe('environments', () => {
  it('include dev, staging and prod, each app named after its folder', () => {
    expect(apps.map((app) => app.folder)).toEqual(expect.arrayContaining(['dev', 'prod', 'staging']));
    for (const app of apps) expect(app.values.name).toBe(app.folder);
  });

  it('each synthesize the variants they configure, in stack order, and nothing else', () => {
    const expected = apps.flatMap((app) =>
      VARIANTS.filter(
        (variant) => (app.config.variants as Record<string, unknown>)[variant.configKey] !== undefined,
      ).map((variant) => `${app.folder}-${variant.name}`),
    );
    expect(Object.keys(stacks).sort()).toEqual([...expected].sort());
    expect(configuredStacks()).toEqual(expected);
    // The shipped environments deploy the shipped variants they keep (all three as shipped), in registry order.
    for (const env of ['dev', 'staging', 'prod']) {
      expect(
        expected.filter((name) => /-(private-only|nat-egress|privatelink)$/.test(name) && name.startsWith(`${env}-`)),
      ).toEqual(SHIPPED_STACKS.filter((name) => name.startsWith(`${env}-`) && expected.includes(name)));
    }
  });

  it('each app has a cdktf.json that runs its compiled main', () => {
    for (const app of apps) {
      const cdktf = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'apps', app.folder, 'cdktf.json'), 'utf8'));
      expect(cdktf.language).toBe('typescript');
      expect(cdktf.app).toMatch(/node dist\/main\.js$/);
    }
  });
});

// A shipped stack's own expectations: reported as skipped for a stack a team has deleted (docs/getting-started.md).
describe('NAT choice per environment', () => {
  itWhileConfigured('dev-nat-egress')('dev: one NAT instance over 2 AZs, no NAT gateway', () => {
    const json = stack('dev-nat-egress');
    expect(resourcesOf(json, 'aws_instance')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(0);
    expect(new Set(bodiesOf(json, 'aws_subnet').map((s) => s.availability_zone))).toEqual(
      new Set(['eu-west-1a', 'eu-west-1b']),
    );
  });

  itWhileConfigured('staging-nat-egress')('staging: one NAT gateway over 2 AZs', () => {
    const json = stack('staging-nat-egress');
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_instance')).toHaveLength(0);
    expect(new Set(bodiesOf(json, 'aws_subnet').map((s) => s.availability_zone)).size).toBe(2);
  });

  itWhileConfigured('prod-nat-egress')('prod: a NAT gateway in each of 3 AZs', () => {
    const json = stack('prod-nat-egress');
    expect(bodiesOf(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(new Set(bodiesOf(json, 'aws_subnet').map((s) => s.availability_zone)).size).toBe(3);
  });
});

describe('PrivateLink per environment', () => {
  itWhileConfigured('prod-privatelink')(
    'prod: reachable from its on-premises network, with an inbound resolver for on-premises DNS',
    () => {
      const json = stack('prod-privatelink');
      expect(resourcesOf(json, 'aws_route53_resolver_endpoint')).toHaveLength(1);
      expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => r.cidr_ipv4)).toContain('172.16.0.0/16');
    },
  );

  itWhileConfigured('dev-privatelink')('dev: the caller alone, no on-premises path', () => {
    const json = stack('dev-privatelink');
    expect(resourcesOf(json, 'aws_route53_resolver_endpoint')).toHaveLength(0);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.cidr_ipv4 !== undefined)).toEqual([]);
  });
});

describe('protection from destroy', () => {
  /** `type.name` of every resource with `lifecycle.prevent_destroy`, and of every table with deletion protection. */
  const protectedIn = (json: TerraformJson) => ({
    preventDestroy: allResources(json)
      .filter(([, , body]) => body.lifecycle?.prevent_destroy === true)
      .map(([type, name]) => `${type}.${name}`)
      .sort(),
    deletionProtection: allResources(json)
      .filter(([, , body]) => body.deletion_protection_enabled === true)
      .map(([type, name]) => `${type}.${name}`)
      .sort(),
  });

  const prod = {
    'prod-private-only': {
      preventDestroy: ['aws_dynamodb_table.table', 'aws_vpc.network_vpc'],
      deletionProtection: ['aws_dynamodb_table.table'],
    },
    'prod-nat-egress': {
      preventDestroy: ['aws_dynamodb_table.table', 'aws_vpc.network_vpc'],
      deletionProtection: ['aws_dynamodb_table.table'],
    },
    'prod-privatelink': { preventDestroy: ['aws_vpc.network_vpc'], deletionProtection: [] },
  };
  for (const [name, expected] of Object.entries(prod)) {
    itWhileConfigured(name)(
      `${name}: every VPC and DynamoDB table has prevent_destroy, and every table deletion protection`,
      () => {
        expect(protectedIn(stack(name))).toEqual(expected);
      },
    );
  }

  it.each(
    Object.keys(stacks)
      .filter((name) => !name.startsWith('prod-'))
      .sort(),
  )('%s: nothing is protected, so the stack can be torn down', (name) => {
    expect(protectedIn(stack(name))).toEqual({ preventDestroy: [], deletionProtection: [] });
  });
});

describe('VPC CIDRs', () => {
  it('are distinct and overlap nowhere in the repository, so any two VPCs can be peered', () => {
    const vpcs = Object.entries(stacks).map(([name, json]) => ({
      name,
      cidr: Ipv4Cidr.parse(onlyResource(json, 'aws_vpc').cidr_block),
    }));
    expect(vpcs.length).toBe(Object.keys(stacks).length);
    vpcs.forEach((a, i) =>
      vpcs.slice(i + 1).forEach((b) => {
        expect({ pair: `${a.name} ~ ${b.name}`, overlaps: a.cidr.overlaps(b.cidr) }).toEqual({
          pair: `${a.name} ~ ${b.name}`,
          overlaps: false,
        });
      }),
    );
  });
});

describe('function packages', () => {
  it("each function's zip is in its stack folder, and source_code_hash is the base64 SHA-256 of those bytes", () => {
    let functions = 0;
    for (const [name, json] of Object.entries(stacks)) {
      for (const fn of bodiesOf(json, 'aws_lambda_function')) {
        const zip = fs.readFileSync(path.join(outdir, 'stacks', name, fn.filename));
        expect([name, fn.source_code_hash]).toEqual([name, crypto.createHash('sha256').update(zip).digest('base64')]);
        functions += 1;
      }
    }
    // one probe per stack, the caller in each privatelink stack, and the functions environments declare
    const declared = apps.flatMap((app) =>
      VARIANTS.filter((variant) => (app.config.variants as Record<string, unknown>)[variant.configKey]).flatMap(
        (variant) => {
          const settings = variant.settingsOf(app.config) as { functions?: Record<string, unknown> };
          return Object.keys(settings.functions ?? {}).map((name) => [`${app.config.name}-${variant.name}`, name]);
        },
      ),
    );
    for (const [stack, name] of declared) {
      const fn = stacks[stack]?.resource?.aws_lambda_function?.[name];
      expect([stack, name, fn?.function_name]).toEqual([stack, name, `${stack}-${name}`]);
    }
    const callers = Object.keys(stacks).filter((name) => name.endsWith('-privatelink')).length;
    expect(functions).toBe(Object.keys(stacks).length + callers + declared.length);
  });
});

// One snapshot for both framework builds: the cdktn build's differs only where
// toolkit/frameworks/allowed-differences.json allows. One file per stack: tests/__snapshots__/stacks/<stack>.snapshot
// (see stack-snapshot.ts).
describe('snapshots (a diff alarm beside the assertions above)', () => {
  it.each(Object.keys(stacks).sort())('%s', (name) => {
    expect(asCdktfBuildWrites(stack(name), `stacks/${name}/cdk.tf.json`)).toMatchStackSnapshot(name);
  });

  it('keep no snapshot file of a stack no longer synthesized (npx jest -u removes them)', () => {
    expect(staleStackSnapshots(Object.keys(stacks))).toEqual([]);
  });
});
