// The pull request's comments the workflows keep (the plan of each environment, the network review): each one is
// found again by the marker on its first line and updated in place, so a pull request carries one comment of each
// kind however often it is pushed. Called from actions/github-script, which passes its GitHub client:
//
//   await require('./toolkit/commands/dist/workflows/pull-request-comment.js')
//     .postComments({ github, context, core }, process.env.COMMENT_LIST);
//
// COMMENT_LIST names one comment a line: `<markdown file> create` (post it, or update the earlier one) or
// `<markdown file> update-only` (update the earlier one; post nothing new, e.g. a plan comment that says that the
// pull request no longer changes an environment).
import * as fs from 'node:fs';

/** A comment as GitHub's REST API returns it (the fields used here). */
export interface IssueComment {
  /** Its ID. */
  readonly id: number;
  /** Its text. @default empty */
  readonly body?: string | null;
  /** Its address. */
  readonly html_url: string;
  /** Its author. @default unknown: never taken for the workflow's own comment */
  readonly user?: { readonly type?: string } | null;
}

/** The part of actions/github-script's `github`, `context` and `core` the comments use. */
export interface CommentScriptContext {
  /** The authenticated client (octokit). */
  readonly github: {
    readonly paginate: (method: unknown, parameters: Record<string, unknown>) => Promise<IssueComment[]>;
    readonly rest: {
      readonly issues: {
        readonly listComments: unknown;
        readonly updateComment: (parameters: Record<string, unknown>) => Promise<unknown>;
        readonly createComment: (parameters: Record<string, unknown>) => Promise<{ data: IssueComment }>;
      };
    };
  };
  /** The event: the repository and the pull request. */
  readonly context: {
    readonly repo: { readonly owner: string; readonly repo: string };
    readonly payload: { readonly pull_request?: { readonly number: number } };
  };
  /** The log. */
  readonly core: { readonly info: (message: string) => void };
}

/** What happened to one comment. */
export type CommentOutcome = 'updated' | 'created' | 'skipped';

/**
 * Updates the pull request's earlier comment whose first line is the body's first line (the marker), written by
 * a bot (the workflow's token); else posts the body when `create`, else does nothing.
 */
export async function upsertComment(
  { github, context, core }: CommentScriptContext,
  body: string,
  create: boolean,
): Promise<CommentOutcome> {
  const marker = body.split('\n', 1)[0];
  if (!marker.startsWith('<!--')) throw new Error(`comment: the first line is not a marker comment: ${marker}`);
  const issue_number = context.payload.pull_request?.number;
  if (issue_number === undefined) throw new Error('comment: the event is not a pull request');
  const { owner, repo } = context.repo;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const previous = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').startsWith(marker));
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
    core.info(`updated comment ${previous.html_url}`);
    return 'updated';
  }
  if (!create) {
    core.info(`no earlier comment ${marker} to update, and nothing new to say`);
    return 'skipped';
  }
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number, body });
  core.info(`posted comment ${data.html_url}`);
  return 'created';
}

/** Posts every comment COMMENT_LIST names (`<file> create|update-only` a line), in order. */
export async function postComments(script: CommentScriptContext, listFile: string): Promise<CommentOutcome[]> {
  const outcomes: CommentOutcome[] = [];
  for (const line of fs
    .readFileSync(listFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')) {
    const match = /^(.+) (create|update-only)$/.exec(line.trim());
    if (!match) throw new Error(`comment: ${listFile}: "${line}": allowed: <file> create|update-only`);
    outcomes.push(await upsertComment(script, fs.readFileSync(match[1], 'utf8'), match[2] === 'create'));
  }
  return outcomes;
}
