package dev.sluice.benchmarks;

import dev.sluice.testkit.sls.SlsReceiver;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the SLS benchmarks ship to: one in-process {@link SlsReceiver}, one project and logstore, one key pair. */
final class SlsTarget {
    static final String PROJECT = "sluice-bench";
    static final String LOGSTORE = "orders";
    static final String ACCESS_KEY_ID = "BENCHKEYID";
    static final String ACCESS_KEY_SECRET = "bench-secret";
    /** Only the Host header of the official appender uses it; its clients connect to the receiver. */
    static final String OFFICIAL_ENDPOINT_HOST = "sls.test.invalid";

    private SlsTarget() {
    }

    static SlsReceiver startReceiver() {
        return SlsReceiver.builder().port(0).key(ACCESS_KEY_ID, ACCESS_KEY_SECRET).start();
    }

    /** Sluice's SlsAppender options for {@code receiver}. */
    static Map<String, String> sluiceOptions(SlsReceiver receiver) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("endpoint", receiver.endpoint());
        o.put("project", PROJECT);
        o.put("logstore", LOGSTORE);
        o.put("accessKeyId", ACCESS_KEY_ID);
        o.put("accessKeySecret", ACCESS_KEY_SECRET);
        return o;
    }

    /** The official appender's settings: the same target and the workload's two MDC entries as fields. */
    static Map<String, String> officialSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("project", PROJECT);
        s.put("endpoint", OFFICIAL_ENDPOINT_HOST);
        s.put("logStore", LOGSTORE);
        s.put("accessKeyId", ACCESS_KEY_ID);
        s.put("accessKeySecret", ACCESS_KEY_SECRET);
        s.put("mdcFields", Workload.MDC_REQUEST_ID + "," + Workload.MDC_TENANT);
        return s;
    }
}
