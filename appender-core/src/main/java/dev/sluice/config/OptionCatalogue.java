package dev.sluice.config;

import static dev.sluice.config.OptionGroup.CONNECTION;
import static dev.sluice.config.OptionGroup.FIELDS;
import static dev.sluice.config.OptionGroup.PIPELINE;
import static dev.sluice.config.OptionGroup.RABBITMQ;
import static dev.sluice.config.OptionGroup.SLS;
import static dev.sluice.config.OptionType.BOOLEAN;
import static dev.sluice.config.OptionType.BYTE_SIZE;
import static dev.sluice.config.OptionType.DURATION;
import static dev.sluice.config.OptionType.ENUM;
import static dev.sluice.config.OptionType.INT;
import static dev.sluice.config.OptionType.LIST;
import static dev.sluice.config.OptionType.MAP;
import static dev.sluice.config.OptionType.STRING;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every option of Sluice, declared once. The readers take their defaults and bounds from here;
 * logback.xml setters, log4j2.xml attributes, Spring properties and the README's configuration
 * reference are derived from or checked against this list by tests.
 */
public final class OptionCatalogue {
    private static final int MB = 1 << 20;

    // ---- fields -------------------------------------------------------------------------------

    public static final OptionSpec IDENTITY = OptionSpec.builder("identity", MAP, FIELDS)
            .describe("Static fields for every record, `k=v,k=v`. In logback.xml it may be repeated; an identity key "
                    + "equal to a built-in field name replaces that field.");
    public static final OptionSpec FIELDS_SELECTION = OptionSpec.builder("fields", LIST, FIELDS).defaultValue("all")
            .describe("`all`, or a comma list of the built-in fields to include: `@timestamp`, `@version`, `message`, "
                    + "`logger_name`, `thread_name`, `level`, `level_value`, `stack_trace`, `host`, `pid`, "
                    + "`caller_class_name`, `caller_method_name`, `caller_file_name`, `caller_line_number`, `tags`, "
                    + "plus the groups `mdc` (MDC entries) and `kv` (SLF4J 2 key/value pairs).");
    public static final OptionSpec BUILTIN_FIELDS_PREFIX = OptionSpec.builder("builtinFieldsPrefix", STRING, FIELDS)
            .defaultValue("").describe("Prefix for built-in field names (e.g. `_` gives `_message`).");
    public static final OptionSpec BUILTIN_FIELDS_SUFFIX = OptionSpec.builder("builtinFieldsSuffix", STRING, FIELDS)
            .defaultValue("").describe("Suffix for built-in field names.");
    public static final OptionSpec INCLUDE_CALLER_DATA = OptionSpec.builder("includeCallerData", BOOLEAN, FIELDS)
            .defaultValue("false")
            .describe("Adds `caller_*` fields. Costs a stack walk on the application thread, so off by default.");
    public static final OptionSpec MAX_MESSAGE_LENGTH = OptionSpec.builder("maxMessageLength", INT, FIELDS)
            .defaultValue("262144").range(64, 64 * MB)
            .describe("Longer messages are cut (never inside a surrogate pair) and end with `...[truncated N chars]`.");
    public static final OptionSpec MAX_STACK_TRACE_LENGTH = OptionSpec.builder("maxStackTraceLength", INT, FIELDS)
            .defaultValue("65536").range(256, 64 * MB).describe("The same bound for `stack_trace`.");
    public static final OptionSpec MAX_VALUE_LENGTH = OptionSpec.builder("maxValueLength", INT, FIELDS)
            .defaultValue("8192").range(16, 64 * MB)
            .describe("The same bound for each MDC / context value and key/value pair, applied when the event is "
                    + "queued, so that it also bounds the queue's memory.");
    public static final OptionSpec MAX_ENTRIES = OptionSpec.builder("maxEntries", INT, FIELDS)
            .defaultValue("256").range(1, 1_000_000)
            .describe("MDC / context entries plus key/value pairs kept per event at most; the rest are left out and "
                    + "counted in the field `sluice_dropped_entries`.");
    public static final OptionSpec EXTRACT_JSON = OptionSpec.builder("extractJson", BOOLEAN, FIELDS)
            .defaultValue("false")
            .describe("When the formatted message is one JSON object, its top-level members become fields "
                    + "(see [Extracting fields from messages](#extracting-fields-from-messages)).");
    public static final OptionSpec EXTRACT_JSON_DROP_MESSAGE = OptionSpec.builder("extractJsonDropMessage", BOOLEAN, FIELDS)
            .defaultValue("false")
            .describe("Leave out `message` when JSON extraction produced fields (and skipped or cut nothing).");
    public static final OptionSpec EXTRACT_JSON_PREFIX = OptionSpec.builder("extractJsonPrefix", STRING, FIELDS)
            .defaultValue("").describe("Added before every key extracted from JSON.");
    public static final OptionSpec EXTRACT_JSON_SUFFIX = OptionSpec.builder("extractJsonSuffix", STRING, FIELDS)
            .defaultValue("").describe("Added after every key extracted from JSON.");
    public static final OptionSpec EXTRACT_KV = OptionSpec.builder("extractKv", BOOLEAN, FIELDS).defaultValue("false")
            .describe("`key=value` pairs found in the message become fields.");
    public static final OptionSpec EXTRACT_KV_DROP_MESSAGE = OptionSpec.builder("extractKvDropMessage", BOOLEAN, FIELDS)
            .defaultValue("false")
            .describe("Leave out `message` when key=value extraction produced fields (and skipped or cut nothing).");
    public static final OptionSpec EXTRACT_KV_PREFIX = OptionSpec.builder("extractKvPrefix", STRING, FIELDS)
            .defaultValue("").describe("Added before every key extracted from pairs.");
    public static final OptionSpec EXTRACT_KV_SUFFIX = OptionSpec.builder("extractKvSuffix", STRING, FIELDS)
            .defaultValue("").describe("Added after every key extracted from pairs.");
    public static final OptionSpec EXTRACT_KV_SEPARATOR = OptionSpec.builder("extractKvSeparator", STRING, FIELDS)
            .defaultValue("=")
            .describe("The separator as a regular expression, e.g. `(?:=|:)`. It may match at most 8 characters and "
                    + "must not match the empty string (a configuration error).");
    public static final OptionSpec COLLAPSE_REPEATS = OptionSpec.builder("collapseRepeats", DURATION, FIELDS)
            .defaultDoc("off").range(Duration.ZERO, Duration.ofMinutes(10))
            .describe("A window such as `1s`: repeats of a call site within it are shipped once with a `count` "
                    + "(see [Collapsing repeats](#collapsing-repeats)). At most `10m`; `off` or `0` turns it off.");

