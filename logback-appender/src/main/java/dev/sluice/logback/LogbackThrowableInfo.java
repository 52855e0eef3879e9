package dev.sluice.logback;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.sluice.event.ThrowableInfo;

/** {@link ThrowableInfo} over Logback's throwable proxy, which Logback built at the log call. */
final class LogbackThrowableInfo implements ThrowableInfo {
    private static final ThrowableInfo[] NONE = new ThrowableInfo[0];
    private final IThrowableProxy proxy;

    private LogbackThrowableInfo(IThrowableProxy proxy) {
        this.proxy = proxy;
    }

    static ThrowableInfo of(IThrowableProxy proxy) {
        return proxy == null ? null : new LogbackThrowableInfo(proxy);
    }

    @Override
    public Object identity() {
        // Logback cuts cycles with a fresh proxy for the repeated throwable: compare the throwables.
        return proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : proxy;
    }

    @Override
    public String className() {
        return proxy.getClassName();
    }

    @Override
    public String message() {
        return proxy.getMessage();
    }

    @Override
    public StackTraceElement[] frames() {
        StackTraceElementProxy[] proxies = proxy.getStackTraceElementProxyArray();
        if (proxies == null) {
            return new StackTraceElement[0];
        }
        StackTraceElement[] frames = new StackTraceElement[proxies.length];
        for (int i = 0; i < proxies.length; i++) {
            frames[i] = proxies[i].getStackTraceElement();
        }
        return frames;
    }

    @Override
    public ThrowableInfo cause() {
        return of(proxy.getCause());
    }

    @Override
    public ThrowableInfo[] suppressed() {
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed == null || suppressed.length == 0) {
            return NONE;
        }
        ThrowableInfo[] infos = new ThrowableInfo[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            infos[i] = of(suppressed[i]);
        }
        return infos;
    }
}
