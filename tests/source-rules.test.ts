import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './environments';

/** Every TypeScript source git tracks or would track (not node_modules, not build output). */
function typescriptSources(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*.ts'], { cwd: repositoryRoot, encoding: 'utf8' });
  return listed.split('\n').filter((file) => file && !file.endsWith('.d.ts') && fs.existsSync(path.join(repositoryRoot, file)));
}

/** The workspaces' npm scope (`@lambda-vpc` unless a team renamed it), read from the stacks package. */
const scope = (JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'stacks', 'package.json'), 'utf8')).name as string).split('/')[0];

describe('source rules', () => {
  const sources = typescriptSources();

  it('finds the sources it checks', () => {
    expect(sources).toEqual(expect.arrayContaining(['packages/network/src/network.ts', 'stacks/src/synth.ts']));
  });

  it('imports provider classes by deep path, never the @cdktf/provider-aws root (about 2 s and 500 MB per process)', () => {
    const rootImport = /from\s+['"]@cdktf\/provider-aws['"]|require\(\s*['"]@cdktf\/provider-aws['"]\s*\)/;
    const offenders = sources.filter((file) => rootImport.test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps packages free of stacks and apps, and stacks free of apps (data flows one way)', () => {
    const offenders = sources.filter((file) => {
      const text = fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
      if (file.startsWith('packages/')) return new RegExp(`from\\s+['"]${scope}/(stacks|app-)`).test(text);
      if (file.startsWith('stacks/')) return new RegExp(`from\\s+['"]${scope}/app-`).test(text);
      return false;
    });
    expect(offenders).toEqual([]);
  });

  it('keeps stack-model a leaf: it imports no workspace and no framework, so both halves can build on it', () => {
    const offenders = sources.filter((file) => file.startsWith('packages/stack-model/src/')
      && new RegExp(`from\\s+['"](${scope}/|cdktf|constructs|@cdktf/)`).test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')));
    expect(sources.some((file) => file.startsWith('packages/stack-model/src/'))).toBe(true);
    expect(offenders).toEqual([]);
  });

  it('keeps reachability, cost and diagram on stack-model alone: no constructs, no framework, no guardrails', () => {
    const readHalf = /^packages\/(reachability|cost|diagram)\/src\//;
    const offenders = sources.filter((file) => readHalf.test(file)
      && new RegExp(`from\\s+['"](${scope}/(guardrails|network|nat|endpoints|lambda)|cdktf)['"/]`).test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('has one IPv4 CIDR parser: no dotted-quad pattern outside packages/stack-model', () => {
    const dottedQuad = String.raw`(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})`;
    const offenders = sources.filter((file) => /\/src\//.test(file) && !file.startsWith('packages/stack-model/')
      && (fs.readFileSync(path.join(repositoryRoot, file), 'utf8').includes(dottedQuad) || /class Ipv4Cidr\b/.test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('keeps network independent of nat, endpoints and lambda', () => {
    const offenders = sources.filter((file) => file.startsWith('packages/network/')
      && new RegExp(`from\\s+['"]${scope}/(nat|endpoints|lambda)['"]`).test(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
