#!/usr/bin/env bash
# Cold-start times of the CLI (issue 8 targets: --version <= 0.2 s, explain <= 0.3 s).
# Usage: bench/startup.sh [RUNS]   (default 10; prints the median of each command)
source "$(dirname "$0")/lib.sh"
ensure_built
runs=${1:-10}
launcher="$root/sshdoctor"
measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do times+=("$(time_ms "$@")"); done
  printf '%-40s median %5d ms  (runs: %s)\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}
measure "java -version (JVM floor)" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version
measure "sshdoctor --version" "$launcher" --version
measure "sshdoctor kb SSH-TCP-REFUSED" "$launcher" kb SSH-TCP-REFUSED
measure "sshdoctor 127.0.0.1:1 (refused)" "$launcher" 127.0.0.1:1
if "$launcher" help explain >/dev/null 2>&1; then
  measure "sshdoctor explain 'Connection refused'" "$launcher" explain "ssh: connect to host h port 22: Connection refused"
fi
