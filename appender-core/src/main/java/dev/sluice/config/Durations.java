package dev.sluice.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations written the way people write them in config files: {@code 250ms}, {@code 2s}, {@code 1m}. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected a duration such as 500ms, 2s or 1m, got '" + text + "'");
            }
        }
        int unitStart = 0;
        while (unitStart < s.length() && (Character.isDigit(s.charAt(unitStart)) || s.charAt(unitStart) == '.')) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s or 1m, got '" + text + "'");
        }
        double amount;
        try {
            amount = Double.parseDouble(s.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s or 1m, got '" + text + "'");
        }
        String unit = s.substring(unitStart);
        double nanosPerUnit;
        switch (unit) {
            case "ns": nanosPerUnit = 1; break;
            case "us": nanosPerUnit = 1e3; break;
            case "": case "ms": case "millis": case "milliseconds": nanosPerUnit = 1e6; break;
            case "s": case "sec": case "second": case "seconds": nanosPerUnit = 1e9; break;
            case "m": case "min": case "minute": case "minutes": nanosPerUnit = 60e9; break;
            case "h": case "hour": case "hours": nanosPerUnit = 3600e9; break;
            default:
                throw new IllegalArgumentException("unknown duration unit '" + unit + "' in '" + text + "' (use ms, s, m or h)");
        }
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0 && ms != 0) {
            return (ms / 1000) + "s";
        }
        return ms + "ms";
    }
}
