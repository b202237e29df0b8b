#!/usr/bin/env bash
# Throughput of `sshdoctor logs` on a generated auth.log (issue 7 target: >= 2 M lines/s for the full
# pipeline on one core). Generates LINES lines (default 1 000 000) of a realistic mix: brute force and
# invalid users from ~20 000 addresses, PAM failures, logins with sessions, SFTP transfers, scanners,
# Dropbear and CRON lines. Everything sshdoctor runs is pinned to one core (taskset -c 0), JIT and GC
# threads included. Per case, over RUNS interleaved rounds (default 3), medians of:
#   - warm: bench/LogsWarm.java, the whole pipeline (reader, envelope, classifier, analysis, summary) on
#     the log held in memory, after 3 warm-up passes: the steady state a long log runs at. Reported as
#     lines per wall second and per CPU second of the whole JVM (CPU time is what the load inflates least);
#   - end to end as ./sshdoctor runs it (C1 only), and with the default JIT (C2), start-up included;
#   - awk counting one pattern, and grep -c, as floors for comparison.
# Usage: bench/logs-throughput.sh [LINES] [RUNS]
#   BASELINE_JAR=/path/to/old/sshdoctor.jar bench/logs-throughput.sh   also measures that jar (before/after)
source "$(dirname "$0")/lib.sh"
ensure_built
lines=${1:-1000000}
runs=${2:-3}
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
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); else echo "taskset not found: not pinned to one core"; fi

jars=("$jar") names=("current")
if [ -n "${BASELINE_JAR:-}" ]; then jars+=("$BASELINE_JAR") names+=("baseline"); fi
# the warm harness, compiled once against the current jar (it uses only the public logs API)
javac -nowarn -d "$dir/warm" -cp "$jar" "$root/bench/LogsWarm.java" 2>/dev/null

# wall_cpu CMD...: runs CMD (output discarded), prints "WALL_MS CPU_MS".
wall_cpu() {
  local TIMEFORMAT='%3R %3U %3S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"
}
declare -A walls cpus
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); $runs interleaved rounds"
for _ in $(seq "$runs"); do
  for j in "${!jars[@]}"; do
    n=${names[$j]}
    out=$("${pin[@]}" java -XX:+UseSerialGC -cp "$dir/warm:${jars[$j]}" LogsWarm "$log" 5 3)
    walls[$n warm]+="$(sed -E 's/.*median ([0-9.]+) M lines.s wall.*/\1/' <<<"$out") "
    cpus[$n warm]+="$(sed -E 's/.*, ([0-9.]+) M lines per CPU second.*/\1/' <<<"$out") "
    for mode in c1 c2; do
      opt=(); [ "$mode" = c1 ] && opt=(-XX:TieredStopAtLevel=1)
      read -r wall cpu < <(wall_cpu "${pin[@]}" java "${opt[@]}" -XX:+UseSerialGC -jar "${jars[$j]}" logs "$log")
      walls[$n $mode]+="$wall " cpus[$n $mode]+="$cpu "
    done
  done
done
rate() { awk -v n="$count" '{printf "%.2f", ($1 > 0 ? n / $1 / 1000 : 0)}'; }
for n in "${names[@]}"; do
  printf '%-9s warm pipeline (one core)         %5s M lines/s wall   %5s M lines per CPU second\n' "$n" \
    "$(printf '%s\n' ${walls[$n warm]} | sort -n | median_f)" "$(printf '%s\n' ${cpus[$n warm]} | sort -n | median_f)"
  for mode in c1 c2; do
    label="end to end, ./sshdoctor (C1)"; [ "$mode" = c2 ] && label="end to end, java -jar (C2)"
    w=$(printf '%s\n' ${walls[$n $mode]} | median) c=$(printf '%s\n' ${cpus[$n $mode]} | median)
    printf '%-9s %-32s %5s M lines/s wall   %5s M lines per CPU second  (%d ms wall, %d ms CPU)\n' "$n" "$label" \
      "$(rate <<<"$w")" "$(rate <<<"$c")" "$w" "$c"
  done
done
read -r wall cpu < <(wall_cpu "${pin[@]}" awk '/Failed password/ {n++} END {print n}' "$log")
printf '%-42s %5s M lines/s wall (%d ms)\n' "awk '/Failed password/ {n++}'" "$(rate <<<"$wall")" "$wall"
read -r wall cpu < <(wall_cpu "${pin[@]}" grep -c 'Failed password' "$log")
printf '%-42s %5s M lines/s wall (%d ms)\n' "grep -c 'Failed password'" "$(rate <<<"$wall")" "$wall"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
