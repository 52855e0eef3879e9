package dev.sluice.fields.extract;

/**
 * Finds {@code key=value} pairs in a message with one left-to-right scan.
 *
 * <p>A key is a run of letters (any script), digits, {@code _}, {@code .} and {@code -}. After it may
 * come spaces or tabs, the separator, spaces or tabs, and a value: either double-quoted (anything
 * but {@code "}, newlines included; the quotes are not part of the value) or a run of key
 * characters. Words that are not followed by a separator are skipped, so prose around the pairs
 * does no harm: {@code payment failed reason=103 user="xiao ming"} yields {@code reason} and
 * {@code user}. Each position is visited a bounded number of times: the cost is linear in the
 * message length. A message without any pair yields no fields. One instance per sender thread.
 */
public final class KvExtractor {
    private final KvSeparator separator;

    public KvExtractor(KvSeparator separator) {
        this.separator = separator.copy();
    }

    /** Fills {@code out} with the pairs found; false (and {@code out} empty) when there are none. */
    public boolean extract(String message, ExtractedFields out) {
        out.clear();
        try {
            scan(message, out);
            return out.size() > 0;
        } catch (RuntimeException | StackOverflowError e) {
            // A user's separator expression misbehaving: treat the message as having no pairs.
            out.clear();
            return false;
        } finally {
            separator.reset("");
        }
    }

    private void scan(String s, ExtractedFields out) {
        separator.reset(s);
        int n = s.length();
        // Once a quote has no closing partner, no later one has: stop searching (keeps the scan linear).
        boolean closingQuotesLeft = true;
        int i = 0;
        while (i < n) {
            if (!isKeyChar(s.charAt(i))) {
                i++;
                continue;
            }
            int keyStart = i;
            while (i < n && isKeyChar(s.charAt(i))) {
                i++;
            }
            int keyEnd = i;
            int sepAt = skipBlanks(s, keyEnd);
            int sepLength = separator.matchAt(s, sepAt);
            if (sepLength == 0) {
                continue;
            }
            int valueStart = skipBlanks(s, sepAt + sepLength);
            int valueEnd;
            int next;
            if (valueStart < n && s.charAt(valueStart) == '"') {
                int close = closingQuotesLeft ? s.indexOf('"', valueStart + 1) : -1;
                if (close < 0) {
                    closingQuotesLeft = false;
                    i = valueStart + 1;
                    continue;
                }
                valueStart++;
                valueEnd = close;
                next = close + 1;
            } else {
                valueEnd = valueStart;
                while (valueEnd < n && isKeyChar(s.charAt(valueEnd))) {
                    valueEnd++;
                }
                if (valueEnd == valueStart) {
                    // "k=" with nothing usable after it.
                    i = sepAt + sepLength;
                    continue;
                }
                next = valueEnd;
            }
            if (!out.hasRoom()) {
                out.markIncomplete();
                return;
            }
            if (keyEnd - keyStart > ExtractedFields.MAX_KEY_LENGTH) {
                out.markIncomplete();
            } else {
                out.addString(s.substring(keyStart, keyEnd), s.substring(valueStart, valueEnd));
            }
            i = next;
        }
    }

    private static int skipBlanks(String s, int i) {
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}
