package dev.sluice.spring;

import dev.sluice.config.Backend;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Attaches the appenders the {@code sluice.*} properties describe right after Spring Boot initialised
 * logging (this listener runs just after {@link LoggingApplicationListener}), so the "Starting ..." line
 * is shipped. Registered in {@code META-INF/spring.factories}: it must run long before any bean exists.
 *
 * <p>Runs again on every {@link ApplicationEnvironmentPreparedEvent} (a second application in the same
 * JVM, a devtools restart): unchanged settings keep the running pipelines. {@link ApplicationPreparedEvent}
 * only re-attaches, in case something re-initialised logging in between.
 */
public class SluiceLoggingListener implements GenericApplicationListener {
    /** The property source Spring Cloud's bootstrap application carries (BootstrapApplicationListener). */
    static final String SPRING_CLOUD_BOOTSTRAP = "bootstrap";

    /** Right after Boot's {@code LoggingApplicationListener}. */
    public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            if (prepared.getEnvironment().getPropertySources().contains(SPRING_CLOUD_BOOTSTRAP)) {
                // Spring Cloud's bootstrap application: its environment is not the application's (it may lack
                // sluice.* entirely), so it must neither change nor stop the pipelines; only keep them attached.
                reattach();
                return;
            }
            configure(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent) {
            reattach();
        }
    }

    /** Puts the appenders back in case something re-initialised logging since they were attached. */
    private static void reattach() {
        PipelineRegistry registry = LoggingRegistries.current();
        if (registry != null) {
            registry.reattach();
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    static void configure(ConfigurableEnvironment environment) {
        PipelineRegistry registry = LoggingRegistries.current();
        if (registry == null) {
            return; // neither Logback nor Log4j2 with its Sluice adapter: nothing to attach to
        }
        PropertiesBinder.Result bound = PropertiesBinder.bind(environment);
        List<PropertyProblem> problems = new ArrayList<>(bound.problems());
        if (bound.properties().isEnabled()) {
            problems.addAll(new UnknownProperties().find(environment));
            for (Backend backend : Backend.values()) {
                String level = SettingsResolver.backendProperties(bound.properties(), backend).getLevel();
                if (level != null && !level.isBlank() && !registry.target().isLevel(level.trim())) {
                    problems.add(new PropertyProblem(SettingsResolver.PREFIX + "." + backend.key() + ".level",
                            "'" + level.trim() + "' is not a level"));
                }
            }
        }
        problems = problems.stream().distinct().collect(Collectors.toList()); // sluice.strict is bound twice
        if (bound.strict() && !problems.isEmpty()) {
            throw new IllegalStateException("Sluice (sluice.strict=true): " + problems.stream()
                    .map(PropertyProblem::toString).collect(Collectors.joining("; ")));
        }
        Set<Backend> excluded = EnumSet.noneOf(Backend.class);
        for (PropertyProblem problem : problems) {
            Set<Backend> affected = problem.affectedBackends();
            excluded.addAll(affected);
            registry.status().error("Sluice: " + problem + (affected.isEmpty() ? "" : "; not shipping to "
                    + affected.stream().map(Backend::key).collect(Collectors.joining(" and "))), null);
        }
        Map<Backend, BackendSettings> desired = SettingsResolver.resolve(bound.properties(),
                environment.getProperty("spring.application.name"), excluded);
        List<String> failures = registry.apply(desired);
        if (bound.strict() && !failures.isEmpty()) {
            throw new IllegalStateException("Sluice (sluice.strict=true): " + String.join("; ", failures));
        }
    }
}
