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

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
    final Queue<Caller> callers = new ConcurrentLinkedQueue<>();

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
        long calls = 0;
        long measuredCalls = 0;
        long measuredAlloc = 0;
        for (Caller c : callers) {
            calls += c.made;
            measuredCalls += c.measuredCalls;
            measuredAlloc += c.measuredAlloc;
        }
        r.put("calls", calls);
        // What the log call itself allocated on the calling thread, measurement iterations only
        // (the arguments are made in the invocation setup, outside this window).
        r.put("callerAllocBytesPerCall", measuredCalls == 0 || measuredAlloc < 0 ? null
                : Math.round((double) measuredAlloc / measuredCalls));
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
        StatsFile.append(r);
        ctx.printProblems();
        ctx.close();
    }

    /** Per calling thread: MDC, pacing, the next call's arguments, and what the call allocated. */
    @State(Scope.Thread)
    public static class Caller {
        private static final com.sun.management.ThreadMXBean ALLOC =
                java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
                        ? (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()
                        : null;

        long i;
        long paceNanos;
        boolean spin;
        long next;
        volatile long made;
        boolean measuring;
        long allocMark = -1;
        volatile long measuredAlloc;
        volatile long measuredCalls;
        Long orderId;
        String user;
        BigDecimal amount;

        @Setup(Level.Trial)
        public void start(CallerCostBenchmark b, ThreadParams t) {
            BenchContext.setWorkloadMdc();
            i = (long) t.getThreadIndex() << 40;
            paceNanos = TimeUnit.MICROSECONDS.toNanos(b.paceMicros);
            spin = "spin".equals(b.pacing);
            next = System.nanoTime();
            b.callers.add(this);
        }

        @Setup(Level.Iteration)
        public void iterationStart(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            allocMark = -1;
        }

        @Setup(Level.Invocation)
        public void nextCall() {
            if (ALLOC != null) {
                // Bytes this thread allocated since the end of the previous setup: the timed log call
                // (plus JMH's own sample bookkeeping, which allocates only rarely).
                long now = ALLOC.getCurrentThreadAllocatedBytes();
                if (measuring && allocMark >= 0) {
                    measuredAlloc += now - allocMark;
                    measuredCalls++;
                }
            }
            long n = i++;
            made++;
            orderId = Workload.orderId(n);
            user = Workload.user(n);
            amount = Workload.amount(n);
            if (paceNanos > 0) {
                next += paceNanos;
                long now = System.nanoTime();
                long wait = next - now;
                if (wait > 0) {
                    if (spin) {
                        while (System.nanoTime() - next < 0) {
                            Thread.onSpinWait();
                        }
                    } else {
                        LockSupport.parkNanos(wait);
                    }
                } else if (-wait > 100 * paceNanos) {
                    next = now; // fell far behind (GC, descheduling): do not burst to catch up
                }
            }
            if (ALLOC != null) {
                allocMark = ALLOC.getCurrentThreadAllocatedBytes();
            }
        }
    }

    @Benchmark
    @Threads(1)
    public void threads1(Caller c) {
        log.info(Workload.TEMPLATE, c.orderId, c.user, c.amount);
    }

    @Benchmark
    @Threads(2)
    public void threads2(Caller c) {
        log.info(Workload.TEMPLATE, c.orderId, c.user, c.amount);
    }
}
