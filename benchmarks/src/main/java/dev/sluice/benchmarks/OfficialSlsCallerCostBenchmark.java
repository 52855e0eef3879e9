package dev.sluice.benchmarks;

import dev.sluice.testkit.sls.SlsReceiver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The caller cost of {@link CallerCostBenchmark} (same call, same MDC, same pacing and allocation accounting) for
 * the official {@code aliyun-log-logback-appender} with its defaults, shipping to an in-process SlsReceiver. It runs
 * in its own Logback 1.2 context inside an isolated class loader ({@link OfficialSlsContext}), so the call goes
 * through that context's logger; {@code OFFICIAL_NOOP}, a no-op appender in the same isolated Logback 1.2 context,
 * is its baseline. Compare with {@code CallerCostBenchmark -p appender=SLS} (Sluice's SlsAppender) and
 * {@code NOOP} (Logback 1.5's baseline).
 *
 * <p>The three arguments go into a fresh {@code Object[]} in the timed call, as the varargs of {@code log.info} do
 * in CallerCostBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OfficialSlsCallerCostBenchmark {

    /** OFFICIAL_SLS: the official appender; OFFICIAL_NOOP: a no-op appender in the same isolated Logback 1.2. */
    @Param({"OFFICIAL_NOOP", "OFFICIAL_SLS"})
    public String appender;

    @Param({"200"})
    public int paceMicros;

    @Param({"park"})
    public String pacing;

    SlsReceiver receiver;
    OfficialSlsContext official;
    PacedCaller caller;

    @Setup(Level.Trial)
    public void start() {
        receiver = SlsTarget.startReceiver();
        official = OfficialSlsContext.start("OFFICIAL_NOOP".equals(appender), receiver.port());
        caller = new PacedCaller(0, paceMicros, pacing);
    }

    @Setup(Level.Iteration)
    public void iterationStart(IterationParams iteration) {
        official.setWorkloadMdc(); // on the benchmark thread (this state's setups run there), in Logback 1.2's MDC
        caller.iterationStart(iteration.getType() == IterationType.MEASUREMENT);
    }

    /** Pacing, and the arguments of the next call made outside the timed region, as in CallerCostBenchmark. */
    @Setup(Level.Invocation)
    public void nextCall() {
        caller.nextCall();
    }

    @TearDown(Level.Trial)
    public void stop(BenchmarkParams params) {
        Map<String, Object> r = StatsFile.record();
        r.put("benchmark", params.getBenchmark());
        r.put("appender", appender);
        r.put("threads", params.getThreads());
        r.put("paceMicros", paceMicros);
        PacedCaller.record(r, List.of(caller));
        if ("OFFICIAL_SLS".equals(appender)) {
            r.put("receivedBySls", receiver.logCount(SlsTarget.PROJECT, SlsTarget.LOGSTORE));
        }
        List<String> errors = official.errors();
        r.put("errorStatuses", errors.size());
        StatsFile.append(r);
        errors.stream().limit(5).forEach(e -> System.err.println("  [official status] " + e));
        official.close();
        receiver.close();
    }

    @Benchmark
    @Threads(1)
    public void threads1() {
        official.log(new Object[] {caller.orderId, caller.user, caller.amount});
    }
}