    // ---- pipeline -----------------------------------------------------------------------------

    public static final OptionSpec QUEUE_SIZE = OptionSpec.builder("queueSize", INT, PIPELINE)
            .defaultValue("32768").range(1, (1 << 24) - 1)
            .describe("Events the queue holds. About 3 s of a 10,000 events/s burst, and ~10–20 MB of typical events.");
    public static final OptionSpec MAX_QUEUE_BYTES = OptionSpec.builder("maxQueueBytes", BYTE_SIZE, PIPELINE)
            .defaultValue("64MB").range(1024, 1L << 39)
            .describe("Bound on the heap that queued events hold (an upper-bound estimate: text counts 2 bytes a "
                    + "char, so real use is 0.5–1× of it); whichever of this and `queueSize` is hit first applies.");
    public static final OptionSpec OVERFLOW = OptionSpec.builder("overflow", ENUM, PIPELINE)
            .defaultValue("drop").allowed("drop", "block")
            .describe("`drop`: a full queue drops the event and counts it, the log call never waits. "
                    + "`block`: wait up to `maxBlock` for room, then drop and count.");
    public static final OptionSpec MAX_BLOCK = OptionSpec.builder("maxBlock", DURATION, PIPELINE)
            .defaultValue("2s").range(Duration.ZERO, Duration.ofMinutes(10))
            .describe("Longest wait of a log call with `overflow=block`.");
    public static final OptionSpec OVERFLOW_RESERVE = OptionSpec.builder("overflowReserve", INT, PIPELINE)
            .defaultValue("10").range(0, 90)
            .describe("Percent of `queueSize` and of `maxQueueBytes` (each rounded down) kept for events at "
                    + "`overflowReserveLevel` and above: a lower event is dropped (with `overflow=block`: waits) "
                    + "when only the reserve is free, so that in an overflow WARN and ERROR are kept while DEBUG and "
                    + "INFO are dropped (see [When the queue overflows](#when-the-queue-overflows)). `0` turns it off.");
    public static final OptionSpec OVERFLOW_RESERVE_LEVEL = OptionSpec.builder("overflowReserveLevel", ENUM, PIPELINE)
            .defaultValue("warn").allowed("trace", "debug", "info", "warn", "error")
            .describe("The lowest level that may use the reserve (Log4j2's `fatal` is above `error`).");
    public static final OptionSpec BATCH_SIZE = OptionSpec.builder("batchSize", INT, PIPELINE)
            .defaultValue("1024").defaultFor(Backend.SLS, "4096").defaultDoc("1024 (SLS: 4096)").range(1, 100_000)
            .describe("Events per batch at most (never more than `queueSize`). For SLS a batch is one PutLogs request "
                    + "(split only beyond the server's limits), so its default is the server's per-request maximum: "
                    + "fewer, larger requests carry more over a real network round trip.");
    public static final OptionSpec BATCH_BYTES = OptionSpec.builder("batchBytes", BYTE_SIZE, PIPELINE)
            .defaultValue("4MB").range(1024, 1L << 30)
            .describe("Encoded bytes per batch at most (a single larger event is sent alone).");
    public static final OptionSpec MAX_IN_FLIGHT = OptionSpec.builder("maxInFlight", INT, PIPELINE)
            .defaultValue("4").range(1, 64)
            .describe("Batches sent and not yet answered (RabbitMQ publisher confirms, SLS responses) at once, so that "
                    + "the backend works while the next batch is prepared. 1 sends a batch only after the previous one "
                    + "was answered. SLS sends each batch on an I/O thread and connection of its own (made as needed), "
                    + "so this is also how many PutLogs requests are in flight at most. The heap held besides the queue "
                    + "is up to this many batches (see `batchBytes`).");
    public static final OptionSpec LINGER = OptionSpec.builder("linger", DURATION, PIPELINE)
            .defaultValue("200ms").range(Duration.ZERO, Duration.ofMinutes(1))
            .describe("How long a started batch waits for more events before it is sent.");
    public static final OptionSpec MAX_RETRIES = OptionSpec.builder("maxRetries", INT, PIPELINE)
            .defaultValue("8").range(0, 1_000_000)
            .describe("Retries of a failed batch; then its events are counted as failed. With the default backoff, "
                    + "about 20 s of outage is bridged without loss.");
    public static final OptionSpec RETRY_BACKOFF = OptionSpec.builder("retryBackoff", DURATION, PIPELINE)
            .defaultValue("100ms").range(Duration.ofMillis(1), Duration.ofMinutes(10))
            .describe("First retry delay; doubles each retry, with jitter (a delay is drawn between half and all of it).");
    public static final OptionSpec MAX_RETRY_BACKOFF = OptionSpec.builder("maxRetryBackoff", DURATION, PIPELINE)
            .defaultValue("10s").range(Duration.ofMillis(1), Duration.ofHours(1))
            .describe("Cap of the retry delay; not smaller than `retryBackoff`.");
    public static final OptionSpec CLOSE_TIMEOUT = OptionSpec.builder("closeTimeout", DURATION, PIPELINE)
            .defaultValue("10s").range(Duration.ZERO, Duration.ofMinutes(10))
            .describe("How long stopping may take to deliver what is queued; what is left then is counted as "
                    + "dropped and reported.");
    public static final OptionSpec STATUS_INTERVAL = OptionSpec.builder("statusInterval", DURATION, PIPELINE)
            .defaultValue("10s").range(Duration.ofMillis(10), Duration.ofHours(1))
            .describe("Drops and repeated send failures are reported at most once per interval.");

