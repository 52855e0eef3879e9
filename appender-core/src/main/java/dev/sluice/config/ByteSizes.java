package dev.sluice.config;

import java.util.Locale;

/** Parses byte sizes such as {@code 512}, {@code 64KB}, {@code 4MiB} (KB and KiB both mean 1024). */
public final class ByteSizes {
    private ByteSizes() {
    }

    public static long parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("_", "");
        int unitStart = 0;
        while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("expected a size such as 512KB or 4MB, got '" + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a size such as 512KB or 4MB, got '" + text + "'");
        }
        String unit = s.substring(unitStart);
        long factor;
        switch (unit) {
            case "": case "B": factor = 1; break;
            case "K": case "KB": case "KIB": factor = 1L << 10; break;
            case "M": case "MB": case "MIB": factor = 1L << 20; break;
            case "G": case "GB": case "GIB": factor = 1L << 30; break;
            default:
                throw new IllegalArgumentException("unknown size unit '" + unit + "' in '" + text + "' (use B, KB, MB or GB)");
        }
        if (amount > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return amount * factor;
    }

    public static String format(long bytes) {
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + "KB";
        }
        return bytes + "B";
    }
}
