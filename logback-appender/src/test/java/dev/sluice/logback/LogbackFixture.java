package dev.sluice.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A private Logback context configured from a real XML file, with helpers to read its status. */
final class LogbackFixture implements AutoCloseable {
    final LoggerContext context = new LoggerContext();

    private LogbackFixture() {
    }

    /**
     * {@code /logback-sls.xml} pointed at a receiver that knows the key AKID/{@code secret}, with extra
     * properties as name/value pairs; fails the test unless the SLS appender started.
     */
    static LogbackFixture sls(String endpoint, String secret, String... extra) {
        Map<String, String> props = new java.util.HashMap<>();
        props.put("endpoint", endpoint);
        props.put("akId", "AKID");
        props.put("akSecret", secret);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        LogbackFixture f = configure("/logback-sls.xml", props);
        org.assertj.core.api.Assertions.assertThat(f.slsAppender("SLS").isStarted())
                .as("appender started; statuses: %s", f.statusMessages(Status.ERROR)).isTrue();
        return f;
    }

    static LogbackFixture configure(String resource, Map<String, String> properties) {
        LogbackFixture f = new LogbackFixture();
        f.context.setName("test-" + resource);
        // Share the MDC of the SLF4J binding, so tests can use org.slf4j.MDC as applications do.
        f.context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        properties.forEach(f.context::putProperty);
        URL url = LogbackFixture.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(f.context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
        f.context.start();
        return f;
    }

    SlsAppender slsAppender(String name) {
        return (SlsAppender) context.getLogger("ROOT").getAppender(name);
    }

    RabbitMqAppender rabbitAppender(String name) {
        return (RabbitMqAppender) context.getLogger("ROOT").getAppender(name);
    }

    List<Status> statuses(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level)
                .collect(Collectors.toList());
    }

    List<String> statusMessages(int level) {
        return statuses(level).stream().map(Status::getMessage).collect(Collectors.toList());
    }

    /**
     * Every status message Sluice wrote, with the messages of their throwables, for secret checks.
     * (Logback's own configurator reports each ${...} substitution with its value; that is Logback's
     * text, not ours, and is excluded here.)
     */
    String sluiceStatusText() {
        StringBuilder sb = new StringBuilder();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (!(s.getOrigin() instanceof SluiceAppenderBase)) {
                continue;
            }
            sb.append(s.getMessage()).append('\n');
            for (Throwable t = s.getThrowable(); t != null; t = t.getCause()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        context.stop();
    }
}
