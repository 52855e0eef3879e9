package dev.sluice.testkit.sls.official;

import com.aliyun.openservices.aliyun.log.producer.LogProducer;
import com.aliyun.openservices.aliyun.log.producer.Producer;
import com.aliyun.openservices.log.logback.LoghubAppender;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * The official Logback appender, unchanged except that its SDK clients connect to a local receiver: the SDK's
 * {@code Client.setRealServerIP} keeps the Host header {@code {project}.{endpoint}} while connecting elsewhere.
 * The stock appender does not expose it, and producer 0.3.17's ProjectConfig has no proxy IP, so the clients are
 * reached in the producer's (private) client pool.
 */
public class ProxiedLoghubAppender<E> extends LoghubAppender<E> {

    private final String realServer;

    public ProxiedLoghubAppender(String realServer) {
        this.realServer = realServer;
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
