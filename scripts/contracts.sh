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
            FOUNDRY_PROFILE=ci runs the deep CI fuzz profile (contracts/foundry.toml); the settings and seed are printed first;
            BALLAST_FORGE_TEST_ARGS adds forge arguments (e.g. -vv) when Maven runs it
  snapshot  install, then forge snapshot (rewrites contracts/.gas-snapshot)
  bin TOOL  install, then print the path of the real forge, anvil or cast executable (for other scripts)
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
  if [ -f "$contracts/node_modules/.package-lock.json" ] && tool_path forge >/dev/null 2>&1 \
     && [ "$contracts/node_modules/.package-lock.json" -nt "$contracts/package-lock.json" ]; then
    return
  fi
  echo "contracts: npm ci (toolchain pinned by contracts/package-lock.json)"
  (cd "$contracts" && npm ci --no-audit --no-fund --loglevel=error)
}

# The executable npm installed for this machine's platform (@foundry-rs/<tool>-<os>-<arch>). node_modules/.bin/<tool>
# is a Node launcher around it that drops the tool's exit status (a failing forge test would exit 0), so it is
# never used.
tool_path() {
  local tool=$1 found=()
  shopt -s nullglob
  found=("$contracts"/node_modules/@foundry-rs/"$tool"-*/bin/"$tool")
  shopt -u nullglob
  if [ ${#found[@]} -ne 1 ] || [ ! -x "${found[0]}" ]; then
    echo "error: expected one $tool executable under contracts/node_modules/@foundry-rs/$tool-<platform>/bin," \
      "found ${#found[@]} (run scripts/contracts.sh install)" >&2
    return 1
  fi
  echo "${found[0]}"
}

forge() {
  local bin
  bin=$(tool_path forge)
  (cd "$contracts" && "$bin" "$@")
}

# One line before forge test with what the fuzzer will do, so a CI failure can be replayed from the log alone.
fuzz_settings() {
  local profile=${FOUNDRY_PROFILE:-default}
  forge config --json | node -e '
    const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const [profile, seedEnv] = process.argv.slice(1);
    const seed = seedEnv || c.fuzz.seed;
    const replay = profile === "default" ? "" : `FOUNDRY_PROFILE=${profile} `;
    console.log(`contracts: forge test profile ${profile}: fuzz ${c.fuzz.runs} runs, invariant ${c.invariant.runs} runs x depth ${c.invariant.depth}, `
      + (seed ? `seed ${seed} (replay: ${replay}${seedEnv ? "FOUNDRY_FUZZ_SEED=" + seed + " " : ""}scripts/contracts.sh test --match-test <name>)`
              : "random seed (set FOUNDRY_FUZZ_SEED=0x... to fix one)"));
  ' "$profile" "${FOUNDRY_FUZZ_SEED:-}"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  install) install ;;
  build) install; forge build "$@" ;;
  # BALLAST_FORGE_TEST_ARGS: extra forge test arguments from the environment (.ci/run sets -vv, so the invariant
  # handlers' per-action counts are in the CI log)
  # shellcheck disable=SC2086
  test) install; fuzz_settings; forge test ${BALLAST_FORGE_TEST_ARGS:-} "$@" ;;
  snapshot) install; forge snapshot "$@" ;;
  bin)
    case "${1:-}" in
      forge|anvil|cast) install >&2; tool_path "$1" ;;
      *) echo "error: bin TOOL: TOOL must be forge, anvil or cast, got '${1:-}'" >&2; exit 2 ;;
    esac ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