    // ---- connection (every backend) -----------------------------------------------------------

    public static final OptionSpec CONNECT_TIMEOUT = OptionSpec.builder("connectTimeout", DURATION, CONNECTION)
            .defaultValue("5s").range(Duration.ofMillis(100), Duration.ofMinutes(5))
            .describe("TCP (and TLS) connect timeout.");

    // ---- RabbitMQ -----------------------------------------------------------------------------

    public static final OptionSpec URI = OptionSpec.builder("uri", STRING, RABBITMQ).sensitive()
            .defaultDoc("— (or `addresses`)")
            .describe("`amqp://user:pass@host:5672/vhost` or `amqps://…` (RabbitMQ URI spec). No path means virtual "
                    + "host `/`; a lone trailing `/` means the *empty* virtual host — Sluice warns about that common "
                    + "mistake. Required unless `addresses` is given. Never printed: it may hold a password.");
    // Sensitive: users paste amqp URIs (user:password@host) here; masked wherever a style can mask.
    public static final OptionSpec ADDRESSES = OptionSpec.builder("addresses", LIST, RABBITMQ).sensitive()
            .defaultDoc("— (or `uri`)")
            .describe("`host1:5672,host2:5672` instead of `uri`; then `username`, `password`, `virtualHost`, `tls` apply.");
    public static final OptionSpec USERNAME = OptionSpec.builder("username", STRING, RABBITMQ).defaultValue("guest")
            .describe("User name with `addresses`.");
    public static final OptionSpec PASSWORD = OptionSpec.builder("password", STRING, RABBITMQ).defaultValue("guest")
            .sensitive().describe("Password with `addresses`; never printed.");
    public static final OptionSpec VIRTUAL_HOST = OptionSpec.builder("virtualHost", STRING, RABBITMQ).defaultValue("/")
            .describe("Virtual host with `addresses`.");
    public static final OptionSpec TLS = OptionSpec.builder("tls", BOOLEAN, RABBITMQ).defaultValue("false")
            .describe("Use TLS with `addresses` (`amqps://` turns it on for `uri`).");
    public static final OptionSpec EXCHANGE = OptionSpec.builder("exchange", STRING, RABBITMQ).defaultValue("logs")
            .describe("Exchange to publish to.");
    public static final OptionSpec EXCHANGE_TYPE = OptionSpec.builder("exchangeType", STRING, RABBITMQ)
            .defaultValue("topic").describe("Type used when declaring it.");
    public static final OptionSpec DECLARE_EXCHANGE = OptionSpec.builder("declareExchange", BOOLEAN, RABBITMQ)
            .defaultValue("true")
            .describe("Declare the exchange at connect (no-op when it exists with the same type and durability).");
    public static final OptionSpec DURABLE = OptionSpec.builder("durable", BOOLEAN, RABBITMQ).defaultValue("true")
            .describe("Durability used when declaring.");
    public static final OptionSpec ROUTING_KEY = OptionSpec.builder("routingKey", STRING, RABBITMQ)
            .defaultValue("{logger_name}.{level}")
            .describe("Template over record field names, e.g. `{application}.{level}`; a missing field gives an "
                    + "empty word; capped at 255 bytes.");
    public static final OptionSpec PERSISTENT = OptionSpec.builder("persistent", BOOLEAN, RABBITMQ).defaultValue("true")
            .describe("Delivery mode 2.");
    public static final OptionSpec PUBLISHER_CONFIRMS = OptionSpec.builder("publisherConfirms", BOOLEAN, RABBITMQ)
            .defaultValue("true")
            .describe("A batch is sent only when the broker confirmed all of it; nacks and confirm timeouts are retried.");
    public static final OptionSpec CONFIRM_TIMEOUT = OptionSpec.builder("confirmTimeout", DURATION, RABBITMQ)
            .defaultValue("10s").range(Duration.ofMillis(10), Duration.ofMinutes(10))
            .describe("How long to wait for the confirms of a batch.");
    public static final OptionSpec FORMAT = OptionSpec.builder("format", ENUM, RABBITMQ).defaultValue("json")
            .allowed("json", "json-lines")
            .describe("`json`: one event per message (what Logstash's json codec expects). `json-lines`: one message "
                    + "per batch and routing key, newline-delimited, content type `application/x-ndjson`.");
    public static final OptionSpec CONNECTION_NAME = OptionSpec.builder("connectionName", STRING, RABBITMQ)
            .defaultDoc("`sluice:<appender name>`").describe("Shown in the RabbitMQ management UI.");
    public static final OptionSpec APP_ID = OptionSpec.builder("appId", STRING, RABBITMQ)
            .defaultDoc("identity's `application`, else `sluice`").describe("AMQP `app_id` property.");
    public static final OptionSpec TRUST_STORE = OptionSpec.builder("trustStore", STRING, RABBITMQ)
            .defaultDoc("JVM default trust")
            .describe("Trust store file for `amqps`. Certificates are always verified (amqp-client's own "
                    + "`setUri(\"amqps://…\")` would trust any certificate; Sluice never uses that path).");
    public static final OptionSpec TRUST_STORE_PASSWORD = OptionSpec.builder("trustStorePassword", STRING, RABBITMQ)
            .sensitive().describe("Password of the trust store; never printed.");
    public static final OptionSpec TRUST_STORE_TYPE = OptionSpec.builder("trustStoreType", STRING, RABBITMQ)
            .defaultDoc("JVM default (`PKCS12`)").describe("Type of the trust store.");
    public static final OptionSpec KEY_STORE = OptionSpec.builder("keyStore", STRING, RABBITMQ)
            .describe("Key store file with the client certificate for `amqps`.");
    public static final OptionSpec KEY_STORE_PASSWORD = OptionSpec.builder("keyStorePassword", STRING, RABBITMQ)
            .sensitive().describe("Password of the key store; never printed.");
    public static final OptionSpec KEY_STORE_TYPE = OptionSpec.builder("keyStoreType", STRING, RABBITMQ)
            .defaultDoc("JVM default (`PKCS12`)").describe("Type of the key store.");
    public static final OptionSpec VERIFY_HOSTNAME = OptionSpec.builder("verifyHostname", BOOLEAN, RABBITMQ)
            .defaultValue("true").describe("Check that the broker's certificate names the host.");

