package dev.sluice.testkit.sls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiver's memory, guarded by one monitor. Retaining (the default for tests) keeps every log and request for
 * assertions; without retention (the standalone server) only a count per project/logstore is kept, so a long run
 * costs no memory per log or per request.
 */
final class ReceivedStore {

    private final boolean retain;
    private final Map<String, List<ReceivedLog>> logs = new LinkedHashMap<>();
    private final List<ReceivedRequest> requests = new ArrayList<>();
    /** Accepted logs per project/logstore; the keys are only those of signed (trusted) requests. */
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private long requestCount;

    ReceivedStore(boolean retain) {
        this.retain = retain;
    }

    boolean retains() {
        return retain;
    }

    synchronized void addLogs(String project, String logstore, List<ReceivedLog> accepted) {
        counts.computeIfAbsent(key(project, logstore), k -> new long[1])[0] += accepted.size();
        if (retain) {
            logs.computeIfAbsent(key(project, logstore), k -> new ArrayList<>()).addAll(accepted);
        }
        notifyAll();
    }

    synchronized void addRequest(ReceivedRequest request) {
        requestCount++;
        if (retain) {
            requests.add(request);
        }
        notifyAll();
    }

    synchronized List<ReceivedLog> logs(String project, String logstore) {
        requireRetention("logs");
        return List.copyOf(logs.getOrDefault(key(project, logstore), List.of()));
    }

    synchronized List<ReceivedLog> allLogs() {
        requireRetention("logs");
        List<ReceivedLog> all = new ArrayList<>();
        logs.values().forEach(all::addAll);
        return all;
    }

    /** Works with and without retention. */
    synchronized int logCount(String project, String logstore) {
        long[] count = counts.get(key(project, logstore));
        return count == null ? 0 : (int) Math.min(Integer.MAX_VALUE, count[0]);
    }

    /** Requests seen since start or {@link #clear}, with and without retention. */
    synchronized long requestCount() {
        return requestCount;
    }

    /** Logs and requests held in memory (always 0 without retention). */
    synchronized long retainedObjects() {
        long n = requests.size();
        for (List<ReceivedLog> list : logs.values()) {
            n += list.size();
        }
        return n;
    }

    synchronized List<ReceivedRequest> requests() {
        requireRetention("requests");
        return List.copyOf(requests);
    }

    synchronized List<ReceivedLog> awaitLogs(String project, String logstore, int n, Duration timeout)
            throws InterruptedException {
        requireRetention("logs");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (logCount(project, logstore) < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected at least " + n + " logs in " + key(project, logstore) + " within "
                        + timeout + " but got " + logCount(project, logstore) + "; stored per project/logstore: "
                        + counts() + "; requests: " + requests);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return logs(project, logstore);
    }

    synchronized void clear() {
        logs.clear();
        requests.clear();
        counts.clear();
        requestCount = 0;
    }

    private void requireRetention(String what) {
        if (!retain) {
            throw new IllegalStateException("this receiver keeps no " + what + " (built with retainReceived(false),"
                    + " as the standalone server is); use logCount(...) or its JSON lines");
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.forEach((key, count) -> copy.put(key, count[0]));
        return copy;
    }

    private static String key(String project, String logstore) {
        return project + "/" + logstore;
    }
}
