#!/usr/bin/env bash
# Throughput of `sshdoctor logs` on a generated auth.log (issue 7 target: >= 2 M lines/s for the full
# pipeline on one core). Generates LINES lines (default 1 000 000) of a realistic mix: brute force and
# invalid users from ~20 000 addresses, PAM failures, logins with sessions, SFTP transfers, scanners,
# Dropbear and CRON lines. Prints wall time, CPU time and lines/s for:
#   - the launcher as users run it (./sshdoctor: C1 only, tuned for short runs),
#   - java -jar with the default JIT (C2), which long logs profit from,
#   - awk counting one pattern, and grep -c, as floors for comparison.
# Usage: bench/logs-throughput.sh [LINES]
source "$(dirname "$0")/lib.sh"
ensure_built
lines=${1:-1000000}
dir=$(mktemp -d /tmp/sshdoctor-logs-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
log="$dir/auth.log"

awk -v n="$lines" 'function p(line) { if (i < n) { print line; i++ } }
BEGIN {
  split("root admin test oracle ubuntu git postgres user guest pi", users, " ")
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", months, " ")
  i = 0; pid = 20000
  while (i < n) {
    pid++
    t = sprintf("%s %2d %02d:%02d:%02d", months[1 + int(i / 2000000) % 12], 1 + int(i / 100000) % 28, int(i / 4000) % 24, int(i / 60) % 60, i % 60)
    a = sprintf("203.0.%d.%d", int(pid / 97) % 200, pid % 97)
    u = users[1 + pid % 10]
    port = 1024 + pid % 60000
    kind = pid % 20
    if (kind < 9) {            # brute force: invalid user, 2 failures, close
      p(t " web1 sshd[" pid "]: Invalid user " u " from " a " port " port)
      p(t " web1 sshd[" pid "]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" a)
      p(t " web1 sshd[" pid "]: Failed password for invalid user " u " from " a " port " port " ssh2")
      p(t " web1 sshd[" pid "]: Failed password for invalid user " u " from " a " port " port " ssh2")
      p(t " web1 sshd[" pid "]: Connection closed by invalid user " u " " a " port " port " [preauth]")
    } else if (kind < 12) {    # root guessing
      p(t " web1 sshd[" pid "]: Failed password for root from " a " port " port " ssh2")
      p(t " web1 sshd[" pid "]: error: maximum authentication attempts exceeded for root from " a " port " port " ssh2 [preauth]")
      p(t " web1 sshd[" pid "]: Disconnecting authenticating user root " a " port " port ": Too many authentication failures [preauth]")
    } else if (kind < 14) {    # scanners
      p(t " web1 sshd[" pid "]: error: kex_exchange_identification: Connection closed by remote host")
      p(t " web1 sshd[" pid "]: Connection closed by " a " port " port " [preauth]")
      p(t " web1 sshd[" pid "]: Unable to negotiate with " a " port " port ": no matching host key type found. Their offer: ssh-dss [preauth]")
    } else if (kind < 17) {    # a login with its session
      p(t " web1 sshd[" pid "]: Accepted publickey for deploy from 192.0.2." pid % 50 " port " port " ssh2: ED25519 SHA256:uK4mVdG5l2zq8Xo0nB7v3ZyRk1sQ9wT6eHcFpLjM2aE")
      p(t " web1 sshd[" pid "]: pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)")
      p(t " web1 sshd[" pid "]: Received disconnect from 192.0.2." pid % 50 " port " port ":11: disconnected by user")
      p(t " web1 sshd[" pid "]: Disconnected from user deploy 192.0.2." pid % 50 " port " port)
      p(t " web1 sshd[" pid "]: pam_unix(sshd:session): session closed for user deploy")
    } else if (kind < 19) {    # an SFTP session
      p(t " web1 internal-sftp[" pid "]: session opened for local user backup from [192.0.2.7]")
      p(t " web1 internal-sftp[" pid "]: open \"/srv/backup/db-" pid ".tar\" flags WRITE,CREATE,TRUNCATE mode 0640")
      p(t " web1 internal-sftp[" pid "]: close \"/srv/backup/db-" pid ".tar\" bytes read 0 written " pid * 13)
      p(t " web1 internal-sftp[" pid "]: session closed for local user backup from [192.0.2.7]")
    } else {                   # other programs and Dropbear
      p(t " web1 CRON[" pid "]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)")
      p(t " gw dropbear[" pid "]: Bad password attempt for '\''admin'\'' from " a ":" port)
    }
  }
}' > "$log"
count=$(wc -l < "$log")
size=$(du -m "$log" | cut -f1)
echo "generated $count lines ($size MB) in $log"

run() {
  local label=$1; shift
  local start end cpu_ms="-"
  start=$(now_ms)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -o "$dir/time" -f '%U %S' "$@" >/dev/null 2>&1 || true
    cpu_ms=$(tail -1 "$dir/time" | awk '{printf "%d", ($1 + $2) * 1000}')
  else
    "$@" >/dev/null 2>&1 || true
  fi
  end=$(now_ms)
  local wall=$(( end - start ))
  printf '%-44s wall %6d ms  cpu %6s ms  %10.0f lines/s (wall)\n' "$label" "$wall" "$cpu_ms" \
    "$(echo "$count $wall" | awk '{print $1 * 1000 / ($2 > 0 ? $2 : 1)}')"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run "sshdoctor logs (launcher, C1)" "$root/sshdoctor" logs "$log"
run "java -jar sshdoctor.jar logs (C2)" java -XX:+UseSerialGC -jar "$jar" logs "$log"
run "java -jar sshdoctor.jar logs --json (C2)" java -XX:+UseSerialGC -jar "$jar" logs --json "$log"
run "awk '/Failed password/ {n++}'" awk '/Failed password/ {n++} END {print n}' "$log"
run "grep -c 'Failed password'" grep -c 'Failed password' "$log"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
