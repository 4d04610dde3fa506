#!/usr/bin/env bash
# Three `serve` replicas behind HAProxy (round-robin) on loopback, sharing one redis-server's fleet mint
# budget, against one `mock` that enforces an organisation limit (429 + Retry-After beyond it). A curl loop
# asks a fixed number of tokens per second through HAProxy for a set time; then the script prints, per
# replica, the tokens served, the 5xx answers and the upstream 429s (from each replica's /metrics), and what
# the callers saw. MODES=shared runs with the budget; "baseline" runs the same fleet without Redis.
#
#   benchmarks/cluster.sh                          # 30 s shared, then 30 s baseline (about 2 minutes)
#   SECONDS_PER_MODE=20 MODES=shared benchmarks/cluster.sh
#   RATE=1.5 LIMIT=120 MIN_IDLE=40 benchmarks/cluster.sh
#   SKIP_BUILD=1 benchmarks/cluster.sh             # reuse target/realtime-secrets.jar
#
# Needs java, curl, python3 (to find free ports), redis-server and haproxy (Debian: apt-get install
# redis-server haproxy). Everything listens on 127.0.0.1 on ports the OS chose; every process it starts is
# stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/target/realtime-secrets.jar"

SECONDS_PER_MODE="${SECONDS_PER_MODE:-30}" # demand duration per mode
RATE="${RATE:-1.5}"                          # tokens asked per second through HAProxy (75% of LIMIT/60)
LIMIT="${LIMIT:-120}"                        # the mock's organisation limit, mints per minute
FLEET_RATE="${FLEET_RATE:-$(python3 -c "print($LIMIT/60)")}" # --mint-rate-limit, mints/s for the fleet
MIN_IDLE="${MIN_IDLE:-40}"                   # stock each replica wants (3 x 40 = the minute's whole limit)
MODES="${MODES:-shared baseline}"
KEY="sk-cluster-0123456789abcdefghijklmnopqrstuv" # the mock's key: worthless outside it
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"

missing=()
for tool in java curl python3 redis-server haproxy; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "cluster.sh: missing ${missing[*]}; on Debian/Ubuntu: sudo apt-get install redis-server haproxy curl" >&2
  exit 2
fi
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# waits up to 60 s for a line matching $2 in file $1 and prints the match
wait_for() {
  local file="$1" pattern="$2" i
  for ((i = 0; i < 600; i++)); do
    if grep -Eo "$pattern" "$file" 2>/dev/null | head -1 | grep .; then return 0; fi
    sleep 0.1
  done
  echo "cluster.sh: timed out waiting for '$pattern' in $file:" >&2
  cat "$file" >&2
  exit 1
}

# sums the values of the Prometheus samples whose line matches $2 in the scrape $1
metric_sum() {
  { grep -E "^$2" "$1" || true; } | awk '{s += $NF} END {printf "%d", s}'
}

echo "{\"profiles\":{\"default\":{\"pool\":{\"minIdle\":$MIN_IDLE}}}}" >"$work/profiles.json"

