package dev.sluice.benchmarks;

import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import org.apache.logging.log4j.core.Logger;
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
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * (e) {@link CallerCostBenchmark} for Log4j2: what one
 * {@code log.info("order {} placed by user={} amount={}", orderId, user, amount)} with two
 * ThreadContext entries costs the calling thread, with a no-op Log4j2 appender, Sluice's
 * {@code SluiceRabbitMq} and Spring AMQP's Log4j2 {@code RabbitMQ} appender (async=true).
 * Synchronous loggers (async loggers off), one thread, paced like CallerCostBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class Log4j2CallerCostBenchmark {

    @Param({"NOOP", "SLUICE", "SPRING"})
    public BenchContext.Kind appender;

    @Param({"200"})
    public int paceMicros;

    @Param({"park"})
    public String pacing;

    Log4j2BenchContext ctx;
    Logger log;
    final Queue<PacedCaller> callers = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void start() {
        ctx = Log4j2BenchContext.create(appender, BenchContext.freshExchange("log4j2-caller"));
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
            r.put("dropped", s.droppedTotal());
            r.put("droppedQueueFull", s.dropped(DropReason.QUEUE_FULL));
            r.put("failed", s.failed());
        }
        if (appender == BenchContext.Kind.SPRING) {
            r.put("backlog", ctx.springBacklog());
        }
        StatsFile.append(r);
        ctx.close();
    }

    /** Per calling thread: ThreadContext, and the pacing and accounting of {@link PacedCaller}. */
    @State(Scope.Thread)
    public static class Caller {
        PacedCaller p;

        @Setup(Level.Trial)
        public void start(Log4j2CallerCostBenchmark b, ThreadParams t) {
            Log4j2BenchContext.setWorkloadThreadContext();
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
    public void log4j2Threads1(Caller c) {
        log.info(Workload.TEMPLATE, c.p.orderId, c.p.user, c.p.amount);
    }
}
