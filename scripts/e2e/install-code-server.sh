#!/usr/bin/env bash
# Installs code-server (pinned) into an ignored cache folder, without internet
# access beyond the npm registry: @vscode/ripgrep's postinstall would download
# a ripgrep binary from GitHub, so we pre-seed its download cache with the
# Debian `ripgrep` binary repacked under the exact asset name it looks for.
#
# Usage: scripts/e2e/install-code-server.sh [prefix]   (default .cache/code-server)
# Needs: node 20, npm, tar, gzip, /usr/bin/rg (Debian ripgrep), a C++ toolchain
# and libkrb5-dev (for the `kerberos` native module).
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PREFIX="${1:-$ROOT/.cache/code-server}"
BIN="$PREFIX/node_modules/.bin/code-server"
STAMP="$PREFIX/.installed-$CODE_SERVER_VERSION"

if [[ -f "$STAMP" && -x "$BIN" ]]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $PREFIX"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$node_major" != "20" ]]; then
  echo "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node --version))" >&2
  exit 1
fi

RG="$(command -v rg || true)"
if [[ -z "$RG" ]]; then
  echo "ripgrep (rg) not found; apt-get install -y ripgrep" >&2
  exit 1
fi

# Seed @vscode/ripgrep's cache: <os.tmpdir()>/vscode-ripgrep-cache-<pkgver>/
# ripgrep-<rgver>-<target>.tar.gz containing `rg` at the archive root.
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (VERSION v13.0.0-10) in
# lib/vscode/npm-shrinkwrap.json; the other pairs are harmless extras in case
# a nearby version is resolved. The cache lives inside the cache folder (npm and the
# postinstall get it as TMPDIR), so nothing is left in /tmp.
TMP_BASE="$PREFIX/.tmp"
case "$(uname -m)" in
  x86_64) target=x86_64-unknown-linux-musl ;;
  aarch64) target=aarch64-unknown-linux-musl ;;
  *) echo "unsupported arch $(uname -m)" >&2; exit 1 ;;
esac
mkdir -p "$TMP_BASE"
stage="$(mktemp -d "$TMP_BASE/stage.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
cp "$RG" "$stage/rg"
chmod 755 "$stage/rg"
for pair in 1.15.9:v13.0.0-10 1.15.10:v13.0.0-10 1.15.11:v13.0.0-10 1.15.13:v13.0.0-13 1.15.14:v13.0.0-13; do
  pkgver="${pair%%:*}"; rgver="${pair##*:}"
  dir="$TMP_BASE/vscode-ripgrep-cache-$pkgver"
  mkdir -p "$dir"
  tar -czf "$dir/ripgrep-$rgver-$target.tar.gz" -C "$stage" rg
done

# node-gyp builds code-server's native modules against the local Node headers when they are
# there (a Debian/NodeSource node ships them in <prefix>/include/node), instead of downloading.
if [[ -z "${npm_config_nodedir:-}" ]]; then
  node_prefix="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
  if [[ -f "$node_prefix/include/node/node.h" ]]; then export npm_config_nodedir="$node_prefix"; fi
fi

mkdir -p "$PREFIX"
# A package.json of its own so npm does not walk up into the repo's workspace.
if [[ ! -f "$PREFIX/package.json" ]]; then
  echo '{ "name": "holdout-e2e-code-server", "private": true }' > "$PREFIX/package.json"
fi

echo "Installing code-server@$CODE_SERVER_VERSION into $PREFIX (takes a few minutes)..."
( cd "$PREFIX" && \
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false TMPDIR="$TMP_BASE" \
  npm install --no-save --no-package-lock "code-server@$CODE_SERVER_VERSION" )

[[ -x "$BIN" ]] || { echo "code-server binary missing after install: $BIN" >&2; exit 1; }
rg_bin="$PREFIX/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
[[ -x "$rg_bin" ]] || { echo "ripgrep not installed for code-server: $rg_bin" >&2; exit 1; }
HOME="$stage" XDG_CONFIG_HOME="$stage" XDG_DATA_HOME="$stage" "$BIN" --version
touch "$STAMP"
