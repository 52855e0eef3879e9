package dev.sluice.transport.sls;

import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;

import dev.sluice.fields.Identity;

import java.time.Duration;
import java.util.Map;

/** The SLS options of DESIGN.md, read and validated. Holds secrets; {@link #toString()} does not show them. */
public final class SlsOptions {
    /** Server limits of one PutLogs request. */
    public static final int MAX_LOGS_PER_REQUEST = 4096;
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

    private final SlsEndpoint endpoint;
    private final String endpointText;
    private final String project;
    private final String logstore;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final String topic;
    private final String source;
    private final Map<String, String> tags;
    private final Compression compression;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private SlsOptions(OptionReader r) {
        this.endpointText = r.required(ENDPOINT);
        this.project = r.required(PROJECT);
        this.logstore = r.required(LOGSTORE);
        this.accessKeyId = r.required(ACCESS_KEY_ID);
        String secret = r.raw(ACCESS_KEY_SECRET);
        if (secret == null || secret.isEmpty()) {
            r.error(ACCESS_KEY_SECRET, "is required");
        }
        this.accessKeySecret = secret == null ? "" : secret;
        String token = r.raw(SECURITY_TOKEN);
        this.securityToken = token == null || token.isBlank() ? null : token.trim();
        this.topic = r.string(TOPIC);
        this.source = r.string(SOURCE);
        Map<String, String> parsedTags = Map.of();
        try {
            parsedTags = Identity.parse(r.string(TAGS)).fields();
        } catch (IllegalArgumentException e) {
            r.error(TAGS, e.getMessage());
        }
        this.tags = parsedTags;
        this.compression = r.choice(COMPRESSION, Compression.class);
        this.connectTimeout = r.duration(CONNECT_TIMEOUT);
        this.requestTimeout = r.duration(REQUEST_TIMEOUT);
        SlsEndpoint parsed = null;
        if (endpointText != null && project != null) {
            if (!project.matches("[a-z0-9][a-z0-9-]{1,126}[a-z0-9]")) {
                r.error(PROJECT, "must be 3-128 lower-case letters, digits and hyphens, got '" + project + "'");
            }
            try {
                parsed = SlsEndpoint.parse(endpointText, project);
            } catch (IllegalArgumentException e) {
                r.error(ENDPOINT, e.getMessage());
            }
        }
        if (logstore != null && !logstore.matches("[a-z0-9][a-z0-9_-]{1,62}[a-z0-9]")) {
            r.error(LOGSTORE, "must be 3-64 lower-case letters, digits, '_' and '-', got '" + logstore + "'");
        }
        this.endpoint = parsed;
    }

    public static SlsOptions read(OptionReader reader) {
        return new SlsOptions(reader);
    }

    SlsEndpoint endpoint() {
        return endpoint;
    }

    String project() {
        return project;
    }

    String logstore() {
        return logstore;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String accessKeySecret() {
        return accessKeySecret;
    }

    String securityToken() {
        return securityToken;
    }

    String topic() {
        return topic;
    }

    /** The configured source, or null for the host's address. */
    String source() {
        return source;
    }

    Map<String, String> tags() {
        return tags;
    }

    Compression compression() {
        return compression;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Where logs go, for status messages: no secret. */
    String describe() {
        return "project '" + project + "' logstore '" + logstore + "' at " + endpoint;
    }

    @Override
    public String toString() {
        return "SlsOptions[" + describe() + ", accessKeyId=" + accessKeyId + ", compression=" + compression + "]";
    }
}
