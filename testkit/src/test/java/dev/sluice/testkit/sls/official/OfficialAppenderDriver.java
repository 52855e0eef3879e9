package dev.sluice.testkit.sls.official;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Runs INSIDE the isolated class loader that holds the official appender and its own runtime (Logback 1.2,
 * protobuf 2.5, ...). Its entry point takes and returns JDK types only, so the test can call it reflectively.
 */
public final class OfficialAppenderDriver {

    private OfficialAppenderDriver() {
    }

    /**
     * Starts the official appender against {@code realServer} with {@code settings} (project, endpoint, logStore,
     * accessKeyId, accessKeySecret, topic), logs one INFO event per message (with MDC requestId) and returns the
     * action that stops the LoggerContext (which closes the producer).
     */
    public static Runnable logThrough(String realServer, Map<String, String> settings, String... messages) {
        LoggerContext context = new LoggerContext();
        context.setName("official-sls-appender");
        ProxiedLoghubAppender<ILoggingEvent> appender = new ProxiedLoghubAppender<>(realServer);
        appender.setContext(context);
        appender.setName("OFFICIAL_SLS");
        appender.setProject(settings.get("project"));
        appender.setEndpoint(settings.get("endpoint"));
        appender.setLogStore(settings.get("logStore"));
        appender.setAccessKeyId(settings.get("accessKeyId"));
        appender.setAccessKeySecret(settings.get("accessKeySecret"));
        appender.setTopic(settings.get("topic"));
        appender.setMdcFields("requestId");
        appender.setLingerMs(100);
        appender.setRetries(0);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("official appender did not start: "
                    + context.getStatusManager().getCopyOfStatusList());
        }
        Logger logger = context.getLogger("com.shop.Orders");
        logger.setAdditive(false);
        logger.addAppender(appender);
        for (int i = 0; i < messages.length; i++) {
            MDC.put("requestId", "r-" + i);
            logger.info(messages[i]);
            MDC.remove("requestId");
        }
        return context::stop;
    }
}
