#!/usr/bin/env bash
# Runs every Sluice benchmark against the RabbitMQ at 127.0.0.1:5672 (guest/guest) and prints one markdown
# table (also written to benchmarks/results/latest.md, or to --out FILE).
#
#   benchmarks/run.sh            build target/benchmarks.jar if it is missing, then run (~9 min on 2 cores)
#   benchmarks/run.sh --build    rebuild the jar first (../mvnw from the repository root)
#   benchmarks/run.sh --quick    smoke test: 1 short iteration each, small N (figures meaningless;
#                                results/latest.md is left alone unless --out is given)
#   benchmarks/run.sh --out FILE write the report there instead of results/latest.md
#   benchmarks/run.sh --only X   run only the phases whose name starts with X (e.g. --only sls); like --quick,
#                                results/latest.md is left alone unless --out is given
#
# Raw outputs (JMH JSON, logs, counters) go to benchmarks/target/run-<UTC time>/.
# Run it on an otherwise idle machine: the benchmark, the broker and the consumer share the cores.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
out=""
build=false
quick=false
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=true ;;
    --quick) quick=true ;;
    --out) out="$2"; shift ;;
    --only) only="$2"; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java_bin" >/dev/null || { echo "java not found (set JAVA_HOME)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to build the report" >&2; exit 1; }

start_seconds=$SECONDS
start_date="$(date -u)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

if $build || [[ ! -f "$jar" ]]; then
  echo "[$(date -u +%T)] building $jar with ../mvnw ..." >&2
  (cd "$root" && ./mvnw -B -q -pl benchmarks -am -DskipTests package)
fi
jar_note="built $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC')"
newer="$(find "$root/pom.xml" "$root"/{appender-core,logback-appender,log4j2-appender,testkit,benchmarks}/pom.xml \
  "$root"/{appender-core,logback-appender,log4j2-appender,testkit,benchmarks}/src/main -newer "$jar" -type f 2>/dev/null | head -n 3 || true)"
if [[ -n "$newer" ]]; then
  echo "WARNING: $jar is older than the sources (e.g. ${newer%%$'\n'*}); run with --build to measure the current code" >&2
  jar_note="$jar_note, OLDER THAN THE SOURCES (not rebuilt)"
fi

if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  echo "WARNING: nothing listens on 127.0.0.1:5672; the benchmarks will fall back to the embedded Qpid broker" >&2
fi

run="$here/target/run-$(date -u +%Y%m%dT%H%M%SZ)"
if [[ -z "$out" ]]; then
  if $quick || [[ -n "$only" ]]; then out="$run/report.md"; else out="$here/results/latest.md"; fi
fi
mkdir -p "$run" "$(dirname "$out")"
export SLUICE_BENCH_STATS="$run/stats.jsonl"

if $quick; then
  jmh_times=(-wi 1 -w 1s -i 1 -r 1s)
  paced_times=("${jmh_times[@]}")
  burst_times=("${jmh_times[@]}")
  log4j2_times=("${jmh_times[@]}")
  e2e_sluice_n=20000; e2e_spring_n=10000; e2e_reps=1; stop_n=50000; stop_reps=1; burst_n=50000
  sls_e2e_n=20000; sls_e2e_reps=1
else
  jmh_times=(-wi 3 -w 2s -i 3 -r 2s)
  # Paced runs make few calls per second (1 per 200 µs per thread): 4 measurement iterations for a steadier p99;
  # the encode benchmark uses them too (its per-iteration spread on this VM is ~10-20%).
  paced_times=(-wi 3 -w 2s -i 4 -r 2s)
  burst_times=(-wi 2 -w 2s -i 2 -r 2s)
  # Log4j2 caller cost: shorter, to keep the whole run under 10 minutes.
  log4j2_times=(-wi 2 -w 2s -i 3 -r 2s)
  e2e_sluice_n=200000; e2e_spring_n=100000; e2e_reps=3; stop_n=50000; stop_reps=3; burst_n=200000
  sls_e2e_n=100000; sls_e2e_reps=3
