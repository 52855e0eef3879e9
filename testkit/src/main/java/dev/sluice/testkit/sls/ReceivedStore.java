package dev.sluice.testkit.sls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The receiver's memory: logs per project/logstore and every request, guarded by one monitor. */
final class ReceivedStore {

    private final Map<String, List<ReceivedLog>> logs = new LinkedHashMap<>();
    private final List<ReceivedRequest> requests = new ArrayList<>();

    synchronized void addLogs(String project, String logstore, List<ReceivedLog> accepted) {
        logs.computeIfAbsent(key(project, logstore), k -> new ArrayList<>()).addAll(accepted);
        notifyAll();
    }

    synchronized void addRequest(ReceivedRequest request) {
        requests.add(request);
        notifyAll();
    }

    synchronized List<ReceivedLog> logs(String project, String logstore) {
        return List.copyOf(logs.getOrDefault(key(project, logstore), List.of()));
    }

    synchronized List<ReceivedLog> allLogs() {
        List<ReceivedLog> all = new ArrayList<>();
        logs.values().forEach(all::addAll);
        return all;
    }

    synchronized int logCount(String project, String logstore) {
        return logs.getOrDefault(key(project, logstore), List.of()).size();
    }

    synchronized List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized List<ReceivedLog> awaitLogs(String project, String logstore, int n, Duration timeout)
            throws InterruptedException {
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
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        logs.forEach((key, list) -> counts.put(key, list.size()));
        return counts;
    }

    private static String key(String project, String logstore) {
        return project + "/" + logstore;
    }
}
