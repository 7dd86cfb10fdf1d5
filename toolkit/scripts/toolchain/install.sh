#!/usr/bin/env bash
# `npm run toolchain`: installs what validate, scan and e2e need into .tools/ (gitignored), from package
# registries only. A second run with nothing changed is a no-op.
#   - checkov and moto (server mode) from PyPI, pinned in requirements.txt, in a virtualenv;
#   - both engines: `terraform` from PATH, and `tofu` from PATH, else OpenTofu built once from its Go module;
#   - the hashicorp/aws and hashicorp/tfe providers, at the versions the bindings pin, into a filesystem mirror
#     that both engines read through a CLI config file (TF_CLI_CONFIG_FILE), never from a registry; where a
#     version cannot be had, a build of another from ../shared/providers (LAMBDA_VPC_PROVIDER_BUILDS);
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
mirror=$tools/providers

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

# 2. the engines: the checks run with both. Terraform from PATH (nothing to build it from here); OpenTofu from PATH,
# else built once into .tools/bin from its Go module. TOOLCHAIN_ENGINE, the default, is Terraform when it is there.
engine_version() { # `1.11.4`, from the engine's own `version -json`
  TF_CLI_CONFIG_FILE=$tools/terraform.rc "$1" version -json 2>/dev/null | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).terraform_version)}catch{process.stdout.write("version unknown")}})'
}
build_opentofu() { # `go install module@version` refuses a go.mod with replace directives (OpenTofu has one), so
  # build the downloaded module source as the main module, in a scratch folder under .tools.
  step "engine: building OpenTofu $OPENTOFU_VERSION from its Go module (about 3 minutes)"
  local answer source_dir build_dir
  if ! answer=$(go mod download -json "$OPENTOFU_MODULE@$OPENTOFU_VERSION" 2>&1); then
    tofu_status="unavailable: the Go module proxy does not serve $OPENTOFU_MODULE@$OPENTOFU_VERSION ($(echo "$answer" | tr '\n"' '  ' | cut -c1-160))"
    return 1
  fi
  source_dir=$(echo "$answer" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).Dir))')
  rm -rf "$tools"/opentofu-build.* # what an interrupted build left
  build_dir=$(mktemp -d "$tools/opentofu-build.XXXXXX")
  cp -r "$source_dir/." "$build_dir" && chmod -R u+w "$build_dir"
  # dev=no is what release builds set: the engine then reports 1.12.6, not 1.12.6-dev.
  if ! answer=$(cd "$build_dir" && go build -trimpath -buildvcs=false -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$tools/bin/tofu" ./cmd/tofu 2>&1); then
    rm -rf "$build_dir"
    tofu_status="unavailable: the OpenTofu build failed ($(echo "$answer" | tail -n 3 | tr '\n"' '  ' | cut -c1-200))"
    return 1
  fi
  rm -rf "$build_dir"
}
terraform_binary=$(command -v terraform || true)
terraform_status=available
terraform_version=""
if [ -n "$terraform_binary" ]; then
  terraform_version=$(engine_version "$terraform_binary")
  step "engine: terraform $terraform_version ($terraform_binary)"
else
  terraform_status="unavailable: no terraform on PATH"
  step "engine: terraform $terraform_status"
fi
tofu_binary=$(command -v tofu || true)
tofu_status=available
tofu_version=""
if [ -z "$tofu_binary" ] && [ -x "$tools/bin/tofu" ] && [ "$(engine_version "$tools/bin/tofu")" = "${OPENTOFU_VERSION#v}" ]; then
  tofu_binary=$tools/bin/tofu
fi
if [ -z "$tofu_binary" ] && build_opentofu; then tofu_binary=$tools/bin/tofu; fi
if [ -n "$tofu_binary" ]; then
  tofu_version=$(engine_version "$tofu_binary")
  step "engine: tofu $tofu_version ($tofu_binary)"
else
  step "engine: tofu $tofu_status"
