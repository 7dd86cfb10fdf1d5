#!/usr/bin/env bash
# `npm run toolchain`: installs what validate, scan and e2e need into .tools/ (gitignored), from package
# registries only. A second run with nothing changed is a no-op.
#   - checkov and moto (server mode) from PyPI, pinned in requirements.txt, in a virtualenv;
#   - the engine: an existing `tofu` or `terraform` on PATH, else OpenTofu built from its Go module;
#   - the hashicorp/aws provider, at the version the bindings pin, into a filesystem mirror that the engine
#     reads through a CLI config file (TF_CLI_CONFIG_FILE), never from a registry; where that version cannot be
#     had, a build of another version from ../shared/providers (LAMBDA_VPC_PROVIDER_BUILDS);
#   - actionlint, which lints the GitHub Actions workflows (toolkit/scripts/workflows/lint.sh), from the Go module proxy;
#   - a Node.js for the cdktn CLI (npm run e2e:cdktn), which requires 22.19 or later: the running one if it is,
#     else the official build from the npm registry (package node-linux-<arch>) into .tools/node-<version>.
# Writes .tools/toolchain.env, which the checks source, and says what is missing and why.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
tools=$root/.tools
mkdir -p "$tools/bin"

OPENTOFU_MODULE=github.com/opentofu/opentofu
OPENTOFU_VERSION=v1.12.6
PROVIDER_MODULE=github.com/hashicorp/terraform-provider-aws
PROVIDER_VERSION=$(node -e "process.stdout.write(require('./node_modules/@cdktf/provider-aws/package.json').cdktf.provider.version)")
mirror=$tools/providers
provider_dir=$mirror/registry.terraform.io/hashicorp/aws/$PROVIDER_VERSION/linux_amd64

started=$(date +%s)
step() { echo "toolchain: $*"; }

