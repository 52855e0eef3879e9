package dev.sluice.testing;

import dev.sluice.event.CallerInfo;
import dev.sluice.event.JavaThrowableInfo;
import dev.sluice.event.LogEvent;
import dev.sluice.event.ThrowableInfo;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link LogEvent}s for tests without repeating the 13-argument constructor. */
public final class Events {
    /** 2024-05-06T07:08:09.123456789Z: a fixed instant with non-zero millis and sub-millis. */
    public static final Instant DEFAULT_TIME = Instant.parse("2024-05-06T07:08:09.123456789Z");

    private Events() {
    }

    public static Builder event() {
        return new Builder();
    }

    public static LogEvent info(Object message) {
        return event().message(message).build();
    }

    public static final class Builder {
        private Instant time = DEFAULT_TIME;
        private String level = "INFO";
        private int levelValue = 20000;
        private String loggerName = "com.example.shop.OrderService";
        private String threadName = "http-nio-8080-exec-1";
        private Object message = "hello";
        private String template;
        private Map<String, String> mdc = Collections.emptyMap();
        private Object[] keyValues;
        private List<String> markers;
        private ThrowableInfo throwable;
        private CallerInfo caller;

        public Builder time(Instant t) {
            this.time = t;
            return this;
        }

        public Builder level(String level, int value) {
            this.level = level;
            this.levelValue = value;
            return this;
        }

        public Builder logger(String name) {
            this.loggerName = name;
            return this;
        }

        public Builder thread(String name) {
            this.threadName = name;
            return this;
        }

        public Builder message(Object message) {
            this.message = message;
            return this;
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        /** Alternating key, value; values may be null. Insertion order is kept. */
        public Builder mdc(String... keyValue) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i + 1 < keyValue.length; i += 2) {
                m.put(keyValue[i], keyValue[i + 1]);
            }
            this.mdc = Collections.unmodifiableMap(m);
            return this;
        }

        public Builder mdcMap(Map<String, String> mdc) {
            this.mdc = mdc;
            return this;
        }

        public Builder keyValues(Object... kv) {
            this.keyValues = kv;
            return this;
        }

        public Builder markers(String... names) {
            this.markers = Arrays.asList(names);
            return this;
        }

        public Builder throwable(Throwable t) {
            this.throwable = JavaThrowableInfo.of(t);
            return this;
        }

        public Builder caller(CallerInfo caller) {
            this.caller = caller;
            return this;
        }

        public LogEvent build() {
            return new LogEvent(time.getEpochSecond(), time.getNano(), level, levelValue, loggerName, threadName,
                    message, template, mdc, keyValues, markers, throwable, caller);
        }
    }
}
