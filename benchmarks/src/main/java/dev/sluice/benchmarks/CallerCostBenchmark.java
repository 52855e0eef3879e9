package dev.sluice.benchmarks;

import ch.qos.logback.classic.Logger;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
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
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.Collections;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * (a) What one {@code log.info("order {} placed by user={} amount={}", orderId, user, amount)} with two
 * MDC entries costs the calling thread, per appender, each in its own LoggerContext (one fork per
 * appender and thread count).
 *
 * <p>{@code paceMicros}: each calling thread offers one event per this many microseconds (parking in
 * between, outside the timed region), so that the appenders' senders can keep up and the figure is
 * the cost of a normal, accepted log call. {@code 0} = back-to-back calls: an asynchronous appender
 * then falls behind at once, so Sluice mostly measures its queue-full drop path (the drops are
 * reported at teardown) and Spring AMQP's unbounded queue grows without limit (use with care).
 *
 * <p>{@code appender=SLS} (not in the default list): Sluice's SlsAppender shipping to an in-process SlsReceiver;
 * its peer, the official SLS appender, is measured by {@link OfficialSlsCallerCostBenchmark}.
 *
 * <p>The arguments (a fresh Long and BigDecimal per call) are made before the timed call, in the
 * per-invocation setup; the varargs array is part of the call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CallerCostBenchmark {

    @Param({"NOOP", "SLUICE", "SPRING"})
    public BenchContext.Kind appender;

    @Param({"200"})
    public int paceMicros;

    /** How a paced thread waits between calls: {@code park} (sleeps; the CPU may idle) or {@code spin} (stays hot). */
    @Param({"park"})
    public String pacing;

    BenchContext ctx;
    Logger log;
    final Queue<PacedCaller> callers = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void start() {
        ctx = BenchContext.create(appender, BenchContext.freshExchange("caller"), Collections.emptyMap());
        log = ctx.logger();
    }

    @TearDown(Level.Trial)
    public void stop(BenchmarkParams params) {
        Map<String, Object> r = StatsFile.record();
        r.put("benchmark", params.getBenchmark());
        r.put("appender", appender.name());
        r.put("threads", params.getThreads());
        r.put("paceMicros", paceMicros);
        PacedCaller.record(r, callers);
        PipelineStats.Snapshot s = ctx.sluiceStats();
        if (s != null) {
            r.put("accepted", s.accepted());
            r.put("sent", s.sent());
            r.put("queued", s.queueDepth());
            r.put("dropped", s.droppedTotal());
            r.put("droppedQueueFull", s.dropped(DropReason.QUEUE_FULL));
            r.put("failed", s.failed());
        }
        if (appender == BenchContext.Kind.SPRING) {
            r.put("backlog", ctx.springBacklog());
        }
        if (ctx.slsReceiver() != null) {
            r.put("receivedBySls", ctx.slsReceiver().logCount(SlsTarget.PROJECT, SlsTarget.LOGSTORE));
        }
        StatsFile.append(r);
        ctx.printProblems();
        ctx.close();
    }

    /** Per calling thread: MDC, and the pacing and accounting of {@link PacedCaller}. */
    @State(Scope.Thread)
    public static class Caller {
        PacedCaller p;

        @Setup(Level.Trial)
        public void start(CallerCostBenchmark b, ThreadParams t) {
            BenchContext.setWorkloadMdc();
            p = new PacedCaller(t.getThreadIndex(), b.paceMicros, b.pacing);
            b.callers.add(p);
        }

        @Setup(Level.Iteration)
        public void iterationStart(IterationParams iteration) {
            p.iterationStart(iteration.getType() == IterationType.MEASUREMENT);
        }

        @Setup(Level.Invocation)
        public void nextCall() {
            p.nextCall();
        }
    }

    @Benchmark
    @Threads(1)
    public void threads1(Caller c) {
        log.info(Workload.TEMPLATE, c.p.orderId, c.p.user, c.p.amount);
    }

    @Benchmark
    @Threads(2)
    public void threads2(Caller c) {
        log.info(Workload.TEMPLATE, c.p.orderId, c.p.user, c.p.amount);
    }
}
