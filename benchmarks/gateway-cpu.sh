#!/usr/bin/env bash
# The gateway's own CPU cost, isolated: the mock upstream runs in its own JVM pinned to one core (taskset), and
# `benchmarks.jar gateway-cpu` (gateway, bare endpoint, direct client and the load driver) runs pinned to the
# other, so the CPU it measures per served token is the gateway's and not the upstream's. Writes
# results/<name>.{md,json} (default name gateway-cpu). About 2 minutes with the defaults (2,000/s, 8 s warm-up
# per contender, 5 interleaved rounds of 4 s).
#
#   benchmarks/gateway-cpu.sh                                  # builds, then runs with the defaults
#   SKIP_BUILD=1 benchmarks/gateway-cpu.sh --rate 1000         # any flag of `benchmarks.jar gateway-cpu --help`
#   MOCK_CPU=1 BENCH_CPU=0 benchmarks/gateway-cpu.sh           # the cores (defaults shown)
#   OUT=/tmp/x benchmarks/gateway-cpu.sh --name trial          # where results go (default: results/)
#
# Needs Linux (taskset, /proc) and 2 cores or more. Every process it starts is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"
command -v taskset >/dev/null || { echo "gateway-cpu.sh: needs taskset (util-linux)" >&2; exit 2; }

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # as run.sh: the library (and its CLI jar, which runs the mock) from the working tree, then the benchmarks
  (cd "$root" && mvn -q -B -Dbuild.dir=target-bench install -DskipTests)
  mvn -q -B package
fi
cli="$root/target-bench/realtime-secrets.jar"
MOCK_CPU="${MOCK_CPU:-1}"
BENCH_CPU="${BENCH_CPU:-0}"
OUT="${OUT:-$here/results}"

work="$(mktemp -d)"
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# taskset execs java, so $! is the mock's JVM (its CPU is read from /proc/$!/stat)
# a rate limit far above the benchmark's rate: the pool paces its mints to the limit the mock announces in its
# x-ratelimit headers (the default 10,000 a minute would starve the gateway at a few hundred tokens a second)
taskset -c "$MOCK_CPU" java -Xms256m -Xmx256m -XX:+UseG1GC -jar "$cli" mock --port 0 --rate-limit 10000000 \
  >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
url=""
for ((i = 0; i < 600; i++)); do
  url="$(grep -Eo 'http://127\.0\.0\.1:[0-9]+/v1' "$work/mock.out" 2>/dev/null | head -1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "gateway-cpu.sh: the mock did not start" >&2; cat "$work/mock.err" >&2; exit 1; }
echo "mock upstream $url (pid $mock_pid, core $MOCK_CPU); benchmark on core $BENCH_CPU"

cmd="benchmarks/gateway-cpu.sh $*"
taskset -c "$BENCH_CPU" java -Xms1g -Xmx1g -XX:+UseG1GC -jar target/benchmarks.jar gateway-cpu \
  --upstream "$url" --upstream-pid "$mock_pid" --out "$OUT" --command "${cmd% }" "$@"
