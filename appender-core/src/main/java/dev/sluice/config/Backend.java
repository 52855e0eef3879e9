package dev.sluice.config;

import java.util.Locale;

/** Where a pipeline ships its events. */
public enum Backend {
    RABBITMQ("RabbitMQ"),
    SLS("SLS");

    private final String displayName;

    Backend(String displayName) {
        this.displayName = displayName;
    }

    /** Lower-case key, as in Spring's {@code sluice.rabbitmq.*}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return displayName;
    }
}
