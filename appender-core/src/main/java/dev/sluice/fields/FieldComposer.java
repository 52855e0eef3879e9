package dev.sluice.fields;

import dev.sluice.event.Texts;
import dev.sluice.fields.IsoTimestampFormatter;
import dev.sluice.event.CallerInfo;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.extract.ExtractedFields;
import dev.sluice.fields.extract.MessageExtractor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link LogEvent} into a {@link Record}: built-in fields (with prefix/suffix), host, pid,
 * identity, MDC, key/value pairs and fields extracted from the message. Runs on the sender
 * thread; not thread-safe.
 *
 * <p>An identity key equal to a built-in field's name replaces that built-in field. Built-in and
 * identity fields are never overwritten: a dynamic field whose name is taken (by a built-in, an
 * identity or an earlier dynamic field) is kept under {@code name_mdc} (MDC), {@code name_kv}
 * (SLF4J key/values and key=value extraction) or {@code name_json} (JSON extraction), then
 * {@code _2}, {@code _3}, ... Dynamic fields come in this order: MDC, key/values, extracted.
 * Renaming costs amortised constant time per field (a set of taken names, and per renamed name the
 * next number to try), so a record with many conflicting entries is composed in linear time.
 *
 * <p>At most {@code maxEntries} MDC entries and key/value pairs are shipped; those left out here or
 * by the adapter are counted in {@code sluice_dropped_entries} (with the built-in prefix/suffix),
 * present only when something was left out.
 */
public final class FieldComposer {
    /** Canonical names of the fields a collapsed repeat carries (builtin prefix/suffix apply). */
    public static final String COUNT = "count";
    public static final String FIRST_TIMESTAMP = "first_timestamp";
    public static final String LAST_TIMESTAMP = "last_timestamp";
    /**
     * Canonical name of the field telling how many MDC entries and key/value pairs an event had
     * beyond {@code maxEntries}, left out; present only then.
     */
    public static final String DROPPED_ENTRIES = "sluice_dropped_entries";

    private final FieldOptions options;
    private final StackTraceRenderer stackTraces;
    private final Set<String> reserved = new HashSet<>();
    private final String version;
    private final String message;
    private final String loggerName;
    private final String threadName;
    private final String level;
    private final String levelValue;
    private final String stackTrace;
    private final String host;
    private final String pid;
    private final String callerClass;
    private final String callerMethod;
    private final String callerFile;
    private final String callerLine;
    private final String tags;
    private final String timestamp;
    private final String count;
    private final String firstTimestamp;
    private final String lastTimestamp;
    private final String droppedEntries;
    private final int maxEntries;
    private final MessageExtractor extractor;
    /** Names of the dynamic fields of the record being composed: conflict checks in constant time. */
    private final Set<String> dynamicNames = new HashSet<>();
    /** Per renamed base ({@code name_mdc}...), the next number to try: renaming stays linear. */
    private final Map<String, Integer> nextNumber = new HashMap<>();
    /** Numbered names tried while renaming, over this composer's life: lets a test see that renaming is linear. */
    long renameProbes;
    /** The first/last times of a collapsed repeat, in {@code @timestamp}'s format. */
    private final IsoTimestampFormatter repeatTimes = new IsoTimestampFormatter();
    private final Record record = new Record();

