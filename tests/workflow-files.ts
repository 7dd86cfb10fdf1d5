// The GitHub Actions files (.github/workflows, .github/actions) as the workflow tests read them: with the `yaml`
// package (YAML 1.2, as GitHub reads them), strictly: any error or warning, a duplicate key among them, fails the
// test instead of being read past. A step that uses a local composite action (`uses: ./.github/actions/<name>`)
// reads as that action's steps, and a job that calls a local reusable workflow knows that workflow's jobs, so the
// safety rules see what actually runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

export const repositoryRoot = path.resolve(__dirname, '..');
const workflowDir = path.join(repositoryRoot, '.github', 'workflows');

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };
export type YamlMap = { [key: string]: Yaml };

/** One YAML document as plain values; throws on any error or warning, naming the line. */
export function parseYaml(source: string): Yaml {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const [problem] = [...doc.errors, ...doc.warnings];
  if (problem) throw problem;
  return doc.toJS() as Yaml;
}

/** A workflow or composite action file. */
export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly doc: YamlMap;
  /** Local files it refers to (`./.github/...`), by path; the shipped ones unless a test gives others. */
  readonly local: (ref: string) => Workflow;
}
export interface Job {
  readonly id: string;
  readonly body: YamlMap;
  readonly workflow: Workflow;
}

export const asMap = (value: Yaml | undefined): YamlMap =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
export const asList = (value: Yaml | undefined): Yaml[] =>
  Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
/** A scalar as its text (`cancel-in-progress: false` reads as the boolean false, compared as 'false'). */
export const asString = (value: Yaml | undefined): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

/** A local reference (`./.github/actions/x`, `./.github/workflows/y.yml`) as the shipped file it names. */
export function shippedLocal(ref: string): Workflow {
  const relative = ref.replace(/^\.\//, '');
  const target = path.join(repositoryRoot, relative);
  const file =
    fs.existsSync(target) && fs.statSync(target).isDirectory()
      ? ['action.yml', 'action.yaml'].map((name) => path.join(target, name)).find((f) => fs.existsSync(f))
      : target;
  if (!file || !fs.existsSync(file)) throw new Error(`${ref}: no such local workflow or action`);
  return workflow(path.relative(repositoryRoot, file), fs.readFileSync(file, 'utf8'));
}

export function workflow(file: string, text: string, local: (ref: string) => Workflow = shippedLocal): Workflow {
  const doc = parseYaml(text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file}: not a mapping`);
  return { file, text, doc, local };
}

export function shippedWorkflows(): Workflow[] {
  return fs
    .readdirSync(workflowDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => workflow(f, fs.readFileSync(path.join(workflowDir, f), 'utf8')));
}

/** The local composite actions under .github/actions, as files. */
export function shippedActions(): Workflow[] {
  const dir = path.join(repositoryRoot, '.github', 'actions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => shippedLocal(`./.github/actions/${name}`));
}

export const jobs = (wf: Workflow): Job[] =>
  Object.entries(asMap(wf.doc.jobs)).map(([id, body]) => ({ id, body: asMap(body), workflow: wf }));

const isLocal = (uses: string): boolean => uses.startsWith('./');

/** A step as it runs: a local composite action's step keeps the caller's step (`caller`) beside it. */
export interface RunStep {
  readonly step: YamlMap;
  /** The workflow's step that used the local action this step belongs to. @default none: a workflow step */
  readonly caller?: YamlMap;
}

/** The job's steps, each local composite action's steps in its place. */
export function runSteps(job: Job): RunStep[] {
  return asList(job.body.steps)
    .map(asMap)
    .flatMap((step) => {
      const uses = asString(step.uses);
      if (!isLocal(uses)) return [{ step }];
      const action = job.workflow.local(uses);
      return asList(asMap(action.doc.runs).steps).map((inner) => ({ step: asMap(inner), caller: step }));
    });
}

export const steps = (job: Job): YamlMap[] => runSteps(job).map((s) => s.step);
export const runs = (job: Job): string[] =>
  steps(job)
    .map((s) => asString(s.run))
    .filter(Boolean);
export const uses = (job: Job): string[] =>
  steps(job)
    .map((s) => asString(s.uses))
    .filter(Boolean);

/** The jobs of the local reusable workflow a job calls (`uses: ./.github/workflows/x.yml`); none for others. */
export function calledJobs(job: Job): Job[] {
  const called = asString(job.body.uses);
  return isLocal(called) ? jobs(job.workflow.local(called)) : [];
}

/** The events a workflow runs on (`on:` as a name, a list or a mapping). */
export function triggers(wf: Workflow): string[] {
  const on = wf.doc.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(asString);
  return Object.keys(asMap(on));
}

export const isPullRequestWorkflow = (wf: Workflow): boolean => triggers(wf).some((t) => t.startsWith('pull_request'));
