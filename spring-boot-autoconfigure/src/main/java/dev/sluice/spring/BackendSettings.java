package dev.sluice.spring;

import dev.sluice.config.Backend;
import dev.sluice.config.Options;

import java.util.List;

/**
 * What one backend is configured to do: its core options (under canonical names, each remembering the
 * property it came from), the minimum level it ships and the loggers it is attached to.
 *
 * @param minimumLevel e.g. "WARN"; null ships every level
 * @param loggers      logger names; "ROOT" is the root logger
 */
public record BackendSettings(Backend backend, Options options, String minimumLevel, List<String> loggers) {
}
