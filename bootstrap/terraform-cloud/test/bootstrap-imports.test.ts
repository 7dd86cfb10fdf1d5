import * as fs from 'node:fs';
import * as path from 'node:path';

// The tfe bindings follow the same rule as the AWS ones: provider classes by deep path
// (`@cdktf/provider-tfe/lib/workspace`), never the package root, which loads every binding.
const root = path.resolve(__dirname, '..', '..', '..');
const folders = ['bootstrap/terraform-cloud/src', 'bootstrap/terraform-cloud/test'];

function typescriptFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('tfe provider imports', () => {
  const files = folders.flatMap((folder) => typescriptFiles(path.join(root, folder)));
  const text = (file: string) => fs.readFileSync(file, 'utf8');

  it('finds the bootstrap sources that use the tfe bindings', () => {
    const users = files
      .filter((file) => text(file).includes('@cdktf/provider-tfe'))
      .map((file) => path.relative(root, file));
    expect(users).toEqual(
      expect.arrayContaining(['bootstrap/terraform-cloud/src/terraform-cloud-workspaces-stack.ts']),
    );
  });

  it('imports tfe provider classes by deep path, never the @cdktf/provider-tfe root', () => {
    const rootImport = /from\s+['"]@cdktf\/provider-tfe['"]|require\(\s*['"]@cdktf\/provider-tfe['"]\s*\)/;
    expect(files.filter((file) => rootImport.test(text(file))).map((file) => path.relative(root, file))).toEqual([]);
  });
});
