package dev.sluice.log4j2;

import dev.sluice.event.LogEvent;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Log4j2EventsTest {

    @Test
    void aSnapshotOfAReusedMutableEventKeepsWhatTheEventHeldAtTheCall() {
        MutableLogEvent reused = new MutableLogEvent();
        StringBuilder argument = new StringBuilder("first");
        ReusableParameterizedMessage message = new ReusableParameterizedMessage();
        message.set("value={}", argument);
        SortedArrayStringMap context = new SortedArrayStringMap();
        context.putValue("requestId", "r-1");
        reused.setLoggerName("app");
        reused.setLevel(Level.WARN);
        reused.setMessage(message);
        reused.setContextData(context);
        reused.setThreadName("caller-1");
        reused.setThrown(new IllegalStateException("boom"));

        LogEvent snapshot = Log4j2Events.snapshot(reused, false);

        argument.setLength(0);
        argument.append("second");
        message.set("other={}", "x");
        reused.clear();
        reused.setThreadName("someone-else");
        context.putValue("requestId", "r-2");

        assertThat(snapshot.formatMessage()).isEqualTo("value=first");
        assertThat(snapshot.messageTemplate()).isEqualTo("value={}");
        assertThat(snapshot.mdc()).containsExactly(Map.entry("requestId", "r-1"));
        assertThat(snapshot.threadName()).isEqualTo("caller-1");
        assertThat(snapshot.level()).isEqualTo("WARN");
        assertThat(snapshot.levelValue()).isEqualTo(30_000);
        assertThat(snapshot.throwable().message()).isEqualTo("boom");
        assertThat(snapshot.caller()).isNull();
    }

    @Test
    void aParameterizedMessageWithImmutableArgumentsIsFormattedLaterWithTheSameText() {
        Object[] args = {1001, "alice"};
        LogEvent snapshot = Log4j2Events.snapshot(Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.INFO)
                .setMessage(new ParameterizedMessage("order {} by {}", args)).build(), false);
        args[1] = "mallory"; // the caller's array changes after the call
        assertThat(snapshot.formatMessage()).isEqualTo("order 1001 by alice");
    }

    @Test
    void markersBringTheirParentsAndMapMessagesBecomeKeyValues() {
        LogEvent snapshot = Log4j2Events.snapshot(Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.INFO)
                .setMarker(MarkerManager.getMarker("PAYMENT-test").setParents(MarkerManager.getMarker("AUDIT-test")))
                .setMessage(new StringMapMessage().with("orderId", "1001")).build(), false);
        assertThat(snapshot.markers()).isEqualTo(List.of("PAYMENT-test", "AUDIT-test"));
        assertThat(snapshot.keyValues()).containsExactly("orderId", "1001");
    }

    @Test
    void levelValuesFollowLogbacksScale() {
        assertThat(Log4j2Events.levelValue(Level.FATAL)).isEqualTo(50_000);
        assertThat(Log4j2Events.levelValue(Level.ERROR)).isEqualTo(40_000);
        assertThat(Log4j2Events.levelValue(Level.INFO)).isEqualTo(20_000);
        assertThat(Log4j2Events.levelValue(Level.TRACE)).isEqualTo(5_000);
        // A custom level counts as Log4j2's standard level for it (350 lies between WARN 300 and INFO 400: WARN).
        assertThat(Log4j2Events.levelValue(Level.forName("NOTICE-test", 350))).isEqualTo(30_000);
    }

    @Test
    void callerDataIsTakenOnlyWhenAskedFor() {
        StackTraceElement here = new StackTraceElement("com.shop.Orders", "place", "Orders.java", 42);
        Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.INFO)
                .setMessage(new ParameterizedMessage("x")).setSource(here).build();
        assertThat(Log4j2Events.snapshot(event, false).caller()).isNull();
        assertThat(Log4j2Events.snapshot(event, true).caller().lineNumber()).isEqualTo(42);
        assertThat(Log4j2Events.snapshot(event, true).caller().className()).isEqualTo("com.shop.Orders");
    }
}
