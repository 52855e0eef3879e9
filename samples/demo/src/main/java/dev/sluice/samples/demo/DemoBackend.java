package dev.sluice.samples.demo;

/** The two backends every sample ships to. */
enum DemoBackend {
    RABBITMQ("RabbitMQ"),
    SLS("SLS");

    final String label;

    DemoBackend(String label) {
        this.label = label;
    }
}
