package dev.sluice.fields;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Formats {@code 2026-11-22T04:38:48.123+01:00} (local time with offset, milliseconds) into a
 * reusable char buffer. The date-time-offset part is cached per second, so most calls only write
 * the milliseconds. One instance per sender thread.
 */
public final class IsoTimestampFormatter {
    private final ZoneRules rules;
    private final char[] buffer = new char[40];
    private long cachedSecond = Long.MIN_VALUE;
    private int offsetStart;
    private int length;
    private String offsetText;

    public IsoTimestampFormatter(ZoneId zone) {
        this.rules = zone.getRules();
    }

    public IsoTimestampFormatter() {
        this(ZoneId.systemDefault());
    }

    /** Formats and returns the buffer; valid until the next call. Length is {@link #length()}. */
    public char[] format(long epochSecond, int nanoOfSecond) {
        if (epochSecond != cachedSecond) {
            fillSecond(epochSecond);
        }
        int millis = nanoOfSecond / 1_000_000;
        buffer[20] = (char) ('0' + millis / 100);
        buffer[21] = (char) ('0' + (millis / 10) % 10);
        buffer[22] = (char) ('0' + millis % 10);
        return buffer;
    }

    public int length() {
        return length;
    }

    public String formatToString(long epochSecond, int nanoOfSecond) {
        format(epochSecond, nanoOfSecond);
        return new String(buffer, 0, length);
    }

    private void fillSecond(long epochSecond) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            year = Math.max(0, Math.min(9999, year));
        }
        put4(0, year);
        buffer[4] = '-';
        put2(5, t.getMonthValue());
        buffer[7] = '-';
        put2(8, t.getDayOfMonth());
        buffer[10] = 'T';
        put2(11, t.getHour());
        buffer[13] = ':';
        put2(14, t.getMinute());
        buffer[16] = ':';
        put2(17, t.getSecond());
        buffer[19] = '.';
        offsetStart = 23;
        offsetText = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
        offsetText.getChars(0, offsetText.length(), buffer, offsetStart);
        length = offsetStart + offsetText.length();
        cachedSecond = epochSecond;
    }

    private void put2(int at, int v) {
        buffer[at] = (char) ('0' + v / 10);
        buffer[at + 1] = (char) ('0' + v % 10);
    }

    private void put4(int at, int v) {
        buffer[at] = (char) ('0' + v / 1000);
        buffer[at + 1] = (char) ('0' + (v / 100) % 10);
        buffer[at + 2] = (char) ('0' + (v / 10) % 10);
        buffer[at + 3] = (char) ('0' + v % 10);
    }
}
