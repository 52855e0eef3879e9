package dev.sluice.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain application run in its own JVM by {@link ShutdownHookIT}: it logs and returns from main,
 * never stopping Logback itself, as most applications do. Only Logback's {@code <shutdownHook/>}
 * then stands between the queued events and the JVM's exit.
 */
public final class ShutdownHookApp {
    private ShutdownHookApp() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("app");
        int events = Integer.parseInt(args[0]);
        for (int i = 0; i < events; i++) {
            log.info("exit event {}", i);
        }
    }
}
