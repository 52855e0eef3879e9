package dev.sluice.spring.logback;

/**
 * Tells Spring Boot re-initialising Logback from Boot's logging shutdown. Both stop the context; only
 * the re-initialisation goes through {@code LogbackLoggingSystem.stopAndReset}, which resets and configures
 * the context right after. Logback offers no other sign: a context stopped for good and one about to be
 * configured again look the same to a listener.
 */
final class BootReinitialization {
    private static final String BOOT_LOGBACK_PACKAGE = "org.springframework.boot.logging.logback.";
    private static final StackWalker WALKER = StackWalker.getInstance();

    private BootReinitialization() {
    }

    static boolean inProgress() {
        return WALKER.walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("stopAndReset")
                && f.getClassName().startsWith(BOOT_LOGBACK_PACKAGE)));
    }
}
