#!/usr/bin/env bash
# Writes the version `ballast --version` prints: the project version and the git commit it was built from (offline).
# Usage: scripts/version-properties.sh OUTPUT_FILE PROJECT_VERSION
set -euo pipefail
out="$1"
version="$2"
cd "$(dirname "$0")/.."
commit="$(git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"
mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\n' "$version" "$commit" > "$out"
