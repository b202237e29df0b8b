#!/usr/bin/env bash
# Full diagnosis of a healthy loopback OpenSSH server from a cold CLI start, against ssh-keyscan of
# the same server, interleaved in one run (issue 8 target: ratio <= 1.0, and no more TCP connections
# than the server has host-key types). Connections are counted from sshd's own log.
# Usage: bench/diagnose-vs-keyscan.sh [RUNS]   (default 10). Ends with the timeline of one more run.
#   BASELINE_JAR=/path/to/old/sshdoctor.jar ...   also times that jar (with the sshdoctor.jsa beside it, if
#   any, and the launcher's JVM options), interleaved, for before/after in one run.
source "$(dirname "$0")/lib.sh"
ensure_built
runs=${1:-10}
start_sshd
keyscan=(); doctor=(); kconn=(); dconn=(); base=(); bconn=(); dcpu=(); bcpu=()
# cpu_ms CMD...: runs CMD (output discarded), prints its wall and CPU (user + system, children included) in ms.
cpu_ms() {
  local TIMEFORMAT='%3R %3U %3S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"
}
baseline=()
if [ -n "${BASELINE_JAR:-}" ]; then
  baseline=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:disable)
  [ -f "$(dirname "$BASELINE_JAR")/sshdoctor.jsa" ] && baseline+=("-XX:SharedArchiveFile=$(dirname "$BASELINE_JAR")/sshdoctor.jsa")
  baseline+=(-jar "$BASELINE_JAR")
fi
for _ in $(seq "$runs"); do
  if [ ${#baseline[@]} -gt 0 ]; then
    before=$(log_lines); read -r wall cpu < <(cpu_ms "${baseline[@]}" "tester@127.0.0.1:$SSHD_PORT" --json)
    base+=("$wall"); bcpu+=("$cpu"); sleep 0.2
    bconn+=("$(connections_since "$before")")
  fi
  before=$(log_lines); keyscan+=("$(time_ms ssh-keyscan -p "$SSHD_PORT" -t rsa,ecdsa,ed25519 127.0.0.1)"); sleep 0.2
  kconn+=("$(connections_since "$before")")
  before=$(log_lines); read -r wall cpu < <(cpu_ms "$root/sshdoctor" "tester@127.0.0.1:$SSHD_PORT" --json)
  doctor+=("$wall"); dcpu+=("$cpu"); sleep 0.2
  dconn+=("$(connections_since "$before")")
done
k=$(printf '%s\n' "${keyscan[@]}" | median); d=$(printf '%s\n' "${doctor[@]}" | median)
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'ssh-keyscan -t rsa,ecdsa,ed25519: median %5d ms, %s connection(s) per run\n' "$k" "$(printf '%s\n' "${kconn[@]}" | median)"
printf 'sshdoctor full diagnosis:         median %5d ms, %s connection(s) per run (CPU median %d ms)\n' "$d" \
  "$(printf '%s\n' "${dconn[@]}" | median)" "$(printf '%s\n' "${dcpu[@]}" | median)"
awk -v d="$d" -v k="$k" 'BEGIN { printf "ratio sshdoctor / ssh-keyscan: %.2f\n", d / k }'
if [ ${#base[@]} -gt 0 ]; then
  b=$(printf '%s\n' "${base[@]}" | median)
  printf 'baseline jar full diagnosis:      median %5d ms, %s connection(s) per run (CPU median %d ms); ratio to ssh-keyscan %s\n' \
    "$b" "$(printf '%s\n' "${bconn[@]}" | median)" "$(printf '%s\n' "${bcpu[@]}" | median)" \
    "$(awk -v b="$b" -v k="$k" 'BEGIN { printf "%.2f", b / k }')"
fi
# Where the time of one more run goes: the JVM floor, then the diagnosis's own timeline (the rest of the
# wall time is JVM start, picocli and config resolution before it, rendering after it).
floor=$(time_ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version)
start=$(now_ms); timeline=$("$root/sshdoctor" "tester@127.0.0.1:$SSHD_PORT" --timeline --no-color | sed -n '/^timeline/,$p'); end=$(now_ms)
printf '\none more run: %d ms wall (java -version alone: %d ms)\n%s\n' "$(( end - start ))" "$floor" "$timeline"
