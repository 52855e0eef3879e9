// GENERATED from dev.sluice.config.OptionCatalogue by SluicePropertiesGenerator (test sources). Do not edit:
// run ./mvnw -pl spring-boot-autoconfigure test -Dtest=SluicePropertiesGeneratedTest -Dsluice.regenerate=true
package dev.sluice.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sluice's Spring Boot properties: shared options directly under {@code sluice.*}, each backend's under
 * {@code sluice.rabbitmq.*} / {@code sluice.sls.*}, where a shared option may be overridden. A field is
 * null when its property is not set, so the core's default applies.
 *
 * <p>Invalid values are not fatal here ({@code ignoreInvalidFields}): the integration binds these
 * properties itself when logging starts, and fails or reports them there according to {@code sluice.strict}.
 */
@ConfigurationProperties(prefix = "sluice", ignoreInvalidFields = true)
public class SluiceProperties {
    /** Whether Sluice attaches appenders configured by these properties. */
    private boolean enabled = true;

    /** Whether a bad sluice.* value fails start-up; when false it is reported on the logging framework's status channel naming the property, and the application starts without the backend concerned. */
    private boolean strict = false;

    /** Static fields for every record, k=v,k=v. In logback.xml it may be repeated; an identity key equal to a built-in field name replaces that field. The key 'application' defaults to spring.application.name. */
    private Map<String, String> identity = new LinkedHashMap<>();

    /** Loggers the appenders are attached to; ROOT is the root logger. */
    private List<String> loggers = new ArrayList<>(List.of("ROOT"));

    /** all, or a comma list of the built-in fields to include: @timestamp, @version, message, logger_name, thread_name, level, level_value, stack_trace, host, pid, caller_class_name, caller_method_name, caller_file_name, caller_line_number, tags, plus the groups mdc (MDC entries) and kv (SLF4J 2 key/value pairs). */
    private List<String> fields;

    /** Prefix for built-in field names (e.g. _ gives _message). */
    private String builtinFieldsPrefix;

    /** Suffix for built-in field names. */
    private String builtinFieldsSuffix;

    /** Adds caller_* fields. Costs a stack walk on the application thread, so off by default. */
    private Boolean includeCallerData;

    /** Longer messages are cut (never inside a surrogate pair) and end with ...[truncated N chars]. */
    private Integer maxMessageLength;

    /** The same bound for stack_trace. */
    private Integer maxStackTraceLength;

    /** The same bound for each MDC / context value and key/value pair, applied when the event is queued, so that it also bounds the queue's memory. */
    private Integer maxValueLength;

    /** MDC / context entries plus key/value pairs kept per event at most; the rest are left out and counted in the field sluice_dropped_entries. */
    private Integer maxEntries;

    /** When the formatted message is one JSON object, its top-level members become fields (see Extracting fields from messages). */
    private Boolean extractJson;

    /** Leave out message when JSON extraction produced fields (and skipped or cut nothing). */
    private Boolean extractJsonDropMessage;

    /** Added before every key extracted from JSON. */
    private String extractJsonPrefix;

    /** Added after every key extracted from JSON. */
    private String extractJsonSuffix;

    /** key=value pairs found in the message become fields. */
    private Boolean extractKv;

    /** Leave out message when key=value extraction produced fields (and skipped or cut nothing). */
    private Boolean extractKvDropMessage;

    /** Added before every key extracted from pairs. */
    private String extractKvPrefix;

    /** Added after every key extracted from pairs. */
    private String extractKvSuffix;

    /** The separator as a regular expression, e.g. (?:=|:). It may match at most 8 characters and must not match the empty string (a configuration error). */
    private String extractKvSeparator;

    /** A window such as 1s: repeats of a call site within it are shipped once with a count (see Collapsing repeats). At most 10m; off or 0 turns it off. */
    private Duration collapseRepeats;

    /** Events the queue holds. About 3 s of a 10,000 events/s burst, and ~10–20 MB of typical events. */
    private Integer queueSize;

    /** Bound on the heap that queued events hold (an upper-bound estimate: text counts 2 bytes a char, so real use is 0.5–1× of it); whichever of this and queueSize is hit first applies. */
    private DataSize maxQueueBytes;

    /** drop: a full queue drops the event and counts it, the log call never waits. block: wait up to maxBlock for room, then drop and count. */
    private String overflow;

    /** Longest wait of a log call with overflow=block. */
    private Duration maxBlock;

    /** Percent of queueSize and of maxQueueBytes (each rounded down) kept for events at overflowReserveLevel and above: a lower event is dropped (with overflow=block: waits) when only the reserve is free, so that in an overflow WARN and ERROR are kept while DEBUG and INFO are dropped (see When the queue overflows). 0 turns it off. */
    private Integer overflowReserve;

    /** The lowest level that may use the reserve (Log4j2's fatal is above error). */
    private String overflowReserveLevel;

    /** Events per batch at most (never more than queueSize). For SLS a batch is one PutLogs request (split only beyond the server's limits), so its default is the server's per-request maximum: fewer, larger requests carry more over a real network round trip. */
    private Integer batchSize;

    /** Encoded bytes per batch at most (a single larger event is sent alone). */
    private DataSize batchBytes;

    /** Batches sent and not yet answered (RabbitMQ publisher confirms, SLS responses) at once, so that the backend works while the next batch is prepared. 1 sends a batch only after the previous one was answered. SLS sends each batch on an I/O thread and connection of its own (made as needed), so this is also how many PutLogs requests are in flight at most. The heap held besides the queue is up to this many batches (see batchBytes). */
    private Integer maxInFlight;

    /** How long a started batch waits for more events before it is sent. */
    private Duration linger;

    /** Retries of a failed batch; then its events are counted as failed. With the default backoff, about 20 s of outage is bridged without loss. */
    private Integer maxRetries;

    /** First retry delay; doubles each retry, with jitter (a delay is drawn between half and all of it). */
    private Duration retryBackoff;

    /** Cap of the retry delay; not smaller than retryBackoff. */
    private Duration maxRetryBackoff;

    /** How long stopping may take to deliver what is queued; what is left then is counted as dropped and reported. */
    private Duration closeTimeout;

    /** Drops and repeated send failures are reported at most once per interval. */
    private Duration statusInterval;

    /** TCP (and TLS) connect timeout. */
    private Duration connectTimeout;

    /** Health indicator settings (with Spring Boot Actuator). */
    private final Health health = new Health();

    /** RabbitMQ properties. */
    private final Rabbitmq rabbitmq = new Rabbitmq();

