package dev.sluice.log4j2;

import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * All loggers asynchronous (the pom's async-loggers execution sets the context selector): events are
 * appended on Log4j2's ring-buffer thread. See {@link SelfLoggingScenario}.
 */
class AsyncLoggersSelfLoggingIT {
    @Test
    void withAsyncLoggersOnlyTheApplicationsEventsAreShipped() throws Exception {
        try (SelfLoggingScenario scenario = new SelfLoggingScenario()) {
            // Only meaningful in the async-loggers execution (e.g. when named by -Dit.test in the default one).
            assumeTrue(scenario.context() instanceof AsyncLoggerContext, "needs the AsyncLoggerContextSelector");
            scenario.run("/log4j2-self-async-loggers.xml");
        }
    }
}
