import * as path from 'node:path';
import { loadEnvironmentApps } from '@lambda-vpc/stacks';

const repositoryRoot = path.resolve(__dirname, '..', '..');

describe('loadEnvironmentApps', () => {
  it('loads every built app under apps/, in folder order, from an absolute root', () => {
    const apps = loadEnvironmentApps(repositoryRoot);
    expect(apps.map((app) => app.folder)).toEqual(expect.arrayContaining(['dev', 'prod', 'staging']));
    for (const app of apps) expect(app.values.name).toBe(app.folder);
  });

  it('accepts a root relative to the working directory', () => {
    const relative = path.relative(process.cwd(), repositoryRoot) || '.';
    expect(loadEnvironmentApps(relative).map((app) => app.folder)).toEqual(
      loadEnvironmentApps(repositoryRoot).map((app) => app.folder),
    );
  });
});