run_mode() {
  local mode="$1" dir="$work/$mode"
  mkdir -p "$dir"
  local first=${#pids[@]}

  local redis_port redis_args=()
  if [[ "$mode" == shared ]]; then
    redis_port="$(free_port)"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$dir/redis.log" 2>&1 &
    pids+=($!)
    wait_for "$dir/redis.log" "Ready to accept connections" >/dev/null
    redis_args=(--redis-url "redis://127.0.0.1:$redis_port" --mint-rate-limit "$FLEET_RATE" --replicas 3)
  fi

  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$jar" mock --port 0 --api-key "$KEY" --rate-limit "$LIMIT" --enforce-rate-limit \
    >"$dir/mock.out" 2>"$dir/mock.err" &
  pids+=($!)
  local mock_url
  mock_url="$(wait_for "$dir/mock.out" "http://127\.0\.0\.1:[0-9]+/v1")"

  local ports=() r
  for r in 1 2 3; do
    # shellcheck disable=SC2086
    OPENAI_API_KEY="$KEY" java $JAVA_OPTS -jar "$jar" serve --port 0 --base-url "$mock_url" \
      --config "$work/profiles.json" "${redis_args[@]}" >"$dir/serve$r.out" 2>"$dir/serve$r.err" &
    pids+=($!)
  done
  for r in 1 2 3; do
    ports+=("$(wait_for "$dir/serve$r.err" "listening on http://127\.0\.0\.1:[0-9]+" | grep -Eo '[0-9]+$')")
  done

  local lb_port
  lb_port="$(free_port)"
  cat >"$dir/haproxy.cfg" <<EOF
global
  maxconn 256
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend fleet
  bind 127.0.0.1:$lb_port
  default_backend replicas
backend replicas
  balance roundrobin
  server r1 127.0.0.1:${ports[0]}
  server r2 127.0.0.1:${ports[1]}
  server r3 127.0.0.1:${ports[2]}
EOF
  haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
  pids+=($!)
  for ((r = 0; r < 100; r++)); do
    curl -s -o /dev/null "http://127.0.0.1:$lb_port/health/live" && break
    sleep 0.1
  done

  # open loop: request i leaves at start + i / RATE, whatever the answers before it do
  local start_ns now_ns due_ns i=0 period_ns end_ns
  period_ns="$(python3 -c "print(int(1e9 / $RATE))")"
  start_ns="$(date +%s%N)"
  end_ns=$((start_ns + SECONDS_PER_MODE * 1000000000))
  : >"$dir/codes"
  local curls=()
  while :; do
    due_ns=$((start_ns + i * period_ns))
    ((due_ns < end_ns)) || break
    now_ns="$(date +%s%N)"
    if ((due_ns > now_ns)); then
      sleep "$(python3 -c "print(($due_ns - $now_ns) / 1e9)")"
    fi
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 "http://127.0.0.1:$lb_port/token" >>"$dir/codes" &
    curls+=($!)
    i=$((i + 1))
  done
  for pid in "${curls[@]}"; do wait "$pid" || true; done

  echo
  echo "mode: $mode  (demand $RATE/s for ${SECONDS_PER_MODE} s through HAProxy round-robin; mock limit $LIMIT/min;"\
    "minIdle $MIN_IDLE per replica$([[ $mode == shared ]] && echo "; fleet budget $FLEET_RATE mints/s in Redis"))"
  printf '%-8s %8s %6s %14s %15s\n' replica served 5xx upstream_mints upstream_429s
  local tot_served=0 tot_5xx=0 tot_mints=0 tot_429=0 s x m q
  for r in 1 2 3; do
    curl -s "http://127.0.0.1:${ports[$((r - 1))]}/metrics" >"$dir/metrics$r"
    s="$(metric_sum "$dir/metrics$r" 'realtime_secrets_gateway_requests_seconds_count\{.*status="200"')"
    x="$(metric_sum "$dir/metrics$r" 'realtime_secrets_gateway_requests_seconds_count\{.*status="5[0-9][0-9]"')"
    m="$(metric_sum "$dir/metrics$r" 'realtime_pool_mint_attempts_total')"
    q="$(metric_sum "$dir/metrics$r" 'realtime_pool_upstream_errors_total\{.*kind="rate_limited"')"
    printf '%-8s %8d %6d %14d %15d\n' "r$r" "$s" "$x" "$m" "$q"
    tot_served=$((tot_served + s)); tot_5xx=$((tot_5xx + x)); tot_mints=$((tot_mints + m)); tot_429=$((tot_429 + q))
  done
  printf '%-8s %8d %6d %14d %15d\n' fleet "$tot_served" "$tot_5xx" "$tot_mints" "$tot_429"
  echo "callers (through HAProxy): asked $i, answers by status: $(sort "$dir/codes" | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')"

  for ((r = ${#pids[@]} - 1; r >= first; r--)); do
    kill "${pids[$r]}" 2>/dev/null || true
    wait "${pids[$r]}" 2>/dev/null || true
  done
  pids=("${pids[@]:0:first}")
}

echo "benchmarks/cluster.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in $MODES; do
  run_mode "$mode"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
