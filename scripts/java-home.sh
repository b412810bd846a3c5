# Sourced by scripts/ballast, scripts/test and .ci/run: exports JAVA_HOME pointing at a JDK 21+.
# Keeps a JAVA_HOME that is already 21+, else takes the default java if it is 21+, else the newest JDK 21+ found
# under /usr/lib/jvm (Debian's JVM folder) or /opt. Never hard-codes one machine's folder name.

_ballast_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {v=$2; sub(/^1\./, "", v); split(v, a, "."); print a[1]; exit}'
}

_ballast_pick_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(_ballast_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(_ballast_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$candidate"; return; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(_ballast_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  echo "$best"
}

JAVA_HOME=$(_ballast_pick_jdk)
if [ -z "$JAVA_HOME" ]; then
  echo "error: Ballast needs a JDK 21 or newer; none found (JAVA_HOME, PATH, /usr/lib/jvm). Install one, e.g. Temurin 21+." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
