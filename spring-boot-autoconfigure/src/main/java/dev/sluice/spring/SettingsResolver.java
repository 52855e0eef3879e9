package dev.sluice.spring;

import dev.sluice.config.Backend;
import dev.sluice.config.Options;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns bound {@link SluiceProperties} into the settings of each active backend: shared options from
 * {@code sluice.*}, overridden by {@code sluice.<backend>.*}, identity maps merged, values as text.
 */
final class SettingsResolver {
    static final String PREFIX = "sluice";

    private SettingsResolver() {
    }

    /**
     * @param applicationName {@code spring.application.name}, the default identity {@code application}; may be null
     * @param excluded        backends left out (their properties had errors)
     * @return the active backends; empty when {@code sluice.enabled} is false or no target is set
     */
    static Map<Backend, BackendSettings> resolve(SluiceProperties properties, String applicationName,
                                                     Set<Backend> excluded) {
        Map<Backend, BackendSettings> active = new EnumMap<>(Backend.class);
        if (!properties.isEnabled()) {
            return active;
        }
        for (Backend backend : Backend.values()) {
            BackendProperties own = backendProperties(properties, backend);
            if (!own.isEnabled() || !own.hasTarget() || excluded.contains(backend)) {
                continue;
            }
            Options options = new Options();
            properties.collectOptions((name, kebab, value) -> put(options, name, value, PREFIX + "." + kebab));
            String backendPrefix = PREFIX + "." + backend.key() + ".";
            own.collectOptions((name, kebab, value) -> put(options, name, value, backendPrefix + kebab));
            Map<String, String> identity = new LinkedHashMap<>();
            if (applicationName != null && !applicationName.isBlank()) {
                identity.put("application", applicationName);
            }
            identity.putAll(properties.getIdentity());
            identity.putAll(own.getIdentity());
            if (!identity.isEmpty()) {
                put(options, "identity", identity, own.getIdentity().isEmpty()
                        ? PREFIX + ".identity" : backendPrefix + "identity");
            }
            active.put(backend, new BackendSettings(backend, options, blankToNull(own.getLevel()),
                    properties.getLoggers()));
        }
        return active;
    }

    static BackendProperties backendProperties(SluiceProperties properties, Backend backend) {
        return switch (backend) {
            case RABBITMQ -> properties.getRabbitmq();
            case SLS -> properties.getSls();
        };
    }

    private static void put(Options options, String name, Object value, String origin) {
        String text = OptionText.of(value);
        if (text != null) {
            options.set(name, text, origin);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