# 0. the CLI config: providers from the mirror only, never downloaded
# The plugin cache unpacks the provider (about 500 MB) once, not once per stack folder.
mkdir -p "$tools/plugin-cache"
cat > "$tools/terraform.rc" <<RC
plugin_cache_dir = "$tools/plugin-cache"
# Every check's stack copy starts without a lock file; the mirror is the only source, so reusing the cache is safe.
plugin_cache_may_break_dependency_lock_file = true
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*", "registry.opentofu.org/hashicorp/*"]
  }
}
RC

# 1. checkov and moto
requirements=toolkit/scripts/toolchain/requirements.txt
stamp=$tools/python/.installed-$(sha256sum "$requirements" | cut -c1-16)
if [ -f "$stamp" ]; then
  step "checkov, moto: up to date ($(grep -E '^[a-z]' "$requirements" | tr '\n' ' '))"
else
  step "checkov, moto: installing from PyPI into .tools/python"
  rm -rf "$tools/python"
  python3 -m venv "$tools/python"
  "$tools/python/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi

# 2. the engine
engine=""
for candidate in tofu terraform; do
  if command -v "$candidate" >/dev/null 2>&1; then engine=$(command -v "$candidate"); break; fi
done
if [ -z "$engine" ] && [ -x "$tools/bin/tofu" ]; then engine=$tools/bin/tofu; fi
if [ -z "$engine" ]; then
  # `go install module@version` refuses a go.mod with replace directives (OpenTofu has one), so build the
  # downloaded module source as the main module instead.
  step "engine: building OpenTofu $OPENTOFU_VERSION from its Go module (several minutes)"
  source_dir=$(go mod download -json "$OPENTOFU_MODULE@$OPENTOFU_VERSION" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).Dir))')
  build_dir=$toolkit/commands/src/opentofu-$OPENTOFU_VERSION
  rm -rf "$build_dir" && mkdir -p "$toolkit/commands/src" && cp -r "$source_dir" "$build_dir" && chmod -R u+w "$build_dir"
  # dev=no is what release builds set: the engine then reports 1.12.6, not 1.12.6-dev.
  (cd "$build_dir" && go build -trimpath -buildvcs=false -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$tools/bin/tofu" ./cmd/tofu)
  rm -rf "$build_dir"
  engine=$tools/bin/tofu
fi
engine_version=$(TF_CLI_CONFIG_FILE=$tools/terraform.rc "$engine" version -json 2>/dev/null | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).terraform_version)}catch{process.stdout.write("version unknown")}})')
step "engine: $engine ($engine_version)"

# 3. the provider, into the filesystem mirror (packed: terraform-provider-aws_<version>_linux_amd64.zip). In
# order: the pinned version already there (a mirror of the user's own, see the README); another build already
# installed here; the pinned version from the registry; the pinned version built from the Go module proxy; the
# newest build in $LAMBDA_VPC_PROVIDER_BUILDS (default ../shared/providers), which the checks then use through an
# override file in their copy of each stack, saying so.
provider_builds=$(realpath -m "${LAMBDA_VPC_PROVIDER_BUILDS:-$root/../shared/providers}")
provider_binary=$provider_dir/terraform-provider-aws_v$PROVIDER_VERSION
packed_dir=$mirror/registry.terraform.io/hashicorp/aws
provider_status=available
provider_build=$PROVIDER_VERSION
provider_misses=()
installed_build() { # the newest packed build already in the mirror
  { ls "$packed_dir"/terraform-provider-aws_*_linux_amd64.zip 2>/dev/null || true; } | sed -E 's/.*terraform-provider-aws_(.*)_linux_amd64\.zip/\1/' | sort -V | tail -n 1
}
provider_from_registry() { # the engine's own mirror command (direct registry access, not the mirror-only config)
  step "provider: mirroring hashicorp/aws $PROVIDER_VERSION from the registry"
  local dir answer
  dir=$(mktemp -d)
  printf '{"terraform":{"required_providers":{"aws":{"source":"hashicorp/aws","version":"%s"}}}}\n' "$PROVIDER_VERSION" > "$dir/main.tf.json"
  mkdir -p "$mirror"
  if answer=$(cd "$dir" && env -u TF_CLI_CONFIG_FILE timeout 600 "$engine" providers mirror -platform=linux_amd64 "$mirror" 2>&1); then
    rm -rf "$dir"; return 0
  fi
  rm -rf "$dir"
  local reason
  reason=$(echo "$answer" | sed 's/\x1b\[[0-9;]*m//g' | tr '\n' ' ' | grep -o 'lookup [^ ]*\|dial tcp [^ ]*\|Error: [^│]*' | head -n 1 | cut -c1-160)
  provider_misses+=("the registry is out of reach (${reason:-no answer})")
  step "provider: ${provider_misses[-1]}"
  return 1
}
provider_from_go_proxy() { # the module's path has no /v6 suffix, so v6 releases are reachable only by commit
  step "provider: resolving $PROVIDER_MODULE for hashicorp/aws $PROVIDER_VERSION through the Go module proxy"
  local answer
  if ! answer=$(cd "$tools" && go list -m -json "$PROVIDER_MODULE@v$PROVIDER_VERSION" 2>&1); then
    provider_misses+=("the Go module proxy does not serve $PROVIDER_MODULE at v$PROVIDER_VERSION ($(echo "$answer" | tr '\n"' '  ' | sed 's/  */ /g' | cut -c1-200))")
    step "provider: ${provider_misses[-1]}"
    return 1
  fi
  step "provider: the proxy resolved it; building"
  mkdir -p "$provider_dir"
  GOBIN=$provider_dir GOFLAGS=-buildvcs=false go install "$PROVIDER_MODULE@v$PROVIDER_VERSION"
  mv "$provider_dir/terraform-provider-aws" "$provider_binary"
}
provider_from_builds() {
  local build_zip
  build_zip=$( { ls "$provider_builds"/terraform-provider-aws_*_linux_amd64.zip 2>/dev/null || true; } | sort -V | tail -n 1)
  if [ -z "$build_zip" ]; then provider_misses+=("no build in $provider_builds"); return 1; fi
  mkdir -p "$packed_dir"
  cp "$build_zip" "$packed_dir/"
  step "provider: installed $(basename "$build_zip") from $provider_builds (packed layout)"
}
if [ -x "$provider_binary" ] || [ -f "$packed_dir/terraform-provider-aws_${PROVIDER_VERSION}_linux_amd64.zip" ]; then
  step "provider: hashicorp/aws $PROVIDER_VERSION in the mirror"
elif [ -n "$(installed_build)" ]; then
  provider_build=$(installed_build)
  step "provider: hashicorp/aws $provider_build in the mirror"
elif provider_from_registry; then
  step "provider: hashicorp/aws $PROVIDER_VERSION mirrored from the registry"
elif provider_from_go_proxy; then
  step "provider: hashicorp/aws $PROVIDER_VERSION built into the mirror"
elif provider_from_builds; then
  provider_build=$(installed_build)
else
  provider_status="unavailable: $(IFS=';'; echo "${provider_misses[*]}" | sed 's/;/; /g')"
  step "provider: $provider_status"
fi
if [ "$provider_status" = available ] && [ "$provider_build" != "$PROVIDER_VERSION" ]; then
  step "provider: the stacks pin $PROVIDER_VERSION; validate and e2e override the pin with $provider_build in their copies of each stack (engine-drift.json)"
fi

