#!/usr/bin/env bash
# Builds the library and the benchmarks, then runs the loopback load benchmark and writes
# results/load-results.{md,txt,json} and results/load-latency.svg. About 5-8 minutes on 2 cores.
#
#   benchmarks/run.sh                      # the published run (defaults below)
#   benchmarks/run.sh --counts 5000,1000   # any flag of `java -jar target/benchmarks.jar load --help`
#   SKIP_BUILD=1 benchmarks/run.sh         # reuse target/benchmarks.jar
#   JMH=1 benchmarks/run.sh                # also run the JMH benchmarks (about 3 more minutes)
#   SOAK=0 benchmarks/run.sh               # skip the 60 s open-loop soak through the gateway (run by default)
#   GATEWAY_CPU=1 benchmarks/run.sh        # also the gateway's own CPU, mock pinned to another core (~2 more minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # the library is installed from the working tree into the local repository, with its own build dir
  (cd .. && mvn -q -B -Dbuild.dir=target-bench install -DskipTests)
  mvn -q -B package
fi

# One JVM for everything: contenders run in turn against the same embedded mock (127.0.0.1 only).
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
args=(load
  --latencies 0,150
  --counts 20000,5000
  --warmups 5000,1000
  --concurrency 256
  --jvm-warmup 10000
  --cell-seconds 60
  --max-seconds 480
  --out "$here/results")
cmd="benchmarks/run.sh $*"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar target/benchmarks.jar "${args[@]}" --command "${cmd% }" "$@"

# 60 s open-loop soak: GET /token through the gateway at a constant 100/s, upstream the mock over TLS at
# 150 ms + 0..100 ms jitter; writes results/soak.{md,csv,png}. The 10-minute version: --seconds 600.
if [[ "${SOAK:-1}" == 1 ]]; then
  java -Xms512m -Xmx512m -XX:+UseG1GC -jar target/benchmarks.jar soak --rate 100 --seconds 60 \
    --out "$here/results" --command "benchmarks/run.sh (soak: --rate 100 --seconds 60)"
fi

if [[ "${GATEWAY_CPU:-}" == 1 ]]; then
  SKIP_BUILD=1 "$here/gateway-cpu.sh"
fi

if [[ "${JMH:-}" == 1 ]]; then
  java -jar target/benchmarks.jar jmh -rf json -rff "$here/results/jmh-results.json" \
    | tee "$here/results/jmh-results.txt"
fi
