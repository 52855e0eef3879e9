package dev.sluice.testkit.sls.official;

import com.aliyun.openservices.aliyun.log.producer.LogProducer;
import com.aliyun.openservices.aliyun.log.producer.Producer;
import com.aliyun.openservices.log.logback.LoghubAppender;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * The official Logback appender (aliyun-log-logback-appender), unchanged except that its SDK clients connect to a
 * local receiver: the SDK's {@code Client.setRealServerIP} keeps the Host header {@code {project}.{endpoint}} while
 * connecting elsewhere. The stock appender does not expose it, and producer 0.3.17's ProjectConfig has no proxy IP,
 * so the clients are reached in the producer's (private) client pool.
 *
 * <p>Only usable inside a class loader that holds the official appender and its own runtime (Logback 1.2,
 * protobuf-java 2.5, ...): see {@link dev.sluice.testkit.IsolatedClassLoader}. This module does not depend on them
 * at run time.
 */
public class ProxiedLoghubAppender<E> extends LoghubAppender<E> {

    private final String realServer;

    public ProxiedLoghubAppender(String realServer) {
        this.realServer = realServer;
    }

    /**
     * An appender (not started) pointed at {@code realServer} ({@code host:port}) with the given settings: project,
     * endpoint (a hostname; only the Host header uses it), logStore, accessKeyId, accessKeySecret and optionally
     * topic and mdcFields. Everything else keeps the official defaults.
     */
    public static <E> ProxiedLoghubAppender<E> configured(String realServer, Map<String, String> settings) {
        ProxiedLoghubAppender<E> appender = new ProxiedLoghubAppender<>(realServer);
        appender.setProject(settings.get("project"));
        appender.setEndpoint(settings.get("endpoint"));
        appender.setLogStore(settings.get("logStore"));
        appender.setAccessKeyId(settings.get("accessKeyId"));
        appender.setAccessKeySecret(settings.get("accessKeySecret"));
        if (settings.containsKey("topic")) {
            appender.setTopic(settings.get("topic"));
        }
        if (settings.containsKey("mdcFields")) {
            appender.setMdcFields(settings.get("mdcFields"));
        }
        return appender;
    }

    @Override
    public Producer createProducer() throws Exception {
        Producer producer = super.createProducer();
        Field pool = LogProducer.class.getDeclaredField("clientPool");
        pool.setAccessible(true);
        Map<?, ?> clients = (Map<?, ?>) pool.get(producer);
        if (clients.isEmpty()) {
            throw new IllegalStateException("the official producer has no client to redirect");
        }
        for (Object client : clients.values()) {
            client.getClass().getMethod("setRealServerIP", String.class).invoke(client, realServer);
        }
        return producer;
    }
}