fi
engine=${terraform_binary:-$tofu_binary}
if [ -z "$engine" ]; then
  echo "toolchain: no engine: $terraform_status; tofu $tofu_status" >&2
  exit 1
fi
step "engine: the default is $(basename "$engine") (TOOLCHAIN_ENGINE); validate runs every stack with each engine"

# 3. the providers the stacks require, into the filesystem mirror (packed: terraform-provider-<name>_<version>_
# linux_amd64.zip), each under both registry hosts: `hashicorp/aws` means registry.terraform.io to Terraform and
# registry.opentofu.org to OpenTofu. Per provider, in order: the pinned version already there (a mirror of the
# user's own, see the README); another build already installed here; the pinned version from the registry; the
# pinned version built from the Go module proxy (where a module is named); the newest build in
# $LAMBDA_VPC_PROVIDER_BUILDS (default ../shared/providers), which the checks then use through an override file in
# their copy of each stack, saying so.
provider_builds=$(realpath -m "${LAMBDA_VPC_PROVIDER_BUILDS:-$root/../shared/providers}")
share_between_hosts() { # whatever one registry host's folder holds, the other gets too (hard links, else copies)
  local from to file
  for from in registry.terraform.io registry.opentofu.org; do
    to=registry.opentofu.org
    [ "$from" = "$to" ] && to=registry.terraform.io
    from=$mirror/$from/hashicorp/$1 to=$mirror/$to/hashicorp/$1
    [ -d "$from" ] || continue
    while IFS= read -r file; do
      [ -e "$to/$file" ] && continue
      mkdir -p "$(dirname "$to/$file")"
      ln "$from/$file" "$to/$file" 2>/dev/null || cp -p "$from/$file" "$to/$file"
    done < <(cd "$from" && find . -type f | sed 's|^\./||')
  done
}
# install_provider <name> <pinned version> [<Go module>]: sets provider_status (`available` or why not) and
# provider_build (the version in the mirror).
install_provider() {
  local name=$1 version=$2 module=${3:-}
  local packed_dir=$mirror/registry.terraform.io/hashicorp/$name
  local unpacked_dir=$packed_dir/$version/linux_amd64
  local binary=$unpacked_dir/terraform-provider-${name}_v$version
  local misses=() reason answer dir build_zip
  provider_status=available
  provider_build=$version
  installed_build() { # the newest packed build already in the mirror
    { ls "$packed_dir"/terraform-provider-"${name}"_*_linux_amd64.zip 2>/dev/null || true; } | sed -E "s/.*terraform-provider-${name}_(.*)_linux_amd64\.zip/\1/" | sort -V | tail -n 1
  }
  if [ -x "$binary" ] || [ -f "$packed_dir/terraform-provider-${name}_${version}_linux_amd64.zip" ]; then
    step "provider: hashicorp/$name $version in the mirror"
  elif [ -n "$(installed_build)" ]; then
    provider_build=$(installed_build)
    step "provider: hashicorp/$name $provider_build in the mirror"
  else
    # The registry, through the engine's own mirror command (direct registry access, not the mirror-only config).
    step "provider: mirroring hashicorp/$name $version from the registry"
    dir=$(mktemp -d)
    printf '{"terraform":{"required_providers":{"%s":{"source":"hashicorp/%s","version":"%s"}}}}\n' "$name" "$name" "$version" > "$dir/main.tf.json"
    mkdir -p "$mirror"
    if answer=$(cd "$dir" && env -u TF_CLI_CONFIG_FILE timeout 600 "$engine" providers mirror -platform=linux_amd64 "$mirror" 2>&1); then
      step "provider: hashicorp/$name $version mirrored from the registry"
    else
      reason=$(echo "$answer" | sed 's/\x1b\[[0-9;]*m//g' | tr '\n' ' ' | grep -o 'lookup [^ ]*\|dial tcp [^ ]*\|Error: [^│]*' | head -n 1 | cut -c1-160)
      misses+=("the registry is out of reach (${reason:-no answer})")
      step "provider: ${misses[-1]}"
    fi
    rm -rf "$dir"
  fi
  if [ ${#misses[@]} -gt 0 ] && [ -n "$module" ]; then
    # The aws module's path has no /v6 suffix, so its v6 releases are reachable only by commit.
    step "provider: resolving $module for hashicorp/$name $version through the Go module proxy"
    if ! answer=$(cd "$tools" && go list -m -json "$module@v$version" 2>&1); then
      misses+=("the Go module proxy does not serve $module at v$version ($(echo "$answer" | tr '\n"' '  ' | sed 's/  */ /g' | cut -c1-200))")
      step "provider: ${misses[-1]}"
    else
      step "provider: the proxy resolved it; building"
      mkdir -p "$unpacked_dir"
      GOBIN=$unpacked_dir GOFLAGS=-buildvcs=false go install "$module@v$version"
      mv "$unpacked_dir/terraform-provider-$name" "$binary"
      step "provider: hashicorp/$name $version built into the mirror"
      misses=()
    fi
  fi
  if [ ${#misses[@]} -gt 0 ]; then
    build_zip=$( { ls "$provider_builds"/terraform-provider-"${name}"_*_linux_amd64.zip 2>/dev/null || true; } | sort -V | tail -n 1)
    if [ -n "$build_zip" ]; then
      mkdir -p "$packed_dir"
      cp "$build_zip" "$packed_dir/"
      provider_build=$(installed_build)
      step "provider: installed $(basename "$build_zip") from $provider_builds (packed layout)"
    else
      misses+=("no build in $provider_builds")
      provider_status="unavailable: $(IFS=';'; echo "${misses[*]}" | sed 's/;/; /g')"
      step "provider: hashicorp/$name $provider_status"
    fi
  fi
  share_between_hosts "$name"
  if [ "$provider_status" = available ] && [ "$provider_build" != "$version" ]; then
    step "provider: the stacks pin hashicorp/$name $version; validate and e2e override the pin with $provider_build in their copies of each stack (engine-drift.json)"
  fi
}
pinned_version() { node -e "process.stdout.write(require('./node_modules/@cdktf/provider-$1/package.json').cdktf.provider.version)"; }
AWS_VERSION=$(pinned_version aws)
install_provider aws "$AWS_VERSION" github.com/hashicorp/terraform-provider-aws
aws_status=$provider_status aws_build=$provider_build
# hashicorp/tfe, for the Terraform Cloud workspaces stack (bootstrap/terraform-cloud)
TFE_VERSION=$(pinned_version tfe)
install_provider tfe "$TFE_VERSION"
tfe_status=$provider_status tfe_build=$provider_build

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
TOOLCHAIN_TERRAFORM=$terraform_binary
TOOLCHAIN_TERRAFORM_VERSION=$terraform_version
TOOLCHAIN_TERRAFORM_STATUS="$terraform_status"
TOOLCHAIN_TOFU=$tofu_binary
TOOLCHAIN_TOFU_VERSION=$tofu_version
TOOLCHAIN_TOFU_STATUS="$tofu_status"
TOOLCHAIN_CHECKOV=$tools/python/bin/checkov
TOOLCHAIN_MOTO_SERVER=$tools/python/bin/moto_server
TOOLCHAIN_PROVIDER_VERSION=$AWS_VERSION
TOOLCHAIN_PROVIDER_STATUS="$aws_status"
TOOLCHAIN_PROVIDER_BUILD=$aws_build
TOOLCHAIN_TFE_PROVIDER_VERSION=$TFE_VERSION
TOOLCHAIN_TFE_PROVIDER_STATUS="$tfe_status"
TOOLCHAIN_TFE_PROVIDER_BUILD=$tfe_build
TF_CLI_CONFIG_FILE=$tools/terraform.rc
TOOLCHAIN_CDKTN_NODE=$cdktn_node
TOOLCHAIN_CDKTN_NODE_STATUS="$cdktn_node_status"
ENV
step "done in $(( $(date +%s) - started )) s; settings in .tools/toolchain.env"