    /** SLS properties. */
    private final Sls sls = new Sls();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isStrict() {
        return strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public Map<String, String> getIdentity() {
        return identity;
    }

    public void setIdentity(Map<String, String> identity) {
        this.identity = identity;
    }

    public List<String> getLoggers() {
        return loggers;
    }

    public void setLoggers(List<String> loggers) {
        this.loggers = loggers;
    }

    public List<String> getFields() {
        return fields;
    }

    public void setFields(List<String> fields) {
        this.fields = fields;
    }

    public String getBuiltinFieldsPrefix() {
        return builtinFieldsPrefix;
    }

    public void setBuiltinFieldsPrefix(String builtinFieldsPrefix) {
        this.builtinFieldsPrefix = builtinFieldsPrefix;
    }

    public String getBuiltinFieldsSuffix() {
        return builtinFieldsSuffix;
    }

    public void setBuiltinFieldsSuffix(String builtinFieldsSuffix) {
        this.builtinFieldsSuffix = builtinFieldsSuffix;
    }

    public Boolean getIncludeCallerData() {
        return includeCallerData;
    }

    public void setIncludeCallerData(Boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    public Integer getMaxMessageLength() {
        return maxMessageLength;
    }

    public void setMaxMessageLength(Integer maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    public Integer getMaxStackTraceLength() {
        return maxStackTraceLength;
    }

    public void setMaxStackTraceLength(Integer maxStackTraceLength) {
        this.maxStackTraceLength = maxStackTraceLength;
    }

    public Integer getMaxValueLength() {
        return maxValueLength;
    }

    public void setMaxValueLength(Integer maxValueLength) {
        this.maxValueLength = maxValueLength;
    }

    public Integer getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(Integer maxEntries) {
        this.maxEntries = maxEntries;
    }

    public Boolean getExtractJson() {
        return extractJson;
    }

    public void setExtractJson(Boolean extractJson) {
        this.extractJson = extractJson;
    }

    public Boolean getExtractJsonDropMessage() {
        return extractJsonDropMessage;
    }

    public void setExtractJsonDropMessage(Boolean extractJsonDropMessage) {
        this.extractJsonDropMessage = extractJsonDropMessage;
    }

    public String getExtractJsonPrefix() {
        return extractJsonPrefix;
    }

    public void setExtractJsonPrefix(String extractJsonPrefix) {
        this.extractJsonPrefix = extractJsonPrefix;
    }

    public String getExtractJsonSuffix() {
        return extractJsonSuffix;
    }

    public void setExtractJsonSuffix(String extractJsonSuffix) {
        this.extractJsonSuffix = extractJsonSuffix;
    }

    public Boolean getExtractKv() {
        return extractKv;
    }

    public void setExtractKv(Boolean extractKv) {
        this.extractKv = extractKv;
    }

    public Boolean getExtractKvDropMessage() {
        return extractKvDropMessage;
    }

    public void setExtractKvDropMessage(Boolean extractKvDropMessage) {
        this.extractKvDropMessage = extractKvDropMessage;
    }

    public String getExtractKvPrefix() {
        return extractKvPrefix;
    }

    public void setExtractKvPrefix(String extractKvPrefix) {
        this.extractKvPrefix = extractKvPrefix;
    }

    public String getExtractKvSuffix() {
        return extractKvSuffix;
    }

    public void setExtractKvSuffix(String extractKvSuffix) {
        this.extractKvSuffix = extractKvSuffix;
    }

    public String getExtractKvSeparator() {
        return extractKvSeparator;
    }

    public void setExtractKvSeparator(String extractKvSeparator) {
        this.extractKvSeparator = extractKvSeparator;
    }

    public Duration getCollapseRepeats() {
        return collapseRepeats;
    }

    public void setCollapseRepeats(Duration collapseRepeats) {
        this.collapseRepeats = collapseRepeats;
    }

    public Integer getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(Integer queueSize) {
        this.queueSize = queueSize;
    }

    public DataSize getMaxQueueBytes() {
        return maxQueueBytes;
    }

    public void setMaxQueueBytes(DataSize maxQueueBytes) {
        this.maxQueueBytes = maxQueueBytes;
    }

    public String getOverflow() {
        return overflow;
    }

    public void setOverflow(String overflow) {
        this.overflow = overflow;
    }

    public Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(Duration maxBlock) {
        this.maxBlock = maxBlock;
    }

    public Integer getOverflowReserve() {
        return overflowReserve;
    }

    public void setOverflowReserve(Integer overflowReserve) {
        this.overflowReserve = overflowReserve;
    }

    public String getOverflowReserveLevel() {
        return overflowReserveLevel;
    }

    public void setOverflowReserveLevel(String overflowReserveLevel) {
        this.overflowReserveLevel = overflowReserveLevel;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public DataSize getBatchBytes() {
        return batchBytes;
    }

    public void setBatchBytes(DataSize batchBytes) {
        this.batchBytes = batchBytes;
    }

    public Integer getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(Integer maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Duration getStatusInterval() {
        return statusInterval;
    }

    public void setStatusInterval(Duration statusInterval) {
        this.statusInterval = statusInterval;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Health getHealth() {
        return health;
    }

    public Rabbitmq getRabbitmq() {
        return rabbitmq;
    }

    public Sls getSls() {
        return sls;
    }

    /** Hands every shared option set under sluice.* to the sink; null values are unset options. */
    public void collectOptions(OptionSink sink) {
        sink.accept("fields", "fields", fields);
        sink.accept("builtinFieldsPrefix", "builtin-fields-prefix", builtinFieldsPrefix);
        sink.accept("builtinFieldsSuffix", "builtin-fields-suffix", builtinFieldsSuffix);
        sink.accept("includeCallerData", "include-caller-data", includeCallerData);
        sink.accept("maxMessageLength", "max-message-length", maxMessageLength);
        sink.accept("maxStackTraceLength", "max-stack-trace-length", maxStackTraceLength);
        sink.accept("maxValueLength", "max-value-length", maxValueLength);
        sink.accept("maxEntries", "max-entries", maxEntries);
        sink.accept("extractJson", "extract-json", extractJson);
        sink.accept("extractJsonDropMessage", "extract-json-drop-message", extractJsonDropMessage);
        sink.accept("extractJsonPrefix", "extract-json-prefix", extractJsonPrefix);
        sink.accept("extractJsonSuffix", "extract-json-suffix", extractJsonSuffix);
        sink.accept("extractKv", "extract-kv", extractKv);
        sink.accept("extractKvDropMessage", "extract-kv-drop-message", extractKvDropMessage);
        sink.accept("extractKvPrefix", "extract-kv-prefix", extractKvPrefix);
        sink.accept("extractKvSuffix", "extract-kv-suffix", extractKvSuffix);
        sink.accept("extractKvSeparator", "extract-kv-separator", extractKvSeparator);
        sink.accept("collapseRepeats", "collapse-repeats", collapseRepeats);
        sink.accept("queueSize", "queue-size", queueSize);
        sink.accept("maxQueueBytes", "max-queue-bytes", maxQueueBytes);
        sink.accept("overflow", "overflow", overflow);
        sink.accept("maxBlock", "max-block", maxBlock);
        sink.accept("overflowReserve", "overflow-reserve", overflowReserve);
        sink.accept("overflowReserveLevel", "overflow-reserve-level", overflowReserveLevel);
        sink.accept("batchSize", "batch-size", batchSize);
        sink.accept("batchBytes", "batch-bytes", batchBytes);
        sink.accept("maxInFlight", "max-in-flight", maxInFlight);
        sink.accept("linger", "linger", linger);
        sink.accept("maxRetries", "max-retries", maxRetries);
        sink.accept("retryBackoff", "retry-backoff", retryBackoff);
        sink.accept("maxRetryBackoff", "max-retry-backoff", maxRetryBackoff);
        sink.accept("closeTimeout", "close-timeout", closeTimeout);
        sink.accept("statusInterval", "status-interval", statusInterval);
        sink.accept("connectTimeout", "connect-timeout", connectTimeout);
    }

    /** Health indicator settings, under sluice.health. */
    public static class Health {
        /** How long sends to a backend must have been failing before its health is DOWN; an idle backend (nothing logged) is never DOWN. */
        private Duration downAfter = Duration.ofSeconds(30);

        public Duration getDownAfter() {
            return downAfter;
        }

        public void setDownAfter(Duration downAfter) {
            this.downAfter = downAfter;
        }
    }

    /** RabbitMQ properties, under sluice.rabbitmq: its own options and overrides of the shared ones. */
    public static class Rabbitmq implements BackendProperties {
        /** Whether to ship to RabbitMQ when its target (uri or addresses) is set. */
        private boolean enabled = true;

        /** Minimum level shipped to RabbitMQ, e.g. WARN; default: every level. */
        private String level;

        /** Identity fields for RabbitMQ only, merged over sluice.identity. */
        private Map<String, String> identity = new LinkedHashMap<>();

        /** amqp://user:pass@host:5672/vhost or amqps://… (RabbitMQ URI spec). No path means virtual host /; a lone trailing / means the empty virtual host — Sluice warns about that common mistake. Required unless addresses is given. Never printed: it may hold a password. */
        private String uri;

        /** host1:5672,host2:5672 instead of uri; then username, password, virtualHost, tls apply. */
        private List<String> addresses;

        /** User name with addresses. */
        private String username;

        /** Password with addresses; never printed. */
        private String password;

        /** Virtual host with addresses. */
        private String virtualHost;

        /** Use TLS with addresses (amqps:// turns it on for uri). */
        private Boolean tls;

        /** Exchange to publish to. */
        private String exchange;

        /** Type used when declaring it. */
        private String exchangeType;

        /** Declare the exchange at connect (no-op when it exists with the same type and durability). */
        private Boolean declareExchange;

        /** Durability used when declaring. */
        private Boolean durable;

        /** Template over record field names, e.g. {application}.{level}; a missing field gives an empty word; capped at 255 bytes. */
        private String routingKey;

        /** Delivery mode 2. */
        private Boolean persistent;

        /** A batch is sent only when the broker confirmed all of it; nacks and confirm timeouts are retried. */
        private Boolean publisherConfirms;

        /** How long to wait for the confirms of a batch. */
        private Duration confirmTimeout;

        /** json: one event per message (what Logstash's json codec expects). json-lines: one message per batch and routing key, newline-delimited, content type application/x-ndjson. */
        private String format;

        /** Shown in the RabbitMQ management UI. */
        private String connectionName;

        /** AMQP app_id property. */
        private String appId;

        /** Trust store file for amqps. Certificates are always verified (amqp-client's own setUri("amqps://…") would trust any certificate; Sluice never uses that path). */
        private String trustStore;

        /** Password of the trust store; never printed. */
        private String trustStorePassword;

        /** Type of the trust store. */
        private String trustStoreType;

        /** Key store file with the client certificate for amqps. */
        private String keyStore;

        /** Password of the key store; never printed. */
        private String keyStorePassword;

        /** Type of the key store. */
        private String keyStoreType;

        /** Check that the broker's certificate names the host. */
        private Boolean verifyHostname;

        /** all, or a comma list of the built-in fields to include: @timestamp, @version, message, logger_name, thread_name, level, level_value, stack_trace, host, pid, caller_class_name, caller_method_name, caller_file_name, caller_line_number, tags, plus the groups mdc (MDC entries) and kv (SLF4J 2 key/value pairs). Overrides sluice.fields for RabbitMQ. */
        private List<String> fields;

        /** Prefix for built-in field names (e.g. _ gives _message). Overrides sluice.builtin-fields-prefix for RabbitMQ. */
        private String builtinFieldsPrefix;

        /** Suffix for built-in field names. Overrides sluice.builtin-fields-suffix for RabbitMQ. */
        private String builtinFieldsSuffix;

        /** Adds caller_* fields. Costs a stack walk on the application thread, so off by default. Overrides sluice.include-caller-data for RabbitMQ. */
        private Boolean includeCallerData;

        /** Longer messages are cut (never inside a surrogate pair) and end with ...[truncated N chars]. Overrides sluice.max-message-length for RabbitMQ. */
        private Integer maxMessageLength;

        /** The same bound for stack_trace. Overrides sluice.max-stack-trace-length for RabbitMQ. */
        private Integer maxStackTraceLength;

        /** The same bound for each MDC / context value and key/value pair, applied when the event is queued, so that it also bounds the queue's memory. Overrides sluice.max-value-length for RabbitMQ. */
        private Integer maxValueLength;

        /** MDC / context entries plus key/value pairs kept per event at most; the rest are left out and counted in the field sluice_dropped_entries. Overrides sluice.max-entries for RabbitMQ. */
        private Integer maxEntries;

        /** When the formatted message is one JSON object, its top-level members become fields (see Extracting fields from messages). Overrides sluice.extract-json for RabbitMQ. */
        private Boolean extractJson;

        /** Leave out message when JSON extraction produced fields (and skipped or cut nothing). Overrides sluice.extract-json-drop-message for RabbitMQ. */
        private Boolean extractJsonDropMessage;

        /** Added before every key extracted from JSON. Overrides sluice.extract-json-prefix for RabbitMQ. */
        private String extractJsonPrefix;

        /** Added after every key extracted from JSON. Overrides sluice.extract-json-suffix for RabbitMQ. */
        private String extractJsonSuffix;

        /** key=value pairs found in the message become fields. Overrides sluice.extract-kv for RabbitMQ. */
        private Boolean extractKv;

        /** Leave out message when key=value extraction produced fields (and skipped or cut nothing). Overrides sluice.extract-kv-drop-message for RabbitMQ. */
        private Boolean extractKvDropMessage;

        /** Added before every key extracted from pairs. Overrides sluice.extract-kv-prefix for RabbitMQ. */
        private String extractKvPrefix;

        /** Added after every key extracted from pairs. Overrides sluice.extract-kv-suffix for RabbitMQ. */
        private String extractKvSuffix;

        /** The separator as a regular expression, e.g. (?:=|:). It may match at most 8 characters and must not match the empty string (a configuration error). Overrides sluice.extract-kv-separator for RabbitMQ. */
        private String extractKvSeparator;

        /** A window such as 1s: repeats of a call site within it are shipped once with a count (see Collapsing repeats). At most 10m; off or 0 turns it off. Overrides sluice.collapse-repeats for RabbitMQ. */
        private Duration collapseRepeats;

        /** Events the queue holds. About 3 s of a 10,000 events/s burst, and ~10–20 MB of typical events. Overrides sluice.queue-size for RabbitMQ. */
        private Integer queueSize;

        /** Bound on the heap that queued events hold (an upper-bound estimate: text counts 2 bytes a char, so real use is 0.5–1× of it); whichever of this and queueSize is hit first applies. Overrides sluice.max-queue-bytes for RabbitMQ. */
        private DataSize maxQueueBytes;

        /** drop: a full queue drops the event and counts it, the log call never waits. block: wait up to maxBlock for room, then drop and count. Overrides sluice.overflow for RabbitMQ. */
        private String overflow;

        /** Longest wait of a log call with overflow=block. Overrides sluice.max-block for RabbitMQ. */
        private Duration maxBlock;

        /** Percent of queueSize and of maxQueueBytes (each rounded down) kept for events at overflowReserveLevel and above: a lower event is dropped (with overflow=block: waits) when only the reserve is free, so that in an overflow WARN and ERROR are kept while DEBUG and INFO are dropped (see When the queue overflows). 0 turns it off. Overrides sluice.overflow-reserve for RabbitMQ. */
        private Integer overflowReserve;

        /** The lowest level that may use the reserve (Log4j2's fatal is above error). Overrides sluice.overflow-reserve-level for RabbitMQ. */
        private String overflowReserveLevel;

        /** Events per batch at most (never more than queueSize). For SLS a batch is one PutLogs request (split only beyond the server's limits), so its default is the server's per-request maximum: fewer, larger requests carry more over a real network round trip. Overrides sluice.batch-size for RabbitMQ. */
        private Integer batchSize;

        /** Encoded bytes per batch at most (a single larger event is sent alone). Overrides sluice.batch-bytes for RabbitMQ. */
        private DataSize batchBytes;

        /** Batches sent and not yet answered (RabbitMQ publisher confirms, SLS responses) at once, so that the backend works while the next batch is prepared. 1 sends a batch only after the previous one was answered. SLS sends each batch on an I/O thread and connection of its own (made as needed), so this is also how many PutLogs requests are in flight at most. The heap held besides the queue is up to this many batches (see batchBytes). Overrides sluice.max-in-flight for RabbitMQ. */
        private Integer maxInFlight;

        /** How long a started batch waits for more events before it is sent. Overrides sluice.linger for RabbitMQ. */
        private Duration linger;

        /** Retries of a failed batch; then its events are counted as failed. With the default backoff, about 20 s of outage is bridged without loss. Overrides sluice.max-retries for RabbitMQ. */
        private Integer maxRetries;

        /** First retry delay; doubles each retry, with jitter (a delay is drawn between half and all of it). Overrides sluice.retry-backoff for RabbitMQ. */
        private Duration retryBackoff;

        /** Cap of the retry delay; not smaller than retryBackoff. Overrides sluice.max-retry-backoff for RabbitMQ. */
        private Duration maxRetryBackoff;

        /** How long stopping may take to deliver what is queued; what is left then is counted as dropped and reported. Overrides sluice.close-timeout for RabbitMQ. */
        private Duration closeTimeout;

        /** Drops and repeated send failures are reported at most once per interval. Overrides sluice.status-interval for RabbitMQ. */
        private Duration statusInterval;

        /** TCP (and TLS) connect timeout. Overrides sluice.connect-timeout for RabbitMQ. */
        private Duration connectTimeout;

        @Override
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public String getLevel() {
            return level;
        }

        public void setLevel(String level) {
            this.level = level;
        }

        @Override
        public Map<String, String> getIdentity() {
            return identity;
        }

        public void setIdentity(Map<String, String> identity) {
            this.identity = identity;
        }

        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public List<String> getAddresses() {
            return addresses;
        }

        public void setAddresses(List<String> addresses) {
            this.addresses = addresses;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getVirtualHost() {
            return virtualHost;
        }

        public void setVirtualHost(String virtualHost) {
            this.virtualHost = virtualHost;
        }

        public Boolean getTls() {
            return tls;
        }

        public void setTls(Boolean tls) {
            this.tls = tls;
        }

        public String getExchange() {
            return exchange;
        }

        public void setExchange(String exchange) {
            this.exchange = exchange;
        }

        public String getExchangeType() {
            return exchangeType;
        }

        public void setExchangeType(String exchangeType) {
            this.exchangeType = exchangeType;
        }

        public Boolean getDeclareExchange() {
            return declareExchange;
        }

        public void setDeclareExchange(Boolean declareExchange) {
            this.declareExchange = declareExchange;
        }

        public Boolean getDurable() {
            return durable;
        }

        public void setDurable(Boolean durable) {
            this.durable = durable;
        }

        public String getRoutingKey() {
            return routingKey;
        }

        public void setRoutingKey(String routingKey) {
            this.routingKey = routingKey;
        }

        public Boolean getPersistent() {
            return persistent;
        }

        public void setPersistent(Boolean persistent) {
            this.persistent = persistent;
        }

        public Boolean getPublisherConfirms() {
            return publisherConfirms;
        }

        public void setPublisherConfirms(Boolean publisherConfirms) {
            this.publisherConfirms = publisherConfirms;
        }

        public Duration getConfirmTimeout() {
            return confirmTimeout;
        }

        public void setConfirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
        }

        public String getFormat() {
            return format;
        }

        public void setFormat(String format) {
            this.format = format;
        }

        public String getConnectionName() {
            return connectionName;
        }

        public void setConnectionName(String connectionName) {
            this.connectionName = connectionName;
        }

        public String getAppId() {
            return appId;
        }

        public void setAppId(String appId) {
            this.appId = appId;
        }

        public String getTrustStore() {
            return trustStore;
        }

        public void setTrustStore(String trustStore) {
            this.trustStore = trustStore;
        }

        public String getTrustStorePassword() {
            return trustStorePassword;
        }

        public void setTrustStorePassword(String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        public String getTrustStoreType() {
            return trustStoreType;
        }

        public void setTrustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
        }

        public String getKeyStore() {
            return keyStore;
        }

        public void setKeyStore(String keyStore) {
            this.keyStore = keyStore;
        }

        public String getKeyStorePassword() {
            return keyStorePassword;
        }

        public void setKeyStorePassword(String keyStorePassword) {
            this.keyStorePassword = keyStorePassword;
        }

        public String getKeyStoreType() {
            return keyStoreType;
        }

        public void setKeyStoreType(String keyStoreType) {
            this.keyStoreType = keyStoreType;
        }

        public Boolean getVerifyHostname() {
            return verifyHostname;
        }

        public void setVerifyHostname(Boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }

        public List<String> getFields() {
            return fields;
        }

        public void setFields(List<String> fields) {
            this.fields = fields;
        }

        public String getBuiltinFieldsPrefix() {
            return builtinFieldsPrefix;
        }

        public void setBuiltinFieldsPrefix(String builtinFieldsPrefix) {
            this.builtinFieldsPrefix = builtinFieldsPrefix;
        }

        public String getBuiltinFieldsSuffix() {
            return builtinFieldsSuffix;
        }

        public void setBuiltinFieldsSuffix(String builtinFieldsSuffix) {
            this.builtinFieldsSuffix = builtinFieldsSuffix;
        }

        public Boolean getIncludeCallerData() {
            return includeCallerData;
        }

        public void setIncludeCallerData(Boolean includeCallerData) {
            this.includeCallerData = includeCallerData;
        }

        public Integer getMaxMessageLength() {
            return maxMessageLength;
        }

        public void setMaxMessageLength(Integer maxMessageLength) {
            this.maxMessageLength = maxMessageLength;
        }

        public Integer getMaxStackTraceLength() {
            return maxStackTraceLength;
        }

        public void setMaxStackTraceLength(Integer maxStackTraceLength) {
            this.maxStackTraceLength = maxStackTraceLength;
        }

        public Integer getMaxValueLength() {
            return maxValueLength;
        }

        public void setMaxValueLength(Integer maxValueLength) {
            this.maxValueLength = maxValueLength;
        }

        public Integer getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(Integer maxEntries) {
            this.maxEntries = maxEntries;
        }

        public Boolean getExtractJson() {
            return extractJson;
        }

        public void setExtractJson(Boolean extractJson) {
            this.extractJson = extractJson;
        }

        public Boolean getExtractJsonDropMessage() {
            return extractJsonDropMessage;
        }

        public void setExtractJsonDropMessage(Boolean extractJsonDropMessage) {
            this.extractJsonDropMessage = extractJsonDropMessage;
        }

        public String getExtractJsonPrefix() {
            return extractJsonPrefix;
        }

        public void setExtractJsonPrefix(String extractJsonPrefix) {
            this.extractJsonPrefix = extractJsonPrefix;
        }

        public String getExtractJsonSuffix() {
            return extractJsonSuffix;
        }

        public void setExtractJsonSuffix(String extractJsonSuffix) {
            this.extractJsonSuffix = extractJsonSuffix;
        }

        public Boolean getExtractKv() {
            return extractKv;
        }

        public void setExtractKv(Boolean extractKv) {
            this.extractKv = extractKv;
        }

        public Boolean getExtractKvDropMessage() {
            return extractKvDropMessage;
        }

        public void setExtractKvDropMessage(Boolean extractKvDropMessage) {
            this.extractKvDropMessage = extractKvDropMessage;
        }

        public String getExtractKvPrefix() {
            return extractKvPrefix;
        }

        public void setExtractKvPrefix(String extractKvPrefix) {
            this.extractKvPrefix = extractKvPrefix;
        }

        public String getExtractKvSuffix() {
            return extractKvSuffix;
        }

        public void setExtractKvSuffix(String extractKvSuffix) {
            this.extractKvSuffix = extractKvSuffix;
        }

        public String getExtractKvSeparator() {
            return extractKvSeparator;
        }

        public void setExtractKvSeparator(String extractKvSeparator) {
            this.extractKvSeparator = extractKvSeparator;
        }

        public Duration getCollapseRepeats() {
            return collapseRepeats;
        }

        public void setCollapseRepeats(Duration collapseRepeats) {
            this.collapseRepeats = collapseRepeats;
        }

        public Integer getQueueSize() {
            return queueSize;
        }

        public void setQueueSize(Integer queueSize) {
            this.queueSize = queueSize;
        }

        public DataSize getMaxQueueBytes() {
            return maxQueueBytes;
        }

        public void setMaxQueueBytes(DataSize maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
        }

        public String getOverflow() {
            return overflow;
        }

        public void setOverflow(String overflow) {
            this.overflow = overflow;
        }

        public Duration getMaxBlock() {
            return maxBlock;
        }

        public void setMaxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
        }

        public Integer getOverflowReserve() {
            return overflowReserve;
        }

        public void setOverflowReserve(Integer overflowReserve) {
            this.overflowReserve = overflowReserve;
        }

        public String getOverflowReserveLevel() {
            return overflowReserveLevel;
        }

        public void setOverflowReserveLevel(String overflowReserveLevel) {
            this.overflowReserveLevel = overflowReserveLevel;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public DataSize getBatchBytes() {
            return batchBytes;
        }

        public void setBatchBytes(DataSize batchBytes) {
            this.batchBytes = batchBytes;
        }

        public Integer getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(Integer maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public Integer getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public Duration getMaxRetryBackoff() {
            return maxRetryBackoff;
        }

        public void setMaxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
        }

        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        public Duration getStatusInterval() {
            return statusInterval;
        }

        public void setStatusInterval(Duration statusInterval) {
            this.statusInterval = statusInterval;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        @Override
        public boolean hasTarget() {
            return (uri != null && !uri.isBlank()) || (addresses != null && !addresses.isEmpty());
        }

        @Override
        public void collectOptions(OptionSink sink) {
            sink.accept("uri", "uri", uri);
            sink.accept("addresses", "addresses", addresses);
            sink.accept("username", "username", username);
            sink.accept("password", "password", password);
            sink.accept("virtualHost", "virtual-host", virtualHost);
            sink.accept("tls", "tls", tls);
            sink.accept("exchange", "exchange", exchange);
            sink.accept("exchangeType", "exchange-type", exchangeType);
            sink.accept("declareExchange", "declare-exchange", declareExchange);
            sink.accept("durable", "durable", durable);
            sink.accept("routingKey", "routing-key", routingKey);
            sink.accept("persistent", "persistent", persistent);
            sink.accept("publisherConfirms", "publisher-confirms", publisherConfirms);
            sink.accept("confirmTimeout", "confirm-timeout", confirmTimeout);
            sink.accept("format", "format", format);
            sink.accept("connectionName", "connection-name", connectionName);
            sink.accept("appId", "app-id", appId);
            sink.accept("trustStore", "trust-store", trustStore);
            sink.accept("trustStorePassword", "trust-store-password", trustStorePassword);
            sink.accept("trustStoreType", "trust-store-type", trustStoreType);
            sink.accept("keyStore", "key-store", keyStore);
            sink.accept("keyStorePassword", "key-store-password", keyStorePassword);
            sink.accept("keyStoreType", "key-store-type", keyStoreType);
            sink.accept("verifyHostname", "verify-hostname", verifyHostname);
            sink.accept("fields", "fields", fields);
            sink.accept("builtinFieldsPrefix", "builtin-fields-prefix", builtinFieldsPrefix);
            sink.accept("builtinFieldsSuffix", "builtin-fields-suffix", builtinFieldsSuffix);
            sink.accept("includeCallerData", "include-caller-data", includeCallerData);
            sink.accept("maxMessageLength", "max-message-length", maxMessageLength);
            sink.accept("maxStackTraceLength", "max-stack-trace-length", maxStackTraceLength);
            sink.accept("maxValueLength", "max-value-length", maxValueLength);
            sink.accept("maxEntries", "max-entries", maxEntries);
            sink.accept("extractJson", "extract-json", extractJson);
            sink.accept("extractJsonDropMessage", "extract-json-drop-message", extractJsonDropMessage);
            sink.accept("extractJsonPrefix", "extract-json-prefix", extractJsonPrefix);
            sink.accept("extractJsonSuffix", "extract-json-suffix", extractJsonSuffix);
            sink.accept("extractKv", "extract-kv", extractKv);
            sink.accept("extractKvDropMessage", "extract-kv-drop-message", extractKvDropMessage);
            sink.accept("extractKvPrefix", "extract-kv-prefix", extractKvPrefix);
            sink.accept("extractKvSuffix", "extract-kv-suffix", extractKvSuffix);
            sink.accept("extractKvSeparator", "extract-kv-separator", extractKvSeparator);
            sink.accept("collapseRepeats", "collapse-repeats", collapseRepeats);
            sink.accept("queueSize", "queue-size", queueSize);
            sink.accept("maxQueueBytes", "max-queue-bytes", maxQueueBytes);
            sink.accept("overflow", "overflow", overflow);
            sink.accept("maxBlock", "max-block", maxBlock);
            sink.accept("overflowReserve", "overflow-reserve", overflowReserve);
            sink.accept("overflowReserveLevel", "overflow-reserve-level", overflowReserveLevel);
            sink.accept("batchSize", "batch-size", batchSize);
            sink.accept("batchBytes", "batch-bytes", batchBytes);
            sink.accept("maxInFlight", "max-in-flight", maxInFlight);
            sink.accept("linger", "linger", linger);
            sink.accept("maxRetries", "max-retries", maxRetries);
            sink.accept("retryBackoff", "retry-backoff", retryBackoff);
            sink.accept("maxRetryBackoff", "max-retry-backoff", maxRetryBackoff);
            sink.accept("closeTimeout", "close-timeout", closeTimeout);
            sink.accept("statusInterval", "status-interval", statusInterval);
            sink.accept("connectTimeout", "connect-timeout", connectTimeout);
        }
    }

    /** SLS properties, under sluice.sls: its own options and overrides of the shared ones. */
    public static class Sls implements BackendProperties {
        /** Whether to ship to SLS when its target (endpoint) is set. */
        private boolean enabled = true;

        /** Minimum level shipped to SLS, e.g. WARN; default: every level. */
        private String level;

        /** Identity fields for SLS only, merged over sluice.identity. */
        private Map<String, String> identity = new LinkedHashMap<>();

        /** cn-hangzhou.log.aliyuncs.com (https) or http(s)://host:port of an SLS-compatible server. */
        private String endpoint;

        /** SLS project: 3–128 lower-case letters, digits, -. */
        private String project;

        /** Logstore: 3–64 lower-case letters, digits, _, -. */
        private String logstore;

        /** Access key id; shown in error reports (it is not a secret). */
        private String accessKeyId;

        /** Signs each request; never sent, never printed. */
        private String accessKeySecret;

        /** STS token of temporary credentials (x-acs-security-token, signed); never printed. */
        private String securityToken;

        /** __topic__ of every log. */
        private String topic;

        /** __source__ of every log. */
        private String source;

        /** k=v,k=v: log tags (__tag__:k). */
        private Map<String, String> tags;

        /** lz4 (raw LZ4 block), deflate (zlib) or none. */
        private String compression;

        /** Longest wait for an answer; then the request is retried. */
        private Duration requestTimeout;

        /** all, or a comma list of the built-in fields to include: @timestamp, @version, message, logger_name, thread_name, level, level_value, stack_trace, host, pid, caller_class_name, caller_method_name, caller_file_name, caller_line_number, tags, plus the groups mdc (MDC entries) and kv (SLF4J 2 key/value pairs). Overrides sluice.fields for SLS. */
        private List<String> fields;

        /** Prefix for built-in field names (e.g. _ gives _message). Overrides sluice.builtin-fields-prefix for SLS. */
        private String builtinFieldsPrefix;

        /** Suffix for built-in field names. Overrides sluice.builtin-fields-suffix for SLS. */
        private String builtinFieldsSuffix;

        /** Adds caller_* fields. Costs a stack walk on the application thread, so off by default. Overrides sluice.include-caller-data for SLS. */
        private Boolean includeCallerData;

        /** Longer messages are cut (never inside a surrogate pair) and end with ...[truncated N chars]. Overrides sluice.max-message-length for SLS. */
        private Integer maxMessageLength;

        /** The same bound for stack_trace. Overrides sluice.max-stack-trace-length for SLS. */
        private Integer maxStackTraceLength;

        /** The same bound for each MDC / context value and key/value pair, applied when the event is queued, so that it also bounds the queue's memory. Overrides sluice.max-value-length for SLS. */
        private Integer maxValueLength;

        /** MDC / context entries plus key/value pairs kept per event at most; the rest are left out and counted in the field sluice_dropped_entries. Overrides sluice.max-entries for SLS. */
        private Integer maxEntries;

        /** When the formatted message is one JSON object, its top-level members become fields (see Extracting fields from messages). Overrides sluice.extract-json for SLS. */
        private Boolean extractJson;

        /** Leave out message when JSON extraction produced fields (and skipped or cut nothing). Overrides sluice.extract-json-drop-message for SLS. */
        private Boolean extractJsonDropMessage;

        /** Added before every key extracted from JSON. Overrides sluice.extract-json-prefix for SLS. */
        private String extractJsonPrefix;

        /** Added after every key extracted from JSON. Overrides sluice.extract-json-suffix for SLS. */
        private String extractJsonSuffix;

        /** key=value pairs found in the message become fields. Overrides sluice.extract-kv for SLS. */
        private Boolean extractKv;

        /** Leave out message when key=value extraction produced fields (and skipped or cut nothing). Overrides sluice.extract-kv-drop-message for SLS. */
        private Boolean extractKvDropMessage;

        /** Added before every key extracted from pairs. Overrides sluice.extract-kv-prefix for SLS. */
        private String extractKvPrefix;

        /** Added after every key extracted from pairs. Overrides sluice.extract-kv-suffix for SLS. */
        private String extractKvSuffix;

        /** The separator as a regular expression, e.g. (?:=|:). It may match at most 8 characters and must not match the empty string (a configuration error). Overrides sluice.extract-kv-separator for SLS. */
        private String extractKvSeparator;

        /** A window such as 1s: repeats of a call site within it are shipped once with a count (see Collapsing repeats). At most 10m; off or 0 turns it off. Overrides sluice.collapse-repeats for SLS. */
        private Duration collapseRepeats;

        /** Events the queue holds. About 3 s of a 10,000 events/s burst, and ~10–20 MB of typical events. Overrides sluice.queue-size for SLS. */
        private Integer queueSize;

        /** Bound on the heap that queued events hold (an upper-bound estimate: text counts 2 bytes a char, so real use is 0.5–1× of it); whichever of this and queueSize is hit first applies. Overrides sluice.max-queue-bytes for SLS. */
        private DataSize maxQueueBytes;

        /** drop: a full queue drops the event and counts it, the log call never waits. block: wait up to maxBlock for room, then drop and count. Overrides sluice.overflow for SLS. */
        private String overflow;

        /** Longest wait of a log call with overflow=block. Overrides sluice.max-block for SLS. */
        private Duration maxBlock;

        /** Percent of queueSize and of maxQueueBytes (each rounded down) kept for events at overflowReserveLevel and above: a lower event is dropped (with overflow=block: waits) when only the reserve is free, so that in an overflow WARN and ERROR are kept while DEBUG and INFO are dropped (see When the queue overflows). 0 turns it off. Overrides sluice.overflow-reserve for SLS. */
        private Integer overflowReserve;

        /** The lowest level that may use the reserve (Log4j2's fatal is above error). Overrides sluice.overflow-reserve-level for SLS. */
        private String overflowReserveLevel;

        /** Events per batch at most (never more than queueSize). For SLS a batch is one PutLogs request (split only beyond the server's limits), so its default is the server's per-request maximum: fewer, larger requests carry more over a real network round trip. Overrides sluice.batch-size for SLS. */
        private Integer batchSize;

        /** Encoded bytes per batch at most (a single larger event is sent alone). Overrides sluice.batch-bytes for SLS. */
        private DataSize batchBytes;

        /** Batches sent and not yet answered (RabbitMQ publisher confirms, SLS responses) at once, so that the backend works while the next batch is prepared. 1 sends a batch only after the previous one was answered. SLS sends each batch on an I/O thread and connection of its own (made as needed), so this is also how many PutLogs requests are in flight at most. The heap held besides the queue is up to this many batches (see batchBytes). Overrides sluice.max-in-flight for SLS. */
        private Integer maxInFlight;

        /** How long a started batch waits for more events before it is sent. Overrides sluice.linger for SLS. */
        private Duration linger;

        /** Retries of a failed batch; then its events are counted as failed. With the default backoff, about 20 s of outage is bridged without loss. Overrides sluice.max-retries for SLS. */
        private Integer maxRetries;

        /** First retry delay; doubles each retry, with jitter (a delay is drawn between half and all of it). Overrides sluice.retry-backoff for SLS. */
        private Duration retryBackoff;

        /** Cap of the retry delay; not smaller than retryBackoff. Overrides sluice.max-retry-backoff for SLS. */
        private Duration maxRetryBackoff;

        /** How long stopping may take to deliver what is queued; what is left then is counted as dropped and reported. Overrides sluice.close-timeout for SLS. */
        private Duration closeTimeout;

        /** Drops and repeated send failures are reported at most once per interval. Overrides sluice.status-interval for SLS. */
        private Duration statusInterval;

        /** TCP (and TLS) connect timeout. Overrides sluice.connect-timeout for SLS. */
        private Duration connectTimeout;

        @Override
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public String getLevel() {
            return level;
        }

        public void setLevel(String level) {
            this.level = level;
        }

        @Override
        public Map<String, String> getIdentity() {
            return identity;
        }

        public void setIdentity(Map<String, String> identity) {
            this.identity = identity;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getProject() {
            return project;
        }

        public void setProject(String project) {
            this.project = project;
        }

        public String getLogstore() {
            return logstore;
        }

        public void setLogstore(String logstore) {
            this.logstore = logstore;
        }

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getAccessKeySecret() {
            return accessKeySecret;
        }

        public void setAccessKeySecret(String accessKeySecret) {
            this.accessKeySecret = accessKeySecret;
        }

        public String getSecurityToken() {
            return securityToken;
        }

        public void setSecurityToken(String securityToken) {
            this.securityToken = securityToken;
        }

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        public Map<String, String> getTags() {
            return tags;
        }

        public void setTags(Map<String, String> tags) {
            this.tags = tags;
        }

        public String getCompression() {
            return compression;
        }

        public void setCompression(String compression) {
            this.compression = compression;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public List<String> getFields() {
            return fields;
        }

        public void setFields(List<String> fields) {
            this.fields = fields;
        }

        public String getBuiltinFieldsPrefix() {
            return builtinFieldsPrefix;
        }

        public void setBuiltinFieldsPrefix(String builtinFieldsPrefix) {
            this.builtinFieldsPrefix = builtinFieldsPrefix;
        }

        public String getBuiltinFieldsSuffix() {
            return builtinFieldsSuffix;
        }

        public void setBuiltinFieldsSuffix(String builtinFieldsSuffix) {
            this.builtinFieldsSuffix = builtinFieldsSuffix;
        }

        public Boolean getIncludeCallerData() {
            return includeCallerData;
        }

        public void setIncludeCallerData(Boolean includeCallerData) {
            this.includeCallerData = includeCallerData;
        }

        public Integer getMaxMessageLength() {
            return maxMessageLength;
        }

        public void setMaxMessageLength(Integer maxMessageLength) {
            this.maxMessageLength = maxMessageLength;
        }

        public Integer getMaxStackTraceLength() {
            return maxStackTraceLength;
        }

        public void setMaxStackTraceLength(Integer maxStackTraceLength) {
            this.maxStackTraceLength = maxStackTraceLength;
        }

        public Integer getMaxValueLength() {
            return maxValueLength;
        }

        public void setMaxValueLength(Integer maxValueLength) {
            this.maxValueLength = maxValueLength;
        }

        public Integer getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(Integer maxEntries) {
            this.maxEntries = maxEntries;
        }

        public Boolean getExtractJson() {
            return extractJson;
        }

        public void setExtractJson(Boolean extractJson) {
            this.extractJson = extractJson;
        }

        public Boolean getExtractJsonDropMessage() {
            return extractJsonDropMessage;
        }

        public void setExtractJsonDropMessage(Boolean extractJsonDropMessage) {
            this.extractJsonDropMessage = extractJsonDropMessage;
        }

        public String getExtractJsonPrefix() {
            return extractJsonPrefix;
        }

        public void setExtractJsonPrefix(String extractJsonPrefix) {
            this.extractJsonPrefix = extractJsonPrefix;
        }

        public String getExtractJsonSuffix() {
            return extractJsonSuffix;
        }

        public void setExtractJsonSuffix(String extractJsonSuffix) {
            this.extractJsonSuffix = extractJsonSuffix;
        }

        public Boolean getExtractKv() {
            return extractKv;
        }

        public void setExtractKv(Boolean extractKv) {
            this.extractKv = extractKv;
        }

        public Boolean getExtractKvDropMessage() {
            return extractKvDropMessage;
        }

        public void setExtractKvDropMessage(Boolean extractKvDropMessage) {
            this.extractKvDropMessage = extractKvDropMessage;
        }

        public String getExtractKvPrefix() {
            return extractKvPrefix;
        }

        public void setExtractKvPrefix(String extractKvPrefix) {
            this.extractKvPrefix = extractKvPrefix;
        }

        public String getExtractKvSuffix() {
            return extractKvSuffix;
        }

        public void setExtractKvSuffix(String extractKvSuffix) {
            this.extractKvSuffix = extractKvSuffix;
        }

        public String getExtractKvSeparator() {
            return extractKvSeparator;
        }

        public void setExtractKvSeparator(String extractKvSeparator) {
            this.extractKvSeparator = extractKvSeparator;
        }

        public Duration getCollapseRepeats() {
            return collapseRepeats;
        }

        public void setCollapseRepeats(Duration collapseRepeats) {
            this.collapseRepeats = collapseRepeats;
        }

        public Integer getQueueSize() {
            return queueSize;
        }

        public void setQueueSize(Integer queueSize) {
            this.queueSize = queueSize;
        }

        public DataSize getMaxQueueBytes() {
            return maxQueueBytes;
        }

        public void setMaxQueueBytes(DataSize maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
        }

        public String getOverflow() {
            return overflow;
        }

        public void setOverflow(String overflow) {
            this.overflow = overflow;
        }

        public Duration getMaxBlock() {
            return maxBlock;
        }

        public void setMaxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
        }

        public Integer getOverflowReserve() {
            return overflowReserve;
        }

        public void setOverflowReserve(Integer overflowReserve) {
            this.overflowReserve = overflowReserve;
        }

        public String getOverflowReserveLevel() {
            return overflowReserveLevel;
        }

        public void setOverflowReserveLevel(String overflowReserveLevel) {
            this.overflowReserveLevel = overflowReserveLevel;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public DataSize getBatchBytes() {
            return batchBytes;
        }

        public void setBatchBytes(DataSize batchBytes) {
            this.batchBytes = batchBytes;
        }

        public Integer getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(Integer maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public Integer getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public Duration getMaxRetryBackoff() {
            return maxRetryBackoff;
        }

        public void setMaxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
        }

        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }

        public Duration getStatusInterval() {
            return statusInterval;
        }

        public void setStatusInterval(Duration statusInterval) {
            this.statusInterval = statusInterval;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        @Override
        public boolean hasTarget() {
            return endpoint != null && !endpoint.isBlank();
        }

        @Override
        public void collectOptions(OptionSink sink) {
            sink.accept("endpoint", "endpoint", endpoint);
            sink.accept("project", "project", project);
            sink.accept("logstore", "logstore", logstore);
            sink.accept("accessKeyId", "access-key-id", accessKeyId);
            sink.accept("accessKeySecret", "access-key-secret", accessKeySecret);
            sink.accept("securityToken", "security-token", securityToken);
            sink.accept("topic", "topic", topic);
            sink.accept("source", "source", source);
            sink.accept("tags", "tags", tags);
            sink.accept("compression", "compression", compression);
            sink.accept("requestTimeout", "request-timeout", requestTimeout);
            sink.accept("fields", "fields", fields);
            sink.accept("builtinFieldsPrefix", "builtin-fields-prefix", builtinFieldsPrefix);
            sink.accept("builtinFieldsSuffix", "builtin-fields-suffix", builtinFieldsSuffix);
            sink.accept("includeCallerData", "include-caller-data", includeCallerData);
            sink.accept("maxMessageLength", "max-message-length", maxMessageLength);
            sink.accept("maxStackTraceLength", "max-stack-trace-length", maxStackTraceLength);
            sink.accept("maxValueLength", "max-value-length", maxValueLength);
            sink.accept("maxEntries", "max-entries", maxEntries);
            sink.accept("extractJson", "extract-json", extractJson);
            sink.accept("extractJsonDropMessage", "extract-json-drop-message", extractJsonDropMessage);
            sink.accept("extractJsonPrefix", "extract-json-prefix", extractJsonPrefix);
            sink.accept("extractJsonSuffix", "extract-json-suffix", extractJsonSuffix);
            sink.accept("extractKv", "extract-kv", extractKv);
            sink.accept("extractKvDropMessage", "extract-kv-drop-message", extractKvDropMessage);
            sink.accept("extractKvPrefix", "extract-kv-prefix", extractKvPrefix);
            sink.accept("extractKvSuffix", "extract-kv-suffix", extractKvSuffix);
            sink.accept("extractKvSeparator", "extract-kv-separator", extractKvSeparator);
            sink.accept("collapseRepeats", "collapse-repeats", collapseRepeats);
            sink.accept("queueSize", "queue-size", queueSize);
            sink.accept("maxQueueBytes", "max-queue-bytes", maxQueueBytes);
            sink.accept("overflow", "overflow", overflow);
            sink.accept("maxBlock", "max-block", maxBlock);
            sink.accept("overflowReserve", "overflow-reserve", overflowReserve);
            sink.accept("overflowReserveLevel", "overflow-reserve-level", overflowReserveLevel);
            sink.accept("batchSize", "batch-size", batchSize);
            sink.accept("batchBytes", "batch-bytes", batchBytes);
            sink.accept("maxInFlight", "max-in-flight", maxInFlight);
            sink.accept("linger", "linger", linger);
            sink.accept("maxRetries", "max-retries", maxRetries);
            sink.accept("retryBackoff", "retry-backoff", retryBackoff);
            sink.accept("maxRetryBackoff", "max-retry-backoff", maxRetryBackoff);
            sink.accept("closeTimeout", "close-timeout", closeTimeout);
            sink.accept("statusInterval", "status-interval", statusInterval);
            sink.accept("connectTimeout", "connect-timeout", connectTimeout);
        }
    }
}
