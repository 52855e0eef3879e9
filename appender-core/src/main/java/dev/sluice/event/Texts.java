package dev.sluice.event;

/**
 * Bounds and repairs strings so that every encoder can write them as valid UTF-8. The one text policy
 * of all encoders: a lone (unpaired) surrogate becomes {@link #REPLACEMENT}, U+FFFD, whether the
 * encoder repairs the string first (JSON) or while writing bytes (protobuf).
 */
public final class Texts {
    public static final char REPLACEMENT = '\uFFFD';

    private Texts() {
    }

    /**
     * Cuts {@code text} to at most {@code max} chars plus a visible marker, never splitting a
     * surrogate pair.
     */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "...[truncated " + (text.length() - cut) + " chars]";
    }

    /** Replaces unpaired surrogates with U+FFFD; returns the same instance when there are none. */
    public static String repairSurrogates(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return repairFrom(text, i);
            }
        }
        return text;
    }

    private static String repairFrom(String text, int start) {
        StringBuilder sb = new StringBuilder(text.length());
        sb.append(text, 0, start);
        int n = text.length();
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append(REPLACEMENT);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
