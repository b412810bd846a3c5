#!/usr/bin/env bash
# Builds or tests the Solidity contracts with the toolchain pinned in contracts/package.json.
# Maven calls this (generate-sources: build; test: test); it works on its own too.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/contracts.sh <install|build|test|snapshot> [forge args...]
  install   npm ci in contracts/ when node_modules is missing or older than package-lock.json
  build     install, then forge build
  test      install, then forge test (extra args go to forge, e.g. --match-path 'test/pool/*')
  snapshot  install, then forge snapshot (rewrites contracts/.gas-snapshot)
Needs Node.js 20+ and npm. forge runs offline with the pinned solc-js through contracts/solc-shim.js.
USAGE
}

here=$(cd "$(dirname "$0")/.." && pwd)
contracts="$here/contracts"

require_node() {
  command -v node >/dev/null || { echo "error: Node.js 20+ is required (node not found on PATH)" >&2; exit 1; }
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "error: Node.js 20+ is required, found $(node --version)" >&2
    exit 1
  fi
}

install() {
  require_node
  # npm writes node_modules/.package-lock.json on every install; if it matches the lock file, nothing changed.
  if [ -f "$contracts/node_modules/.package-lock.json" ] && [ -x "$contracts/node_modules/.bin/forge" ] \
     && [ "$contracts/node_modules/.package-lock.json" -nt "$contracts/package-lock.json" ]; then
    return
  fi
  echo "contracts: npm ci (toolchain pinned by contracts/package-lock.json)"
  (cd "$contracts" && npm ci --no-audit --no-fund --loglevel=error)
}

forge() {
  (cd "$contracts" && ./node_modules/.bin/forge "$@")
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  install) install ;;
  build) install; forge build "$@" ;;
  test) install; forge test "$@" ;;
  snapshot) install; forge snapshot "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
