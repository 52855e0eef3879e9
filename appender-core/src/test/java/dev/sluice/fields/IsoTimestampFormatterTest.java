package dev.sluice.fields;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class IsoTimestampFormatterTest {
    /** The same shape as the formatter: millis, and an offset that is +00:00 (never Z) for UTC. */
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private static String reference(Instant t, ZoneId zone) {
        return REFERENCE.format(t.atZone(zone));
    }

    private static String format(IsoTimestampFormatter f, Instant t) {
        return f.formatToString(t.getEpochSecond(), t.getNano());
    }

    @Test
    void utcIsWrittenWithPlusZeroOffsetNotZ() {
        Instant t = Instant.parse("2024-02-29T23:59:59.987654321Z");
        assertThat(format(new IsoTimestampFormatter(ZoneOffset.UTC), t)).isEqualTo("2024-02-29T23:59:59.987+00:00");
        assertThat(format(new IsoTimestampFormatter(ZoneId.of("Etc/UTC")), t)).isEqualTo("2024-02-29T23:59:59.987+00:00");
    }

    @Test
    void shanghaiIsPlusEight() {
        Instant t = Instant.parse("2024-02-29T23:59:59.001Z");
        assertThat(format(new IsoTimestampFormatter(ZoneId.of("Asia/Shanghai")), t))
                .isEqualTo("2024-03-01T07:59:59.001+08:00");
    }

    @Test
    void negativeAndHalfHourOffsets() {
        Instant t = Instant.parse("2024-07-01T00:00:00.050Z");
        assertThat(format(new IsoTimestampFormatter(ZoneId.of("America/Los_Angeles")), t))
                .isEqualTo("2024-06-30T17:00:00.050-07:00");
        assertThat(format(new IsoTimestampFormatter(ZoneId.of("Asia/Kolkata")), t))
                .isEqualTo("2024-07-01T05:30:00.050+05:30");
    }

    @Test
    void followsDstAcrossTheSpringForwardTransition() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        IsoTimestampFormatter f = new IsoTimestampFormatter(berlin);
        // 2024-03-31 01:00:00Z: clocks jump from 02:00 CET to 03:00 CEST
        Instant before = Instant.parse("2024-03-31T00:59:59.999Z");
        Instant after = Instant.parse("2024-03-31T01:00:00.000Z");
        assertThat(format(f, before)).isEqualTo("2024-03-31T01:59:59.999+01:00");
        assertThat(format(f, after)).isEqualTo("2024-03-31T03:00:00.000+02:00");
        // and back again, so a cached second is not reused for the wrong offset
        assertThat(format(f, before)).isEqualTo("2024-03-31T01:59:59.999+01:00");
    }

    @Test
    void fallBackTransitionDistinguishesTheRepeatedLocalHour() {
        ZoneId newYork = ZoneId.of("America/New_York");
        IsoTimestampFormatter f = new IsoTimestampFormatter(newYork);
        // 2024-11-03: 01:30 local happens twice, first at -04:00 then at -05:00
        Instant first = Instant.parse("2024-11-03T05:30:00.100Z");
        Instant second = Instant.parse("2024-11-03T06:30:00.100Z");
        assertThat(format(f, first)).isEqualTo("2024-11-03T01:30:00.100-04:00");
        assertThat(format(f, second)).isEqualTo("2024-11-03T01:30:00.100-05:00");
        assertThat(OffsetDateTime.parse(format(f, second)).toInstant()).isEqualTo(second);
    }

    @Test
    void agreesWithDateTimeFormatterOverManyInstantsAndZones() {
        String[] zones = {"UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/St_Johns"};
        long start = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
        long span = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() - start;
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (String zoneName : zones) {
            ZoneId zone = ZoneId.of(zoneName);
            IsoTimestampFormatter f = new IsoTimestampFormatter(zone);
            for (int i = 0; i < 2_000; i++) {
                Instant t = Instant.ofEpochSecond(start + random.nextLong(span), random.nextInt(1_000_000_000));
                assertThat(format(f, t)).as("%s in %s", t, zoneName).isEqualTo(reference(t, zone));
            }
        }
    }

    @Test
    void millisAreTruncatedNotRoundedAndPaddedToThreeDigits() {
        IsoTimestampFormatter f = new IsoTimestampFormatter(ZoneOffset.UTC);
        long second = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        assertThat(f.formatToString(second, 0)).endsWith(":00.000+00:00");
        assertThat(f.formatToString(second, 999_999)).endsWith(":00.000+00:00");
        assertThat(f.formatToString(second, 1_000_000)).endsWith(":00.001+00:00");
        assertThat(f.formatToString(second, 10_000_000)).endsWith(":00.010+00:00");
        assertThat(f.formatToString(second, 999_999_999)).endsWith(":00.999+00:00");
    }

    @Test
    void withinTheSameSecondOnlyTheMillisChange() {
        IsoTimestampFormatter f = new IsoTimestampFormatter(ZoneId.of("Asia/Shanghai"));
        long second = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        for (int ms = 0; ms < 1000; ms += 37) {
            String s = f.formatToString(second, ms * 1_000_000);
            assertThat(s).isEqualTo(String.format("2024-01-01T08:00:00.%03d+08:00", ms));
        }
    }

    @Test
    void bufferAndLengthDescribeTheSameText() {
        IsoTimestampFormatter f = new IsoTimestampFormatter(ZoneOffset.ofHours(-3));
        Instant t = Instant.parse("2024-01-01T12:34:56.789Z");
        char[] buffer = f.format(t.getEpochSecond(), t.getNano());
        assertThat(new String(buffer, 0, f.length())).isEqualTo("2024-01-01T09:34:56.789-03:00");
    }
}
