import { allResources, bodiesOf, onlyResource, TerraformJson } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsAt } from './fixtures';

// One environment protected, one not; otherwise alike, so every difference between them is the protection.
const { stacks } = synthToTemp([
  environmentValues({ name: 'guarded', variants: variantsAt(80), protectFromDestroy: true }),
  environmentValues({ name: 'open', variants: variantsAt(90) }),
]);
const variants = ['private-only', 'nat-egress', 'privatelink'];
const guarded: [string, TerraformJson][] = variants.map((v) => [`guarded-${v}`, stacks[`guarded-${v}`]]);
const open: [string, TerraformJson][] = variants.map((v) => [`open-${v}`, stacks[`open-${v}`]]);

/** `type.name` of every resource that has `lifecycle.prevent_destroy`. */
const preventDestroyOf = (json: TerraformJson) =>
  allResources(json)
    .filter(([, , body]) => body.lifecycle?.prevent_destroy === true)
    .map(([type, name]) => `${type}.${name}`)
    .sort();

describe('protectFromDestroy: true', () => {
  it.each(guarded)('%s: the VPC has prevent_destroy', (_name, json) => {
    expect(onlyResource(json, 'aws_vpc').lifecycle).toEqual({ prevent_destroy: true });
  });

  it.each(guarded)('%s: every DynamoDB table has prevent_destroy and deletion protection', (_name, json) => {
    for (const table of bodiesOf(json, 'aws_dynamodb_table')) {
      expect(table.lifecycle).toEqual({ prevent_destroy: true });
      expect(table.deletion_protection_enabled).toBe(true);
    }
  });

  it('protects exactly the VPC and the table, under their unchanged addresses', () => {
    expect(preventDestroyOf(stacks['guarded-private-only'])).toEqual([
      'aws_dynamodb_table.table',
      'aws_vpc.network_vpc',
    ]);
    expect(preventDestroyOf(stacks['guarded-nat-egress'])).toEqual(['aws_dynamodb_table.table', 'aws_vpc.network_vpc']);
    expect(preventDestroyOf(stacks['guarded-privatelink'])).toEqual(['aws_vpc.network_vpc']);
  });
});

describe('protectFromDestroy: false (the default)', () => {
  it.each(open)('%s: no resource has a lifecycle block or deletion protection', (_name, json) => {
    for (const [, , body] of allResources(json)) {
      expect(body.lifecycle).toBeUndefined();
      expect(body.deletion_protection_enabled).toBeUndefined();
    }
  });
});

describe('protection moves no address', () => {
  it.each(variants)('%s: the protected and unprotected stacks have the same resource addresses', (variant) => {
    const addresses = (json: TerraformJson) =>
      allResources(json)
        .map(([type, name]) => `${type}.${name}`)
        .sort();
    expect(addresses(stacks[`guarded-${variant}`])).toEqual(addresses(stacks[`open-${variant}`]));
  });
});
