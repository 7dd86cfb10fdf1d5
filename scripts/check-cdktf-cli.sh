#!/usr/bin/env bash
# The conventional CLI path works: `cdktf list` at the root names every environment's stacks, and
# `cdktf synth` inside an app writes that environment's stacks. Fails with the missing stack's name.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 TURBO_TELEMETRY_DISABLED=1

expected=()
for app in apps/*/; do
  env=$(basename "$app")
  [ -f "$app/cdktf.json" ] || continue
  for variant in private-only nat-egress privatelink; do expected+=("$env-$variant"); done
done

echo "cdktf-cli: npx cdktf list (root app, ${#expected[@]} stacks expected)"
listed=$(npx --no-install cdktf list 2>&1) || { echo "$listed"; echo "cdktf-cli: cdktf list failed"; exit 1; }
for stack in "${expected[@]}"; do
  grep -qE "^${stack}\b" <<<"$listed" || { echo "$listed"; echo "cdktf-cli: cdktf list does not show ${stack}"; exit 1; }
done

echo "cdktf-cli: npx cdktf synth in apps/dev"
rm -rf apps/dev/cdktf.out
(cd apps/dev && npx --no-install cdktf synth >/dev/null 2>&1) || { (cd apps/dev && npx --no-install cdktf synth) || true; echo "cdktf-cli: cdktf synth in apps/dev failed"; exit 1; }
for variant in private-only nat-egress privatelink; do
  test -s "apps/dev/cdktf.out/stacks/dev-$variant/cdk.tf.json" || { echo "cdktf-cli: apps/dev/cdktf.out/stacks/dev-$variant/cdk.tf.json missing"; exit 1; }
done
echo "cdktf-cli: ok (${#expected[@]} stacks listed, dev synthesized through the CLI)"
