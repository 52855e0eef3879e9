package dev.sluice.logback;

import dev.sluice.transport.TransportFactory;

import dev.sluice.transport.sls.SlsTransport;

/**
 * Ships Logback events to an SLS-compatible PutLogs API (Alibaba Cloud Log Service): one log per
 * event, the same fields as the RabbitMQ appender, the event time in {@code Time}/{@code Time_ns}.
 *
 * <pre>{@code
 * <appender name="SLS" class="dev.sluice.logback.SlsAppender">
 *   <endpoint>cn-hangzhou.log.aliyuncs.com</endpoint>
 *   <project>shop</project>
 *   <logstore>backend</logstore>
 *   <accessKeyId>${SLS_AK_ID}</accessKeyId>
 *   <accessKeySecret>${SLS_AK_SECRET}</accessKeySecret>
 *   <topic>orders</topic>
 * </appender>
 * }</pre>
 */
public class SlsAppender extends SluiceAppenderBase {

    @Override
    protected TransportFactory transportFactory() {
        String appenderName = getName() == null ? "sls" : getName();
        return SlsTransport.factory(appenderName, new LogbackStatusSink(this));
    }

    public void setEndpoint(String endpoint) {
        options.set("endpoint", endpoint);
    }

    public void setProject(String project) {
        options.set("project", project);
    }

    public void setLogstore(String logstore) {
        options.set("logstore", logstore);
    }

    public void setAccessKeyId(String accessKeyId) {
        options.set("accessKeyId", accessKeyId);
    }

    public void setAccessKeySecret(String accessKeySecret) {
        options.set("accessKeySecret", accessKeySecret);
    }

    public void setSecurityToken(String securityToken) {
        options.set("securityToken", securityToken);
    }

    public void setTopic(String topic) {
        options.set("topic", topic);
    }

    public void setSource(String source) {
        options.set("source", source);
    }

    public void setTags(String tags) {
        options.set("tags", tags);
    }

    public void setCompression(String compression) {
        options.set("compression", compression);
    }

    public void setConnectTimeout(String duration) {
        options.set("connectTimeout", duration);
    }

    public void setRequestTimeout(String duration) {
        options.set("requestTimeout", duration);
    }
}
