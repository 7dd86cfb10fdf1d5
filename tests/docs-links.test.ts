// The README and docs link to each other by file and heading: every relative link must reach a file that exists
// and, when it names a heading, a heading that exists, so moving a section never leaves a reader at a dead end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './environments';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings (outside code blocks). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = !inCode && /^#{1,6} (.+)$/.exec(line);
    if (heading) anchors.add(headingAnchor(heading[1]));
  }
  return anchors;
}

/** Every relative link `[text](target)` of a Markdown file, outside code blocks. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown
    .split('```')
    .filter((_, index) => index % 2 === 0)
    .join('\n');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target));
}

const documents = [
  'README.md',
  'CHANGELOG.md',
  ...fs.readdirSync(path.join(repositoryRoot, 'docs')).map((file) => `docs/${file}`),
  ...fs.readdirSync(path.join(repositoryRoot, 'examples')).map((folder) => `examples/${folder}/README.md`),
].filter((file) => file.endsWith('.md') && fs.existsSync(path.join(repositoryRoot, file)));

describe('links between the README and the docs', () => {
  it('finds the documents it checks', () => {
    expect(documents).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/maintainers.md', 'docs/variants.md']),
    );
  });

  it.each(documents)('%s: every relative link reaches a file, and a heading when it names one', (document) => {
    const text = fs.readFileSync(path.join(repositoryRoot, document), 'utf8');
    const broken = relativeLinks(text).flatMap((link) => {
      const [target, anchor] = link.split('#');
      const file = target
        ? path.join(path.dirname(path.join(repositoryRoot, document)), target)
        : path.join(repositoryRoot, document);
      if (!fs.existsSync(file)) return [`${link}: no file ${path.relative(repositoryRoot, file)}`];
      if (anchor && fs.statSync(file).isFile() && !anchorsOf(fs.readFileSync(file, 'utf8')).has(anchor))
        return [`${link}: no heading #${anchor}`];
      return [];
    });
    expect(broken).toEqual([]);
  });

  it("reads a heading's anchor as GitHub does", () => {
    expect(headingAnchor('Framework: cdktf or CDK Terrain')).toBe('framework-cdktf-or-cdk-terrain');
    expect(headingAnchor('Engine checks: validate, apply, re-plan, destroy')).toBe(
      'engine-checks-validate-apply-re-plan-destroy',
    );
    expect(headingAnchor('Terraform Cloud bootstrap (optional)')).toBe('terraform-cloud-bootstrap-optional');
  });
});
