# Sourced by the check scripts that change the sources: a detached worktree of HEAD in a temporary folder, removed
# on exit, becomes the current folder, so the checks never touch the working tree. Sets $scratch (the temporary
# folder; the worktree is $scratch/repo) and turns off turbo's and cdktf's telemetry.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CHECKPOINT_DISABLE=1 TURBO_TELEMETRY_DISABLED=1
scratch=$(mktemp -d)
# A caller that sets keep_scratch (non-empty) before sourcing keeps the worktree for a look after a failure.
[ -n "${keep_scratch:-}" ] || trap 'git worktree remove --force "$scratch/repo" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git worktree add --detach "$scratch/repo" HEAD >/dev/null
cd "$scratch/repo"