    public FieldComposer(FieldOptions options) {
        this.options = options;
        this.stackTraces = new StackTraceRenderer(options.maxStackTraceLength());
        this.timestamp = name(BuiltinField.TIMESTAMP);
        this.version = name(BuiltinField.VERSION);
        this.message = name(BuiltinField.MESSAGE);
        this.loggerName = name(BuiltinField.LOGGER_NAME);
        this.threadName = name(BuiltinField.THREAD_NAME);
        this.level = name(BuiltinField.LEVEL);
        this.levelValue = name(BuiltinField.LEVEL_VALUE);
        this.stackTrace = name(BuiltinField.STACK_TRACE);
        this.host = name(BuiltinField.HOST);
        this.pid = name(BuiltinField.PID);
        boolean caller = options.includeCallerData();
        this.callerClass = caller ? name(BuiltinField.CALLER_CLASS_NAME) : null;
        this.callerMethod = caller ? name(BuiltinField.CALLER_METHOD_NAME) : null;
        this.callerFile = caller ? name(BuiltinField.CALLER_FILE_NAME) : null;
        this.callerLine = caller ? name(BuiltinField.CALLER_LINE_NUMBER) : null;
        this.tags = name(BuiltinField.TAGS);
        for (BuiltinField f : BuiltinField.values()) {
            if (!f.isGroup()) {
                reserved.add(options.nameOf(f));
            }
        }
        reserved.addAll(options.identity().fields().keySet());
        this.count = options.nameOf(COUNT);
        this.firstTimestamp = options.nameOf(FIRST_TIMESTAMP);
        this.lastTimestamp = options.nameOf(LAST_TIMESTAMP);
        this.maxEntries = options.limits().maxEntries();
        String dropped = options.nameOf(DROPPED_ENTRIES);
        this.droppedEntries = options.identity().get(dropped) == null ? dropped : null;
        reserved.add(dropped);
        if (!options.collapseRepeats().isZero()) {
            reserved.add(count);
            reserved.add(firstTimestamp);
            reserved.add(lastTimestamp);
        }
        this.extractor = options.extraction().any() ? new MessageExtractor(options.extraction()) : null;
    }

    /** Null when the field is not selected, or when identity defines the same name (identity wins). */
    private String name(BuiltinField field) {
        String name = options.nameOf(field);
        return options.includes(field) && options.identity().get(name) == null ? name : null;
    }

    /** The record field name of {@code @timestamp}, or null when not selected. Encoders place the time themselves. */
    public String timestampFieldName() {
        return timestamp;
    }

    /** The name a field has in records, given its canonical built-in name; other names are returned as is. */
    public String recordName(String canonicalOrOther) {
        BuiltinField f = BuiltinField.byName(canonicalOrOther);
        return f == null || f.isGroup() ? canonicalOrOther : options.nameOf(f);
    }

    /** Composes the record for {@code e}. The returned instance is reused by the next call. */
    public Record compose(LogEvent e) {
        return compose(e, 1, 0, 0);
    }

    /**
     * Composes the record shipped for {@code count} repeats of {@code first} (see repeat collapsing):
     * {@code first}'s fields plus {@code count}, {@code first_timestamp} and {@code last_timestamp}.
     */
    public Record composeRepeated(LogEvent first, long count, long lastEpochSecond, int lastNanoOfSecond) {
        return compose(first, count, lastEpochSecond, lastNanoOfSecond);
    }