# 4. actionlint, for toolkit/scripts/workflows/lint.sh (the GitHub Actions workflows), from the Go module proxy
ACTIONLINT_MODULE=github.com/rhysd/actionlint
ACTIONLINT_VERSION=v1.7.12
actionlint_version() { "$tools/bin/actionlint" -version 2>/dev/null | head -n1; }
if [ -x "$tools/bin/actionlint" ] && [ "$(actionlint_version)" = "$ACTIONLINT_VERSION" ]; then
  step "actionlint: $ACTIONLINT_VERSION in .tools/bin"
else
  step "actionlint: installing $ACTIONLINT_VERSION from the Go module proxy into .tools/bin"
  GOBIN=$tools/bin GOFLAGS=-buildvcs=false go install "$ACTIONLINT_MODULE/cmd/actionlint@$ACTIONLINT_VERSION"
  step "actionlint: $(actionlint_version)"
fi

# 5. Node.js for the cdktn CLI: cdktn-cli 0.24 declares engines.node >=22.19.0 and stops on Node 20
# (`markAsUncloneable is not a function`); the repository itself, and the cdktn build's synth and tests, need only 20.
CDKTN_NODE_MINIMUM=22.19.0
CDKTN_NODE_VERSION=22.23.5
at_least() { node -e 'const [a, b] = process.argv.slice(1).map((v) => v.split(".").map(Number)); process.exit((a[0] - b[0] || a[1] - b[1] || a[2] - b[2]) >= 0 ? 0 : 1)' "$1" "$2"; }
cdktn_node=""
cdktn_node_status=available
running_node=$(node -p 'process.versions.node')
node_dir=$tools/node-$CDKTN_NODE_VERSION
case "$(uname -m)" in x86_64) node_arch=x64 ;; aarch64) node_arch=arm64 ;; *) node_arch="" ;; esac
if at_least "$running_node" "$CDKTN_NODE_MINIMUM"; then
  cdktn_node=$(command -v node)
  step "node for cdktn: the running Node.js $running_node"
elif [ -x "$node_dir/bin/node" ] && [ "$("$node_dir/bin/node" --version)" = "v$CDKTN_NODE_VERSION" ]; then
  cdktn_node=$node_dir/bin/node
  step "node for cdktn: Node.js $CDKTN_NODE_VERSION in .tools/node-$CDKTN_NODE_VERSION"
elif [ "$(uname -s)" != Linux ] || [ -z "$node_arch" ]; then
  cdktn_node_status="unavailable: Node.js $running_node is older than $CDKTN_NODE_MINIMUM and no node package is named for $(uname -s) $(uname -m); put Node.js $CDKTN_NODE_MINIMUM or later on PATH"
  step "node for cdktn: $cdktn_node_status"
else
  step "node for cdktn: Node.js $running_node is older than $CDKTN_NODE_MINIMUM; installing node-linux-$node_arch@$CDKTN_NODE_VERSION from the npm registry into .tools/node-$CDKTN_NODE_VERSION"
  pack_dir=$(mktemp -d)
  # npm checks the tarball against the registry's integrity hash.
  if packed=$(cd "$pack_dir" && npm pack --silent "node-linux-$node_arch@$CDKTN_NODE_VERSION" 2>&1); then
    rm -rf "$node_dir" && mkdir -p "$node_dir"
    tar -xzf "$pack_dir/$packed" -C "$node_dir" --strip-components=1
    cdktn_node=$node_dir/bin/node
    step "node for cdktn: $("$cdktn_node" --version)"
  else
    cdktn_node_status="unavailable: npm pack node-linux-$node_arch@$CDKTN_NODE_VERSION failed ($(echo "$packed" | tr '\n' ' ' | cut -c1-160))"
    step "node for cdktn: $cdktn_node_status"
  fi
  rm -rf "$pack_dir"
fi

cat > "$tools/toolchain.env" <<ENV
TOOLCHAIN_ENGINE=$engine
TOOLCHAIN_CHECKOV=$tools/python/bin/checkov
TOOLCHAIN_MOTO_SERVER=$tools/python/bin/moto_server
TOOLCHAIN_PROVIDER_VERSION=$PROVIDER_VERSION
TOOLCHAIN_PROVIDER_STATUS="$provider_status"
TOOLCHAIN_PROVIDER_BUILD=$provider_build
TF_CLI_CONFIG_FILE=$tools/terraform.rc
TOOLCHAIN_CDKTN_NODE=$cdktn_node
TOOLCHAIN_CDKTN_NODE_STATUS="$cdktn_node_status"
ENV
step "done in $(( $(date +%s) - started )) s; settings in .tools/toolchain.env"
