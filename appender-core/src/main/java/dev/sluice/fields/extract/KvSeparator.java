package dev.sluice.fields.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches the separator between a key and its value: {@code =} by default, or a user's regular
 * expression. The expression is only ever tried at one position (right after a key and optional
 * spaces) over at most {@link #MAX_LENGTH} chars, so even a badly written expression costs a
 * bounded amount per key and the scan stays linear in the message length.
 */
public final class KvSeparator {
    /** The longest separator a regular expression may match. */
    public static final int MAX_LENGTH = 8;
    public static final String DEFAULT = "=";

    private final Matcher matcher;

    private KvSeparator(Pattern pattern) {
        this.matcher = pattern == null ? null : pattern.matcher("");
    }

    public static KvSeparator equalsSign() {
        return new KvSeparator(null);
    }

    /**
     * @throws IllegalArgumentException when {@code regex} is invalid, or can match the empty string or
     *                                  start with a space (every word would be a key)
     */
    public static KvSeparator of(String regex) {
        if (regex == null || regex.equals(DEFAULT)) {
            return equalsSign();
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription());
        }
        if (pattern.matcher("").lookingAt() || pattern.matcher(" ").lookingAt()) {
            throw new IllegalArgumentException("'" + regex + "' can match the empty string or spaces only;"
                    + " spaces around the separator are allowed anyway, write e.g. '(?:=|:)'");
        }
        return new KvSeparator(pattern);
    }

    /** A fresh matcher over the same expression: matchers are not thread-safe, one per sender thread. */
    KvSeparator copy() {
        return matcher == null ? this : new KvSeparator(matcher.pattern());
    }

    /** Binds the message to be scanned; call before {@link #matchAt}. */
    void reset(String message) {
        if (matcher != null) {
            matcher.reset(message);
        }
    }

    /** The length of the separator at {@code at}, or 0 when there is none. */
    int matchAt(String message, int at) {
        if (matcher == null) {
            return at < message.length() && message.charAt(at) == '=' ? 1 : 0;
        }
        matcher.region(at, Math.min(message.length(), at + MAX_LENGTH));
        return matcher.lookingAt() ? matcher.end() - at : 0;
    }

    @Override
    public String toString() {
        return matcher == null ? DEFAULT : matcher.pattern().pattern();
    }
}
