#!/usr/bin/env bash
# Round trips on the critical path (issue 8): a full diagnosis with 7 keys, through our own latency-injecting
# loopback proxy (bench/LatencyProxy.java) at one-way delay 0 and D ms, against the protocol's floor, with
# ssh-keyscan and a real ssh login through the same proxy for comparison. The number of one-way delays on
# the critical path is (median at D - median at 0) / D: the CPU time cancels out.
# Usage: bench/round-trips.sh [RUNS] [D_MS]   (defaults 5 and 50)
# BASELINE_JAR=old/sshdoctor.jar adds a row for an older build, measured in the same runs.
source "$(dirname "$0")/lib.sh"
ensure_built
runs=${1:-5}
delay=${2:-50}
me=$(id -un)

work=$(mktemp -d /tmp/sshdoctor-rtt.XXXXXX)
SSHD_EXTRA_CONFIG=$'AuthorizedKeysFile '"$work"$'/authorized_keys\nStrictModes no\nPubkeyAuthentication yes'
start_sshd
proxies=()
cleanup() { for p in "${proxies[@]}"; do kill "$p" 2>/dev/null || true; done; kill "$SSHD_PID" 2>/dev/null || true
            rm -rf "$SSHD_DIR" "$work"; }
trap cleanup EXIT

# A home with 7 identities in ssh's order (IdentityFile k1..k7); the server authorizes k5, so a real ssh
# logs in (MaxAuthTries 6 is not reached) and the diagnosis asks 8 keys (7 + its throwaway key).
home="$work/home"; mkdir -p "$home/.ssh"; chmod 700 "$home/.ssh"
: > "$home/.ssh/config"
printf 'Host *\n    IdentitiesOnly yes\n' >> "$home/.ssh/config"
for i in 1 2 3 4 5 6 7; do
  ssh-keygen -q -t ed25519 -N '' -C "bench key $i" -f "$home/.ssh/k$i"
  printf '    IdentityFile %s/.ssh/k%d\n' "$home" "$i" >> "$home/.ssh/config"
done
cp "$home/.ssh/k5.pub" "$work/authorized_keys"

# start_proxy DELAY: a LatencyProxy in front of the sshd; sets PPORT; known_hosts vouches for [127.0.0.1]:PPORT.
start_proxy() {
  local out="$work/proxy-$1.out"
  java "$root/bench/LatencyProxy.java" "$SSHD_PORT" "$1" > "$out" 2> "$work/proxy-$1.err" &
  proxies+=($!)
  for _ in $(seq 200); do grep -q '^PORT ' "$out" 2>/dev/null && break; sleep 0.05; done
  PPORT=$(awk '/^PORT /{print $2}' "$out")
  for t in ed25519 ecdsa rsa; do
    printf '[127.0.0.1]:%s %s\n' "$PPORT" "$(cut -d' ' -f1,2 "$SSHD_DIR/host_$t.pub")"
  done >> "$home/.ssh/known_hosts"
}

declare -A port doctor keyscan login dconn base
for d in 0 "$delay"; do start_proxy "$d"; port[$d]=$PPORT; done

diagnose() { "$root/sshdoctor" "$me@127.0.0.1" -p "$1" --home "$home" --no-agent --json; }
baseline() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$BASELINE_JAR" "$me@127.0.0.1" -p "$1" --home "$home" --no-agent --json; }
real_ssh() { ssh -F "$home/.ssh/config" -o UserKnownHostsFile="$home/.ssh/known_hosts" -o BatchMode=yes \
                 -o GlobalKnownHostsFile=/dev/null -p "$1" "$me@127.0.0.1" true; }
check=$(diagnose "${port[0]}" || true)
echo "$check" | grep -q 'SSH-PUBKEY-ACCEPTED' || { echo "the diagnosis did not find key #5 accepted:" >&2; echo "$check" >&2; exit 1; }
real_ssh "${port[0]}" || { echo "the real ssh login failed" >&2; exit 1; }

for _ in $(seq "$runs"); do
  for d in 0 "$delay"; do
    before=$(log_lines)
    doctor[$d]+="$(time_ms diagnose "${port[$d]}") "; sleep 0.2
    dconn[$d]+="$(connections_since "$before") "
    if [ -n "${BASELINE_JAR:-}" ]; then base[$d]+="$(time_ms baseline "${port[$d]}") "; sleep 0.2; fi
    keyscan[$d]+="$(time_ms ssh-keyscan -p "${port[$d]}" -t rsa,ecdsa,ed25519 127.0.0.1) "; sleep 0.2
    login[$d]+="$(time_ms real_ssh "${port[$d]}") "; sleep 0.2
  done
done

med() { printf '%s\n' $1 | median; }
echo "Round trips, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs, one-way delay D = $delay ms"
echo
echo "Protocol floor, in one-way delays d from the client's connect():"
echo "  TCP connect (SYN, SYN-ACK)                                       2"
echo "  identification + KEXINIT (both sides send them at once)           2"
echo "  key exchange (ECDH init/reply; the host key is known here)        2   -> one host key: 6 d"
echo "  NEWKEYS, service request, 'none' and every public-key query:      2   (the server answers in order,"
echo "    all sent at once                                                     so nothing needs to wait)"
echo "  = 8 d for the diagnosis: host-key types on parallel connections, the queries on as many parallel"
echo "    connections as MaxAuthTries needs (8 queries at MaxAuthTries 6: 2). A client that waits for each"
echo "    answer (service accept, then 'none', then the queries) needs 12 d; one query at a time, 2 d per key."
echo "  ssh-keyscan fetches one key type after the other: 3 x 6 = 18 d (6 d if it ran them in parallel)."
echo
printf '%-34s %10s %10s %12s %8s\n' "" "D=0 ms" "D=$delay ms" "delays (d)" "floor"
row() {
  local a b
  a=$(med "$2"); b=$(med "$3")
  printf '%-34s %8d ms %8d ms %12s %8s\n' "$1" "$a" "$b" "$(awk -v a="$a" -v b="$b" -v d="$delay" 'BEGIN { printf "%.1f", (b - a) / d }')" "$4"
}
row "sshdoctor (7 keys, --json)" "${doctor[0]}" "${doctor[$delay]}" 8
[ -n "${BASELINE_JAR:-}" ] && row "baseline jar (BASELINE_JAR)" "${base[0]}" "${base[$delay]}" 8
row "ssh-keyscan -t rsa,ecdsa,ed25519" "${keyscan[0]}" "${keyscan[$delay]}" 18
row "ssh login (key #5 of 7), true" "${login[0]}" "${login[$delay]}" "-"
echo
echo "sshdoctor connections per run (sshd log): $(med "${dconn[0]}") at D=0, $(med "${dconn[$delay]}") at D=$delay"
