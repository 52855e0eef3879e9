package dev.sluice.fields;

/** The built-in record fields; names follow logstash-logback-encoder so Logstash and Kibana take them as is. */
public enum BuiltinField {
    TIMESTAMP("@timestamp"),
    VERSION("@version"),
    MESSAGE("message"),
    LOGGER_NAME("logger_name"),
    THREAD_NAME("thread_name"),
    LEVEL("level"),
    LEVEL_VALUE("level_value"),
    STACK_TRACE("stack_trace"),
    HOST("host"),
    PID("pid"),
    CALLER_CLASS_NAME("caller_class_name"),
    CALLER_METHOD_NAME("caller_method_name"),
    CALLER_FILE_NAME("caller_file_name"),
    CALLER_LINE_NUMBER("caller_line_number"),
    TAGS("tags"),
    /** Not a single field: selects whether MDC entries are flattened into the record. */
    MDC("mdc"),
    /** Not a single field: selects whether SLF4J 2 key/value pairs are flattened into the record. */
    KEY_VALUES("kv");

    private final String canonicalName;

    BuiltinField(String canonicalName) {
        this.canonicalName = canonicalName;
    }

    public String canonicalName() {
        return canonicalName;
    }

    public static BuiltinField byName(String name) {
        for (BuiltinField f : values()) {
            if (f.canonicalName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** True for selectors that stand for a group of dynamic fields rather than one named field. */
    public boolean isGroup() {
        return this == MDC || this == KEY_VALUES;
    }
}