fi
pace_micros=200
e2e_java=("$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.EndToEnd)

failed=()
phase() {
  local name="$1"; shift
  if [[ -n "$only" && "$name" != "$only"* ]]; then return 0; fi
  local t0=$SECONDS
  echo "[$(date -u +%T)] $name ..." >&2
  if "$@" >"$run/$name.log" 2>&1; then
    echo "[$(date -u +%T)] $name done in $((SECONDS - t0)) s" >&2
  else
    echo "[$(date -u +%T)] $name FAILED after $((SECONDS - t0)) s; last lines of $run/$name.log:" >&2
    tail -n 25 "$run/$name.log" >&2 || true
    failed+=("$name")
  fi
}

# (a) caller cost, all three appenders side by side, 1 and 2 threads, paced so that every sender keeps up.
phase caller "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.CallerCostBenchmark' \
  -p paceMicros="$pace_micros" -prof gc "${paced_times[@]}" -rf json -rff "$run/caller.json"
# (a') back-to-back calls: the no-op floor and Sluice's behaviour when its sender cannot keep up.
#      Not Spring AMQP: its queue is unbounded and would grow by millions of events per second.
phase caller-burst "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.CallerCostBenchmark' \
  -p appender=NOOP,SLUICE -p paceMicros=0 -prof gc "${burst_times[@]}" -rf json -rff "$run/caller-burst.json"
# (e) caller cost with Log4j2 (synchronous loggers): no-op, <SluiceRabbitMq>, Spring AMQP's Log4j2 appender (async).
phase caller-log4j2 "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.Log4j2CallerCostBenchmark' \
  -p paceMicros="$pace_micros" -prof gc "${log4j2_times[@]}" -rf json -rff "$run/caller-log4j2.json"
# (b) sender-side compose + encode, with allocation per event.
phase encode "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.EncodeBenchmark' \
  -prof gc "${paced_times[@]}" -rf json -rff "$run/encode.json"
# (b') sender-side cost of extracting fields from the message: compose with extraction on minus off.
phase extraction "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.ExtractionBenchmark' \
  -prof gc "${jmh_times[@]}" -rf json -rff "$run/extraction.json"
# (c) end-to-end throughput counted by a consumer.
phase e2e-sluice "${e2e_java[@]}" throughput SLUICE "$e2e_sluice_n" "$e2e_reps" "$run/e2e-sluice.json" overflow=block
phase e2e-sluice-lines "${e2e_java[@]}" throughput SLUICE "$e2e_sluice_n" "$e2e_reps" "$run/e2e-sluice-lines.json" \
  label=sluice-json-lines overflow=block format=json-lines
phase e2e-spring "${e2e_java[@]}" throughput SPRING "$e2e_spring_n" "$e2e_reps" "$run/e2e-spring.json"
# (c'') reference: what a bare amqp-client loop reaches publishing one message per event (Sluice's properties and
#       confirm pattern), i.e. the broker's ceiling for any appender that sends one message per event.
phase ceiling "$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.BrokerCeiling per-message \
  "$e2e_spring_n" "$e2e_reps" "$run/ceiling.json"
# (c3) the same loop keeping up to 4 x 1,024 messages unconfirmed instead of waiting for each 1,024: the physical
#      ceiling for confirmed publishing on this machine, which Sluice's pipelined confirms are held to.
phase ceiling-pipelined "$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.BrokerCeiling per-message-pipelined \
  "$e2e_spring_n" "$e2e_reps" "$run/ceiling-pipelined.json"
# (d) loss when the context is stopped right after the last call.
phase stop-sluice "${e2e_java[@]}" stop SLUICE "$stop_n" "$stop_reps" "$run/stop-sluice.json"
phase stop-sluice-block "${e2e_java[@]}" stop SLUICE "$stop_n" "$stop_reps" "$run/stop-sluice-block.json" \
  label=sluice-block overflow=block
phase stop-spring "${e2e_java[@]}" stop SPRING "$stop_n" "$stop_reps" "$run/stop-spring.json"
# (d') a burst of mixed levels (2 threads, 80% DEBUG/INFO, 20% WARN/ERROR) overflowing the default queue with the
#      default overflow=drop: events kept per level with the default overflowReserve, and without a reserve.
phase burst-sluice "${e2e_java[@]}" burst SLUICE "$burst_n" "$stop_reps" "$run/burst-sluice.json"
phase burst-sluice-noreserve "${e2e_java[@]}" burst SLUICE "$burst_n" "$stop_reps" "$run/burst-sluice-noreserve.json" \
  label=sluice-no-reserve overflowReserve=0

# ---- SLS: Sluice's SlsAppender vs the official aliyun-log-logback-appender, both into an in-process SlsReceiver ----
# (e) caller cost, 1 thread, paced as (a). Sluice in a Logback 1.5 context; the official appender and its own no-op
#     baseline in an isolated Logback 1.2 context. With --only sls the Logback 1.5 no-op baseline is measured here too.
sls_caller_appenders=SLS; [[ -n "$only" ]] && sls_caller_appenders=NOOP,SLS
phase sls-caller "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.CallerCostBenchmark.threads1' \
  -p appender="$sls_caller_appenders" -p paceMicros="$pace_micros" -prof gc "${paced_times[@]}" \
  -rf json -rff "$run/sls-caller.json"
phase sls-caller-official "$java_bin" -jar "$jar" 'dev.sluice.benchmarks.OfficialSlsCallerCostBenchmark' \
  -p paceMicros="$pace_micros" -prof gc "${paced_times[@]}" -rf json -rff "$run/sls-caller-official.json"
# (f) end-to-end events/s stored by the receiver: Sluice with overflow=block (nothing dropped), official with defaults.
phase sls-e2e-sluice "$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.SlsEndToEnd SLUICE \
  "$sls_e2e_n" "$sls_e2e_reps" "$run/sls-e2e-sluice.json" overflow=block
phase sls-e2e-official "$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.SlsEndToEnd OFFICIAL \
  "$sls_e2e_n" "$sls_e2e_reps" "$run/sls-e2e-official.json"
# (f') the same with every answer 30 ms late (stored at once), as over a WAN to a real SLS region: how each appender
#      copes with request latency (requests in flight, batch size). Target as (f): 3x the official appender.
phase sls-e2e-sluice-rtt30 "$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.SlsEndToEnd SLUICE \
  "$sls_e2e_n" "$sls_e2e_reps" "$run/sls-e2e-sluice-rtt30.json" receiverDelayMs=30 overflow=block
phase sls-e2e-official-rtt30 "$java_bin" -Xms2g -Xmx2g -cp "$jar" dev.sluice.benchmarks.SlsEndToEnd OFFICIAL \
  "$sls_e2e_n" "$sls_e2e_reps" "$run/sls-e2e-official-rtt30.json" receiverDelayMs=30
# ---- end of SLS ----

elapsed=$((SECONDS - start_seconds))
cpu_model="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
jdk="$("$java_bin" -version 2>&1 | head -n 1); $("$java_bin" -version 2>&1 | sed -n 3p)"
broker="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("broker","unknown"))' \
  "$run/e2e-sluice.json" 2>/dev/null || echo unknown)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain 2>/dev/null | head -n 1)" ]]; then commit="$commit (with uncommitted changes)"; fi
{
  echo "## Sluice benchmarks"
  echo
  echo "- Date: $start_date"
  echo "- CPU: ${cpu_model:-unknown}; cores: $(nproc)"
  echo "- JDK: $jdk"
  echo "- Broker: $broker; consumer: sluice-testkit AmqpCollector in the benchmark JVM"
  echo "- Sluice commit: $commit; benchmarks.jar $jar_note"
  echo "- Command: \`benchmarks/run.sh$($quick && echo ' --quick')${only:+ --only $only}\`; total run time: $((elapsed / 60)) min $((elapsed % 60)) s;" \
       "load average at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  if [[ ${#failed[@]} -gt 0 ]]; then echo "- FAILED phases (n/a below): ${failed[*]}"; fi
} >"$run/header.md"

python3 "$here/report.py" "$run" "$run/header.md" >"$run/report.md"
if [[ "$out" != "$run/report.md" ]]; then cp "$run/report.md" "$out"; fi
cat "$run/report.md"
echo >&2
echo "[$(date -u +%T)] report written to $out; raw results in $run; total $((elapsed / 60)) min $((elapsed % 60)) s" >&2
[[ ${#failed[@]} -eq 0 ]]
