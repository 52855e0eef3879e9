package dev.sluice.samples.demo;

/** One sample application: where it is built, how it is started, and the 'application' field its records carry. */
enum Sample {
    LOGBACK("logback-order-service", "dev.sluice.samples.logback.OrderServiceApplication", "orders-logback",
            "logback.xml"),
    LOG4J2("log4j2-order-service", "dev.sluice.samples.log4j2.OrderServiceApplication", "orders-log4j2",
            "log4j2.xml"),
    SPRING_BOOT("spring-boot-order-service", "dev.sluice.samples.spring.OrderServiceApplication", "orders-boot",
            "application.yml");

    final String directory;
    final String mainClass;
    final String application;
    final String configuredBy;

    Sample(String directory, String mainClass, String application, String configuredBy) {
        this.directory = directory;
        this.mainClass = mainClass;
        this.application = application;
        this.configuredBy = configuredBy;
    }
}