    // ---- SLS ----------------------------------------------------------------------------------

    public static final OptionSpec ENDPOINT = OptionSpec.builder("endpoint", STRING, SLS).required()
            .describe("`cn-hangzhou.log.aliyuncs.com` (https) or `http(s)://host:port` of an SLS-compatible server.");
    public static final OptionSpec PROJECT = OptionSpec.builder("project", STRING, SLS).required()
            .describe("SLS project: 3–128 lower-case letters, digits, `-`.");
    public static final OptionSpec LOGSTORE = OptionSpec.builder("logstore", STRING, SLS).required()
            .describe("Logstore: 3–64 lower-case letters, digits, `_`, `-`.");
    public static final OptionSpec ACCESS_KEY_ID = OptionSpec.builder("accessKeyId", STRING, SLS).required()
            .describe("Access key id; shown in error reports (it is not a secret).");
    public static final OptionSpec ACCESS_KEY_SECRET = OptionSpec.builder("accessKeySecret", STRING, SLS).required()
            .sensitive().describe("Signs each request; never sent, never printed.");
    public static final OptionSpec SECURITY_TOKEN = OptionSpec.builder("securityToken", STRING, SLS).sensitive()
            .describe("STS token of temporary credentials (`x-acs-security-token`, signed); never printed.");
    public static final OptionSpec TOPIC = OptionSpec.builder("topic", STRING, SLS).describe("`__topic__` of every log.");
    public static final OptionSpec SOURCE = OptionSpec.builder("source", STRING, SLS)
            .defaultDoc("this host's IP address").describe("`__source__` of every log.");
    public static final OptionSpec TAGS = OptionSpec.builder("tags", MAP, SLS)
            .describe("`k=v,k=v`: log tags (`__tag__:k`).");
    public static final OptionSpec COMPRESSION = OptionSpec.builder("compression", ENUM, SLS).defaultValue("lz4")
            .allowed("lz4", "deflate", "none").describe("`lz4` (raw LZ4 block), `deflate` (zlib) or `none`.");
    public static final OptionSpec REQUEST_TIMEOUT = OptionSpec.builder("requestTimeout", DURATION, SLS)
            .defaultValue("15s").range(Duration.ofMillis(100), Duration.ofMinutes(10))
            .describe("Longest wait for an answer; then the request is retried.");

