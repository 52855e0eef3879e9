package dev.sluice.config;

/** The section an option belongs to; it decides which backends the option applies to. */
public enum OptionGroup {
    FIELDS("Fields", null),
    PIPELINE("Pipeline", null),
    CONNECTION("Connection", null),
    RABBITMQ("RabbitMQ", Backend.RABBITMQ),
    SLS("SLS", Backend.SLS);

    private final String title;
    private final Backend backend;

    OptionGroup(String title, Backend backend) {
        this.title = title;
        this.backend = backend;
    }

    public String title() {
        return title;
    }

    /** True when every backend takes the options of this group. */
    public boolean shared() {
        return backend == null;
    }

    public boolean appliesTo(Backend b) {
        return backend == null || backend == b;
    }
}
