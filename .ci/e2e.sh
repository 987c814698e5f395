#!/usr/bin/env bash
# Real-editor tests of the VS Code extension (issue 3): the Holdout extension loaded into
# code-server (a real VS Code 1.100.3) and driven from inside its extension host and through
# headless chromium. Installs everything it needs on a fresh Debian machine with Node 20:
#   apt: chromium (+ fonts), ripgrep, libkrb5-dev, a C/C++ toolchain and python3 (native modules of code-server)
#   npm: the project's devDependencies (playwright-core, mocha) and code-server into .cache/code-server
# Then: npm run test:e2e. Output (logs, screenshots, reports) in test-output/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

SUDO=""
if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v g++ >/dev/null && command -v make >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
command -v pkg-config >/dev/null || missing+=(pkg-config)
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation) # the screenshots' text
if ((${#missing[@]})); then
  echo "e2e: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! node -e "require.resolve('playwright-core'); require.resolve('mocha')" 2>/dev/null; then
  echo "e2e: npm ci"
  npm ci --no-audit --no-fund
fi

bash scripts/e2e/install-code-server.sh

npm run test:e2e
echo "e2e: done in $(( $(date +%s) - start )) s"
