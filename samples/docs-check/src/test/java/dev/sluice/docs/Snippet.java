package dev.sluice.docs;

/**
 * One configuration to check, from a Markdown code block or a sample's configuration file, with
 * the text a loader takes (a fragment already wrapped into a whole configuration).
 */
final class Snippet {
    enum Kind {
        /** A logback.xml: a whole {@code <configuration>}, or {@code <appender>} / option fragments wrapped into one. */
        LOGBACK,
        /** A log4j2.xml {@code <Configuration>}. */
        LOG4J2,
        /** Spring Boot properties as YAML. */
        SPRING_YAML,
        /** Spring Boot properties as a .properties file. */
        SPRING_PROPERTIES,
        /** A Maven {@code <dependency>} on one of our artifacts. */
        MAVEN_DEPENDENCY,
        /** Another library's logback.xml appender (MIGRATING.md's "before"), marked {@code <!-- sluice:foreign -->}. */
        FOREIGN_LOGBACK,
        /** Not configuration: a shell command, Java code, sample output (the allow-list in {@link Snippets}). */
        NOT_CONFIGURATION
    }

    final Kind kind;
    /** What a loader reads: for LOGBACK fragments, the wrapping configuration. */
    final String text;
    /** {@code README.md:42} or {@code samples/x/src/main/resources/logback.xml}. */
    final String where;

    Snippet(Kind kind, String text, String where) {
        this.kind = kind;
        this.text = text;
        this.where = where;
    }

    boolean isLoadable() {
        return kind == Kind.LOGBACK || kind == Kind.LOG4J2 || kind == Kind.SPRING_YAML || kind == Kind.SPRING_PROPERTIES;
    }

    @Override
    public String toString() {
        return where + " [" + kind + "]";
    }
}
