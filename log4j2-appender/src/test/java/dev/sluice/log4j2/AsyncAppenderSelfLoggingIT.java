package dev.sluice.log4j2;

import org.junit.jupiter.api.Test;

/** Behind Log4j2's {@code <Async>} appender: see {@link SelfLoggingScenario}. */
class AsyncAppenderSelfLoggingIT {
    @Test
    void behindAsyncAppenderOnlyTheApplicationsEventsAreShipped() throws Exception {
        try (SelfLoggingScenario scenario = new SelfLoggingScenario()) {
            scenario.run("/log4j2-self-async-appender.xml");
        }
    }
}
