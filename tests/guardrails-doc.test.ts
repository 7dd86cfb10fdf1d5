import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '@lambda-vpc/guardrails';
import { repositoryRoot } from './environments';

describe('docs/guardrails.md', () => {
  const doc = fs.readFileSync(path.join(repositoryRoot, 'docs', 'guardrails.md'), 'utf8');
  const rows = new Map(
    doc
      .split('\n')
      .filter((line) => /^\| LVB-/.test(line))
      .map((line) => [line.split('|')[1].trim(), line]),
  );

  it('has one row per rule, and no row for a rule that does not exist', () => {
    expect([...rows.keys()].sort()).toEqual(ALL_RULES.map((rule) => rule.id).sort());
  });

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))(
    '%s: the row carries its title and every scanner equivalent',
    (id, rule) => {
      const row = rows.get(id)!;
      expect(row).toContain(`| ${rule.title} |`);
      for (const scanner of rule.scannerEquivalents) expect(row).toContain(scanner);
      if (rule.scannerEquivalents.length === 0) expect(row).toContain('(none)');
    },
  );
});
