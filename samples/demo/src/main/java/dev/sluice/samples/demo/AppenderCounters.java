package dev.sluice.samples.demo;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeMap;

/**
 * An appender's final counters as a sample prints them: {@code Sluice <name>: accepted=.., sent=.., ...}, the
 * text of {@code getStats()}. Parsed rather than shared as objects because each sample is its own JVM.
 */
final class AppenderCounters {

    private static final Pattern LINE = Pattern.compile("^Sluice (\\S+): (.*)$");
    private static final Pattern COUNTER = Pattern.compile("(\\w+)=(\\d+)");

    final String appender;
    final long accepted;
    final long sent;
    final long failed;
    final long collapsed;
    final long dropped;
    final long queued;
    /** The text after {@code dropped=N}, e.g. {@code (queue full: 3)}. */
    final String dropReasons;

    private AppenderCounters(String appender, Map<String, Long> counters, String dropReasons) {
        this.appender = appender;
        this.accepted = counters.getOrDefault("accepted", -1L);
        this.sent = counters.getOrDefault("sent", -1L);
        this.failed = counters.getOrDefault("failed", 0L);
        this.collapsed = counters.getOrDefault("collapsed", 0L);
        this.dropped = counters.getOrDefault("dropped", 0L);
        this.queued = counters.getOrDefault("queued", 0L);
        this.dropReasons = dropReasons;
    }

    /** The counters of a {@code Sluice <name>: ...} line, or null for any other line. */
    static AppenderCounters parse(String line) {
        Matcher m = LINE.matcher(line.trim());
        if (!m.matches()) {
            return null;
        }
        Map<String, Long> counters = new TreeMap<>();
        Matcher c = COUNTER.matcher(m.group(2));
        while (c.find()) {
            counters.put(c.group(1), Long.parseLong(c.group(2)));
        }
        if (!counters.containsKey("accepted") || !counters.containsKey("sent")) {
            return null;
        }
        int reasons = m.group(2).indexOf('(');
        return new AppenderCounters(m.group(1), counters, reasons < 0 ? "" : m.group(2).substring(reasons));
    }

    /** Which backend the appender ships to, from its name (RABBITMQ, rabbitmq, SLS, sls, ...). */
    DemoBackend backend() {
        return appender.toLowerCase(java.util.Locale.ROOT).contains("rabbit") ? DemoBackend.RABBITMQ
                : appender.toLowerCase(java.util.Locale.ROOT).contains("sls") ? DemoBackend.SLS : null;
    }

    /** accepted = sent + failed + dropped + collapsed + queued: every event is somewhere. */
    boolean balanced() {
        return accepted == sent + failed + dropped + collapsed + queued;
    }
}
