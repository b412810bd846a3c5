#!/usr/bin/env bash
# Makes the servers the tests start themselves available on this machine: Chromium (browser tests of the HTML report
# and the dashboard, driven by playwright-core from contracts/node_modules) and PostgreSQL (journal tests start a
# throwaway cluster with initdb on a free port). Both come from Debian's packages; nothing is started here and no
# service is enabled. Needs root only when something is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing from Debian's packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: ${missing[*]} missing and not root: install them with apt-get (Debian packages: ${missing[*]})" >&2
  exit 1
fi
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; }
