#!/usr/bin/env bash
# Fleet scan of N loopback targets (default 500) against ssh-keyscan fetching the same hosts' keys,
# interleaved in one run (issue 8 target: sshdoctor scan no slower than ssh-keyscan), then the scan's
# threads, file descriptors and heap before and after repeated rounds in one JVM (flat = no leak).
#
# One sshd answers on every 127.x.y.z address: it listens on 0.0.0.0 port 22 INSIDE a private network
# namespace (unshare -n, root needed), so nothing is reachable from outside and no port of the machine
# is used. Usage: sudo bench/fleet.sh [TARGETS] [RUNS] [ROUNDS] [CONCURRENCY]
#   TARGETS default 500; RUNS of keyscan vs scan, default 1 (ssh-keyscan takes minutes for 500 hosts);
#   ROUNDS of the in-JVM resource check, default 3; CONCURRENCY default: the scan's own default.
source "$(dirname "$0")/lib.sh"
ensure_built
n=${1:-500}; runs=${2:-1}; rounds=${3:-3}; concurrency=${4:-}
if [ -z "${SSHDOCTOR_BENCH_NETNS:-}" ]; then
  if [ "$(id -u)" != 0 ]; then echo "bench/fleet.sh: needs root for a private network namespace (unshare -n)" >&2; exit 2; fi
  exec env SSHDOCTOR_BENCH_NETNS=1 unshare -n "$0" "$@"
fi
ip link set lo up

dir=$(mktemp -d /tmp/sshdoctor-fleet.XXXXXX)
mkdir -p /run/sshd
for t in ed25519 ecdsa rsa; do ssh-keygen -q -t "$t" -N '' -f "$dir/host_$t"; done
cat > "$dir/sshd_config" <<CONF
Port 22
ListenAddress 0.0.0.0
HostKey $dir/host_ed25519
HostKey $dir/host_ecdsa
HostKey $dir/host_rsa
PidFile $dir/sshd.pid
UsePAM no
LogLevel VERBOSE
# Both tools open hundreds of unauthenticated connections at once: no random early drops.
MaxStartups 4000:30:8000
CONF
/usr/sbin/sshd -D -e -f "$dir/sshd_config" 2> "$dir/sshd.log" &
sshd_pid=$!
trap 'kill $sshd_pid 2>/dev/null; wait $sshd_pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/22) 2>/dev/null && break; sleep 0.05; done

# 127.0.1.1 … : N distinct addresses, one server.
for i in $(seq 0 $((n - 1))); do echo "127.0.$((1 + i / 250)).$((1 + i % 250))"; done > "$dir/targets"
log_lines() { wc -l < "$dir/sshd.log"; }
conns_since() { tail -n +"$(( $1 + 1 ))" "$dir/sshd.log" | grep -c 'Connection from' || true; }

echo "fleet of $n loopback targets, one sshd ($(/usr/sbin/sshd -V 2>&1 | head -1 | cut -d, -f1)); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load:$(uptime | sed 's/.*load average://')"
scan_args=(scan -f "$dir/targets" --json)
[ -n "$concurrency" ] && scan_args+=(--concurrency "$concurrency")
keyscan=(); scan=(); kconn=(); sconn=(); keys=0; ok=0
for _ in $(seq "$runs"); do
  before=$(log_lines); start=$(now_ms)
  ssh-keyscan -T 10 -t rsa,ecdsa,ed25519 -f "$dir/targets" > "$dir/keyscan.out" 2>/dev/null || true
  keyscan+=($(( $(now_ms) - start ))); sleep 1; kconn+=("$(conns_since "$before")")
  keys=$(grep -vc '^#' "$dir/keyscan.out" || true)
  before=$(log_lines); start=$(now_ms)
  "$root/sshdoctor" "${scan_args[@]}" > "$dir/scan.out" 2>/dev/null || true
  scan+=($(( $(now_ms) - start ))); sleep 1; sconn+=("$(conns_since "$before")")
  ok=$(tail -1 "$dir/scan.out" | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["outcomes"]["ok"], "ok,", s["outcomes"]["problems"], "with problems,", s["outcomes"]["unreachable"], "unreachable")')
done
k=$(printf '%s\n' "${keyscan[@]}" | median); s=$(printf '%s\n' "${scan[@]}" | median)
printf 'ssh-keyscan -t rsa,ecdsa,ed25519 -f: median %6d ms (runs: %s), %s keys, %s connections\n' "$k" "${keyscan[*]}" "$keys" "$(printf '%s\n' "${kconn[@]}" | median)"
printf 'sshdoctor scan -f --json:           median %6d ms (runs: %s), %s, %s connections\n' "$s" "${scan[*]}" "$ok" "$(printf '%s\n' "${sconn[@]}" | median)"
awk -v s="$s" -v k="$k" 'BEGIN { printf "ratio sshdoctor scan / ssh-keyscan: %.2f\n", s / k }'
echo "resources of the scan in one JVM (library API, bench/FleetResources.java), ${rounds} rounds:"
java -XX:+UseSerialGC -cp "$jar" "$root/bench/FleetResources.java" "$dir/targets" "$rounds" ${concurrency:+"$concurrency"} 2>/dev/null
echo "load after:$(uptime | sed 's/.*load average://')"
