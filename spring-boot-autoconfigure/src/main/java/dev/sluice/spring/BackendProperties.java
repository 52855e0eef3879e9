package dev.sluice.spring;

import java.util.Map;

/** What the integration reads from {@code sluice.rabbitmq} and {@code sluice.sls} besides their options. */
public interface BackendProperties {
    /** {@code sluice.<backend>.enabled}; a backend with a target is active unless this is false. */
    boolean isEnabled();

    /** Minimum level shipped to this backend (e.g. "WARN"); null ships every level. */
    String getLevel();

    /** Identity fields merged over {@code sluice.identity}. */
    Map<String, String> getIdentity();

    /** Whether the target (RabbitMQ uri/addresses, SLS endpoint) is set. */
    boolean hasTarget();

    /** Every option set under this backend, overrides of shared options included. */
    void collectOptions(OptionSink sink);
}
