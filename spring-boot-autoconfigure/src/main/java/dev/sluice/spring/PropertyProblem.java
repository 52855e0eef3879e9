package dev.sluice.spring;

import dev.sluice.config.Backend;

import java.util.EnumSet;
import java.util.Set;

/**
 * Something wrong with one {@code sluice.*} property: a value that does not bind, an unknown name, a
 * level the framework does not have. Never holds the value: it may be a secret.
 *
 * @param property          the property as the binder names it, e.g. {@code sluice.sls.batch-size}
 * @param excludesBackends  whether the backends it applies to are left out (a bad value) or not (an unknown
 *                          name, which sets nothing)
 */
record PropertyProblem(String property, String message, boolean excludesBackends) {
    PropertyProblem(String property, String message) {
        this(property, message, true);
    }

    /** The backends left out because of it: none, its own backend, or every backend for a shared property. */
    Set<Backend> affectedBackends() {
        if (!excludesBackends) {
            return EnumSet.noneOf(Backend.class);
        }
        for (Backend backend : Backend.values()) {
            if (property.startsWith(SettingsResolver.PREFIX + "." + backend.key() + ".")) {
                return EnumSet.of(backend);
            }
        }
        return EnumSet.allOf(Backend.class);
    }

    @Override
    public String toString() {
        return "property '" + property + "': " + message;
    }
}
