package dev.sluice.spring;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@code sluice.*} properties that name nothing (Boot's binder silently ignores them), e.g. the
 * misspelt {@code sluice.rabbitmq.routng-key}, and names the closest known property. Names are compared
 * relaxed (case and dashes do not matter). Reported, not fatal unless {@code sluice.strict}: an unknown name
 * sets nothing, so every backend still starts.
 */
final class UnknownProperties {
    private static final ConfigurationPropertyName SLUICE = ConfigurationPropertyName.of(SettingsResolver.PREFIX);

    /** Normalised path below {@code sluice.} → how deeper names under it are allowed. */
    private final Map<String, OptionType> known = new LinkedHashMap<>();

    UnknownProperties() {
        known.put("enabled", OptionType.BOOLEAN);
        known.put("strict", OptionType.BOOLEAN);
        known.put("identity", OptionType.MAP);
        known.put("loggers", OptionType.LIST);
        known.put("healthdownafter", OptionType.DURATION);
        for (OptionSpec spec : OptionCatalogue.all()) {
            if (spec.shared()) {
                known.put(OptionCatalogue.normalize(spec.name()), spec.type());
            }
        }
        for (Backend backend : Backend.values()) {
            String prefix = backend.key();
            known.put(prefix + "enabled", OptionType.BOOLEAN);
            known.put(prefix + "level", OptionType.STRING);
            for (OptionSpec spec : OptionCatalogue.forBackend(backend)) {
                known.put(prefix + OptionCatalogue.normalize(spec.name()), spec.type());
            }
        }
    }

    List<PropertyProblem> find(Environment environment) {
        Set<String> unknown = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            // Environment variables are left out: SLUICE_* variables of other tools (test switches, scripts) would
            // be taken for misspelt properties, and their relaxed names cannot be told apart.
            if (source instanceof IterableConfigurationPropertySource iterable
                    && !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
                iterable.filter(SLUICE::isAncestorOf).forEach(name -> {
                    if (!isKnown(name)) {
                        unknown.add(name.toString());
                    }
                });
            }
        }
        List<PropertyProblem> problems = new ArrayList<>();
        for (String name : unknown) {
            String suggestion = suggest(ConfigurationPropertyName.of(name));
            problems.add(new PropertyProblem(name, "unknown property"
                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"), false));
        }
        return problems;
    }

    private boolean isKnown(ConfigurationPropertyName name) {
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i) && known.get(path.toString()) == OptionType.LIST) {
                return i == name.getNumberOfElements() - 1;
            }
            path.append(OptionCatalogue.normalize(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM)));
            OptionType type = known.get(path.toString());
            if (type == OptionType.MAP) {
                return true; // any key below a map
            }
            if (type != null && i == name.getNumberOfElements() - 1) {
                return true;
            }
        }
        return false;
    }

    /** The known property nearest to an unknown one, written as the user would write it. */
    private static String suggest(ConfigurationPropertyName name) {
        Backend backend = null;
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.UNIFORM);
            Backend named = i == 1 ? backendNamed(element) : null;
            if (named != null) {
                backend = named;
            } else {
                rest.append(element);
            }
        }
        String closest = OptionCatalogue.closest(rest.toString());
        if (closest == null) {
            return null;
        }
        OptionSpec spec = OptionCatalogue.find(closest);
        if (spec.shared()) {
            return SettingsResolver.PREFIX + "." + (backend == null ? "" : backend.key() + ".") + spec.kebabName();
        }
        for (Backend b : Backend.values()) {
            if (spec.appliesTo(b)) {
                return SettingsResolver.PREFIX + "." + b.key() + "." + spec.kebabName();
            }
        }
        return null;
    }

    private static Backend backendNamed(String element) {
        for (Backend b : Backend.values()) {
            if (b.key().equals(element)) {
                return b;
            }
        }
        return null;
    }
}
