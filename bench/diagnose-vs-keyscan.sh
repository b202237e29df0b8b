#!/usr/bin/env bash
# Full diagnosis of a healthy loopback OpenSSH server from a cold CLI start, against ssh-keyscan of
# the same server, interleaved in one run (issue 8 target: ratio <= 1.0, and no more TCP connections
# than the server has host-key types). Connections are counted from sshd's own log.
# Usage: bench/diagnose-vs-keyscan.sh [RUNS]   (default 10). Ends with the timeline of one more run.
source "$(dirname "$0")/lib.sh"
ensure_built
runs=${1:-10}
start_sshd
keyscan=(); doctor=(); kconn=(); dconn=()
for _ in $(seq "$runs"); do
  before=$(log_lines); keyscan+=("$(time_ms ssh-keyscan -p "$SSHD_PORT" -t rsa,ecdsa,ed25519 127.0.0.1)"); sleep 0.2
  kconn+=("$(connections_since "$before")")
  before=$(log_lines); doctor+=("$(time_ms "$root/sshdoctor" "tester@127.0.0.1:$SSHD_PORT" --json)"); sleep 0.2
  dconn+=("$(connections_since "$before")")
done
k=$(printf '%s\n' "${keyscan[@]}" | median); d=$(printf '%s\n' "${doctor[@]}" | median)
printf 'ssh-keyscan -t rsa,ecdsa,ed25519: median %5d ms, %s connection(s) per run\n' "$k" "$(printf '%s\n' "${kconn[@]}" | median)"
printf 'sshdoctor full diagnosis:         median %5d ms, %s connection(s) per run\n' "$d" "$(printf '%s\n' "${dconn[@]}" | median)"
awk -v d="$d" -v k="$k" 'BEGIN { printf "ratio sshdoctor / ssh-keyscan: %.2f\n", d / k }'
# Where the time of one more run goes: the JVM floor, then the diagnosis's own timeline (the rest of the
# wall time is JVM start, picocli and config resolution before it, rendering after it).
floor=$(time_ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version)
start=$(now_ms); timeline=$("$root/sshdoctor" "tester@127.0.0.1:$SSHD_PORT" --timeline --no-color | sed -n '/^timeline/,$p'); end=$(now_ms)
printf '\none more run: %d ms wall (java -version alone: %d ms)\n%s\n' "$(( end - start ))" "$floor" "$timeline"
