#!/usr/bin/env bash
# The conventional CLI path works: `cdktf list` at the root names every environment's stacks, and
# `cdktf synth` inside an app writes that environment's stacks. Fails with the missing stack's name.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHECKPOINT_DISABLE=1 TURBO_TELEMETRY_DISABLED=1

# The stacks every environment app deploys (the variants it configures), as the stacks package names them.
mapfile -t expected < <(node -e "
  const { environmentStackNames, loadRepositoryEnvironments } = require('@lambda-vpc/stacks');
  for (const config of loadRepositoryEnvironments('.')) console.log(environmentStackNames(config).join('\n'));
")

echo "cdktf-cli: npx cdktf list (root app, ${#expected[@]} stacks expected)"
listed=$(npx --no-install cdktf list 2>&1) || { echo "$listed"; echo "cdktf-cli: cdktf list failed"; exit 1; }
for stack in "${expected[@]}"; do
  grep -qE "^${stack}\b" <<<"$listed" || { echo "$listed"; echo "cdktf-cli: cdktf list does not show ${stack}"; exit 1; }
done

echo "cdktf-cli: npx cdktf synth in apps/dev"
rm -rf apps/dev/cdktf.out
# An empty CLI config, so the CLI's own warning about a missing one is not mistaken for the synth's.
synth_output=$(cd apps/dev && CI=1 TF_CLI_CONFIG_FILE=/dev/null npx --no-install cdktf synth 2>&1) || { echo "$synth_output"; echo "cdktf-cli: cdktf synth in apps/dev failed"; exit 1; }
grep -q 'guardrails: suppressed' <<<"$synth_output" || { echo "$synth_output"; echo "cdktf-cli: the synth's guardrail lines were not shown"; exit 1; }
for stack in "${expected[@]}"; do
  [[ "$stack" == dev-* ]] || continue
  test -s "apps/dev/cdktf.out/stacks/$stack/cdk.tf.json" || { echo "cdktf-cli: apps/dev/cdktf.out/stacks/$stack/cdk.tf.json missing"; exit 1; }
done
# Informational lines (guardrail suppressions) go to stdout: the CLI shows every stderr line as [ERROR].
if grep -qF '[ERROR]' <<<"$synth_output"; then
  grep -F '[ERROR]' <<<"$synth_output"; echo "cdktf-cli: cdktf synth in apps/dev printed [ERROR] lines on a synth that passed"; exit 1
fi
echo "cdktf-cli: ok (${#expected[@]} stacks listed, dev synthesized through the CLI)"
