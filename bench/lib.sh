# Shared helpers for the benchmark scripts (sourced, not run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/diag-cli/target/sshdoctor.jar"

ensure_built() {
  if [ ! -f "$jar" ]; then
    (cd "$root" && mvn -B -q package -DskipTests)
  fi
}

# now_ms: wall clock in milliseconds.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# time_ms CMD...: runs CMD (output discarded), prints its wall time in ms.
time_ms() {
  local start end
  start=$(now_ms)
  "$@" >/dev/null 2>&1 || true
  end=$(now_ms)
  echo $(( end - start ))
}

# start_sshd: a throwaway OpenSSH sshd on a free loopback port; sets SSHD_PORT, SSHD_DIR, SSHD_PID.
# SSHD_EXTRA_CONFIG: more sshd_config lines (they come last, so they lose to the lines above).
start_sshd() {
  SSHD_DIR=$(mktemp -d /tmp/sshdoctor-bench.XXXXXX)
  mkdir -p /run/sshd
  for t in ed25519 ecdsa rsa; do ssh-keygen -q -t "$t" -N '' -f "$SSHD_DIR/host_$t"; done
  SSHD_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat > "$SSHD_DIR/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $SSHD_DIR/host_ed25519
HostKey $SSHD_DIR/host_ecdsa
HostKey $SSHD_DIR/host_rsa
PidFile $SSHD_DIR/sshd.pid
UsePAM no
LogLevel VERBOSE
MaxStartups 100:30:200
${SSHD_EXTRA_CONFIG:-}
CONF
  /usr/sbin/sshd -D -e -f "$SSHD_DIR/sshd_config" 2> "$SSHD_DIR/sshd.log" &
  SSHD_PID=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$SSHD_PORT") 2>/dev/null && break
    sleep 0.05
  done
  trap 'kill $SSHD_PID 2>/dev/null; rm -rf "$SSHD_DIR"' EXIT
}

# connections_since LINE: sshd "Connection from" lines logged after line number LINE.
connections_since() { tail -n +"$(( $1 + 1 ))" "$SSHD_DIR/sshd.log" | grep -c 'Connection from' || true; }
log_lines() { wc -l < "$SSHD_DIR/sshd.log"; }

# median of the (decimal) numbers on stdin, sorted
median_f() { awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