    private Record compose(LogEvent e, long repeats, long lastEpochSecond, int lastNanoOfSecond) {
        Record r = record;
        r.reset(e.epochSecond(), e.nanoOfSecond(), e.level(), e.loggerName());
        String text = e.formatMessage();
        boolean extracted = extract(text);
        if (version != null) {
            r.addString(version, "1");
        }
        if (message != null && !(extracted && extractor.dropMessage())) {
            r.addString(message, Texts.truncate(text, options.maxMessageLength()));
        }
        if (loggerName != null) {
            r.addString(loggerName, e.loggerName());
        }
        if (threadName != null) {
            r.addString(threadName, e.threadName());
        }
        if (level != null) {
            r.addString(level, e.level());
        }
        if (levelValue != null) {
            r.addLong(levelValue, e.levelValue());
        }
        if (stackTrace != null && e.throwable() != null) {
            r.addString(stackTrace, stackTraces.render(e.throwable()));
        }
        if (host != null) {
            r.addString(host, HostInfo.hostName());
        }
        if (pid != null) {
            r.addLong(pid, HostInfo.pid());
        }
        CallerInfo caller = e.caller();
        if (caller != null) {
            addCaller(r, caller);
        }
        List<String> markers = e.markers();
        if (tags != null && markers != null && !markers.isEmpty()) {
            r.addStringList(tags, markers);
        }
        if (repeats > 1) {
            r.addLong(count, repeats);
            r.addString(firstTimestamp, repeatTimes.formatToString(e.epochSecond(), e.nanoOfSecond()));
            r.addString(lastTimestamp, repeatTimes.formatToString(lastEpochSecond, lastNanoOfSecond));
        }
        for (Map.Entry<String, String> id : options.identity().fields().entrySet()) {
            r.addString(id.getKey(), id.getValue());
        }
        dynamicNames.clear();
        nextNumber.clear();
        // Adapters already keep at most maxEntries; this bound also holds for events built otherwise.
        int room = maxEntries;
        long dropped = e.droppedEntries();
        if (options.includes(BuiltinField.MDC)) {
            for (Map.Entry<String, String> m : e.mdc().entrySet()) {
                if (m.getKey() != null && m.getValue() != null) {
                    if (room == 0) {
                        dropped++;
                        continue;
                    }
                    room--;
                    r.addString(freeName(m.getKey(), "_mdc"), m.getValue());
                }
            }
        }
        Object[] kv = e.keyValues();
        if (kv != null && options.includes(BuiltinField.KEY_VALUES)) {
            for (int i = 0; i + 1 < kv.length; i += 2) {
                Object key = kv[i];
                Object value = kv[i + 1];
                if (key != null && value != null) {
                    if (room == 0) {
                        dropped++;
                        continue;
                    }
                    room--;
                    r.addString(freeName(safeToString(key), "_kv"), safeToString(value));
                }
            }
        }
        if (extracted) {
            addExtracted(r);
        }
        if (dropped > 0 && droppedEntries != null) {
            r.addLong(droppedEntries, dropped);
        }
        return r;
    }

    /** Runs extraction on messages within maxMessageLength (a longer one is cut anyway, its tail unknown). */
    private boolean extract(String text) {
        return extractor != null && text != null && text.length() <= options.maxMessageLength()
                && extractor.extract(text);
    }

    private void addExtracted(Record r) {
        ExtractedFields found = extractor.fields();
        String conflictSuffix = extractor.conflictSuffix();
        for (int i = 0, n = found.size(); i < n; i++) {
            String name = freeName(extractor.nameOf(found.key(i)), conflictSuffix);
            if (found.isJson(i)) {
                r.addJson(name, found.value(i));
            } else {
                r.addString(name, found.value(i));
            }
        }
    }

    private void addCaller(Record r, CallerInfo caller) {
        if (callerClass != null) {
            r.addString(callerClass, caller.className());
        }
        if (callerMethod != null) {
            r.addString(callerMethod, caller.methodName());
        }
        if (callerFile != null && caller.fileName() != null) {
            r.addString(callerFile, caller.fileName());
        }
        if (callerLine != null) {
            r.addLong(callerLine, caller.lineNumber());
        }
    }

    /**
     * A name not yet used by a reserved or earlier dynamic field; deterministic for the same input:
     * {@code wanted}, else {@code wanted+suffix}, else the smallest free {@code wanted+suffix_n}, n >= 2.
     * Amortised constant time: numbers below a base's next number are taken for good. Names are compared
     * as the encoders will write them: two names that differ only in lone surrogates are one name once
     * repaired, and must not both be shipped.
     */
    private String freeName(String name, String suffix) {
        String wanted = Texts.repairSurrogates(name);
        if (!reserved.contains(wanted) && dynamicNames.add(wanted)) {
            return wanted;
        }
        String base = wanted + suffix;
        if (!reserved.contains(base) && dynamicNames.add(base)) {
            return base;
        }
        int n = nextNumber.getOrDefault(base, 2);
        String candidate = base + "_" + n;
        renameProbes++;
        while (reserved.contains(candidate) || !dynamicNames.add(candidate)) {
            renameProbes++;
            n++;
            candidate = base + "_" + n;
        }
        nextNumber.put(base, n + 1);
        return candidate;
    }

    private static String safeToString(Object value) {
        try {
            String text = String.valueOf(value);
            return text == null ? "null" : text;
        } catch (RuntimeException | LinkageError e) {
            return "[toString() threw " + e.getClass().getName() + "]";
        }
    }
}
