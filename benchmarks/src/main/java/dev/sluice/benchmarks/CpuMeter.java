package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time spent during a run, to see where an event's cost goes: this JVM as a whole (producer,
 * appender threads and the consumer), selected threads of it, and the local broker process
 * (RabbitMQ's beam.smp, read from /proc when it is visible). Linux only for the broker part.
 */
final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final Optional<Long> BROKER_PID = ProcessHandle.allProcesses()
            .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false))
            .map(ProcessHandle::pid)
            .findFirst();

    private final long wallStart = System.nanoTime();
    private final long processStart = processCpuNanos();
    private final long brokerStart = brokerCpuNanos();
    private final Map<String, Long> threadsStart = threadCpuByGroup();
    private final Map<String, Long> allocStart = threadAllocByGroup();

    /** Figures since construction, in microseconds of CPU per event. */
    Map<String, Object> perEvent(long events) {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        long process = processCpuNanos() - processStart;
        r.put("jvmCpuMicrosPerEvent", EndToEnd.round(process / 1e3 / events, 2));
        long broker = brokerCpuNanos();
        if (broker >= 0 && brokerStart >= 0) {
            r.put("brokerCpuMicrosPerEvent", EndToEnd.round((broker - brokerStart) / 1e3 / events, 2));
            r.put("machineCpuUtilization", EndToEnd.round((process + broker - brokerStart) / 1e9
                    / (wall * Runtime.getRuntime().availableProcessors()), 2));
        }
        Map<String, Long> now = threadCpuByGroup();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long delta = e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L);
            r.put(e.getKey() + "CpuMicrosPerEvent", EndToEnd.round(delta / 1e3 / events, 2));
        }
        Map<String, Long> alloc = threadAllocByGroup();
        for (Map.Entry<String, Long> e : alloc.entrySet()) {
            long delta = e.getValue() - allocStart.getOrDefault(e.getKey(), 0L);
            r.put(e.getKey() + "AllocBytesPerEvent", Math.round((double) delta / events));
        }
        return r;
    }

    private static Map<String, Long> threadAllocByGroup() {
        Map<String, Long> groups = new LinkedHashMap<>();
        if (!(THREADS instanceof com.sun.management.ThreadMXBean)) {
            return groups;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
        groups.put("sender", 0L);
        groups.put("producer", 0L);
        for (ThreadInfo t : THREADS.dumpAllThreads(false, false)) {
            String group = group(t.getThreadName());
            if (group != null) {
                long bytes = threads.getThreadAllocatedBytes(t.getThreadId());
                if (bytes > 0) {
                    groups.merge(group, bytes, Long::sum);
                }
            }
        }
        return groups;
    }

    private static String group(String name) {
        return name.equals("main") ? "producer"
                : name.startsWith("sluice-") && !name.contains("-amqp-") ? "sender"
                : name.startsWith("aliyun-log-producer-") ? "sender" // the official SLS appender's producer
                : name.startsWith("sls-receiver-") ? "receiver" // testkit's in-process SlsReceiver
                : null;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    /** utime + stime of the broker process, or -1. */
    private static long brokerCpuNanos() {
        if (BROKER_PID.isEmpty()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + BROKER_PID.get() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * CPU time of the threads that matter, by role: Sluice's sender thread ("sluice-<name>") or the official SLS
     * producer's threads, the benchmark's producer ("main"), an in-process SLS receiver's threads. Threads that end during the run are not counted.
     */
    private static Map<String, Long> threadCpuByGroup() {
        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put("sender", 0L);
        groups.put("producer", 0L);
        for (ThreadInfo t : THREADS.dumpAllThreads(false, false)) {
            String group = group(t.getThreadName());
            if (group != null) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) {
                    groups.merge(group, cpu, Long::sum);
                }
            }
        }
        return groups;
    }
}
