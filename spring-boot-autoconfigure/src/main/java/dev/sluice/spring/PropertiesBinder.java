package dev.sluice.spring;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code sluice.*} when logging starts, before any bean exists. Strict: Boot's own binding error
 * (a {@code BindException} naming the property) fails start-up. Lenient: each bad value is recorded as a
 * {@link PropertyProblem} and left unset, so the caller can leave the backends concerned out.
 */
final class PropertiesBinder {
    private PropertiesBinder() {
    }

    record Result(SluiceProperties properties, boolean strict, List<PropertyProblem> problems) {
    }

    static Result bind(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        List<PropertyProblem> problems = new ArrayList<>();
        boolean strict = binder.bind(SettingsResolver.PREFIX + ".strict", Bindable.of(Boolean.class), recording(problems))
                .orElse(false);
        SluiceProperties properties = new SluiceProperties();
        Bindable<SluiceProperties> target = Bindable.ofInstance(properties);
        if (strict) {
            binder.bind(SettingsResolver.PREFIX, target);
        } else {
            binder.bind(SettingsResolver.PREFIX, target, recording(problems));
        }
        properties.setStrict(strict);
        return new Result(properties, strict, problems);
    }

    private static BindHandler recording(List<PropertyProblem> problems) {
        return new AbstractBindHandler() {
            @Override
            public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                    Exception error) {
                problems.add(new PropertyProblem(name.toString(), expected(target.getType().resolve())));
                return null; // leave it unset, as if not given
            }
        };
    }

    /** What the value should look like; the value itself is never repeated (it may be a secret). */
    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "expected a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (type == Duration.class) {
            return "expected a duration such as 200ms, 5s or 1m";
        }
        if (type == DataSize.class) {
            return "expected a size such as 512KB or 64MB";
        }
        return "could not be read as " + (type == null ? "the expected type" : type.getSimpleName());
    }
}
