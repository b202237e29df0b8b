#!/usr/bin/env bash
# Cold-start times of the CLI (issue 8 targets: --version <= 0.2 s, explain <= 0.3 s).
# Usage: bench/startup.sh [RUNS]   (default 10)
#   BASELINE_JAR=/path/to/old/sshdoctor.jar bench/startup.sh   also times that jar, for before/after
# Every round runs each case once, in turn (interleaved), so a load spike on the shared machine hits
# all cases alike; prints per case the median and the minimum wall time, the median CPU time (user +
# system, which load inflates much less than wall time), and the load average before and after.
source "$(dirname "$0")/lib.sh"
ensure_built
runs=${1:-10}
launcher="$root/sshdoctor"
archive="$root/diag-cli/target/sshdoctor.jsa"
jvm=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
explain_text="ssh: connect to host h port 22: Connection refused"

labels=() commands=()
add() { labels+=("$1"); commands+=("$2"); }
# variant LABEL_SUFFIX PREFIX: the four sshdoctor cases run through PREFIX (an array name)
variant() {
  local suffix=$1 prefix=$2
  add "--version$suffix" "$prefix --version"
  add "kb SSH-TCP-REFUSED$suffix" "$prefix kb SSH-TCP-REFUSED"
  add "explain 'Connection refused'$suffix" "$prefix explain \"\$explain_text\""
  add "127.0.0.1:1 (refused)$suffix" "$prefix 127.0.0.1:1"
}
add "java -version (JVM floor)" '"${jvm[@]}" -version'
variant "" '"$launcher"'
if [ -f "$archive" ]; then
  variant " [no CDS]" '"${jvm[@]}" -jar "$jar"'
fi
if [ -n "${BASELINE_JAR:-}" ]; then
  variant " [baseline]" '"${jvm[@]}" -jar "$BASELINE_JAR"'
fi

# wall_cpu CMD...: runs CMD (output discarded), prints "WALL_MS CPU_MS".
wall_cpu() {
  local TIMEFORMAT='%3R %3U %3S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"
}

declare -A times cpus
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); $runs interleaved rounds; CDS archive: $([ -f "$archive" ] && echo yes || echo no)"
for _ in $(seq "$runs"); do
  for i in "${!labels[@]}"; do
    read -r wall cpu < <(eval "wall_cpu ${commands[$i]}")
    times[$i]+="$wall " cpus[$i]+="$cpu "
  done
done
for i in "${!labels[@]}"; do
  sorted=$(printf '%s\n' ${times[$i]} | sort -n)
  printf '%-42s median %5d ms  min %5d ms  cpu %5d ms\n' "${labels[$i]}" "$(median <<<"$sorted")" \
    "$(head -1 <<<"$sorted")" "$(printf '%s\n' ${cpus[$i]} | median)"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
