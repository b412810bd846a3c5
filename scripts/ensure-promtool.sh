#!/usr/bin/env bash
# Makes promtool available for MonitoringFilesTest (it checks ops/prometheus/alerts.yml and its unit tests): one on PATH
# is used as it is; otherwise the binary is unpacked from Debian's prometheus package into .tools/bin (no service is
# installed or started, no root needed unless the package lists must be refreshed first).
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v promtool >/dev/null 2>&1 || [ -x .tools/bin/promtool ]; then exit 0; fi
echo "installing promtool from Debian's prometheus package into .tools/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && { apt-get download prometheus 2>/dev/null || { apt-get update -qq && apt-get download prometheus; }; } \
  && dpkg -x prometheus_*.deb x)
mkdir -p .tools/bin
install -m 755 "$tmp/x/usr/bin/promtool" .tools/bin/promtool