    private static final Map<String, OptionSpec> BY_NAME = index();

    private OptionCatalogue() {
    }

    private static Map<String, OptionSpec> index() {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (java.lang.reflect.Field f : OptionCatalogue.class.getDeclaredFields()) {
            if (f.getType() == OptionSpec.class) {
                try {
                    OptionSpec spec = (OptionSpec) f.get(null);
                    if (byName.put(spec.name(), spec) != null) {
                        throw new IllegalStateException("option declared twice: " + spec.name());
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Every option, in declaration order (group by group). */
    public static List<OptionSpec> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The option of this canonical name, or null. */
    public static OptionSpec find(String canonicalName) {
        return BY_NAME.get(canonicalName);
    }

    /** The options one backend takes: the shared ones and its own. */
    public static List<OptionSpec> forBackend(Backend backend) {
        List<OptionSpec> specs = new ArrayList<>();
        for (OptionSpec spec : BY_NAME.values()) {
            if (spec.appliesTo(backend)) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /**
     * The known option nearest to a name that is not one, for "did you mean" messages: names are
     * compared without case, dashes and underscores, by edit distance. Null when nothing is close.
     */
    public static String closest(String unknownName) {
        if (unknownName == null) {
            return null;
        }
        String wanted = normalize(unknownName);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : BY_NAME.keySet()) {
            int d = editDistance(wanted, normalize(name));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        // Beyond a third of the name, a "suggestion" is noise.
        return bestDistance <= Math.max(2, wanted.length() / 3) ? best : null;
    }

    /** Lower case without dashes, underscores and dots: how relaxed names compare. */
    public static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
