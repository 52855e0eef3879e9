package dev.sluice.samples.demo;

import dev.sluice.testkit.AmqpCollector;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The demo: runs the three sample order services against RabbitMQ and SLS (embedded unless given), then shows
 * what each logged, what arrived and what was folded or dropped. Exit code 0 only when every event is accounted
 * for and delivered; 1 when not (with the reasons); 2 for a bad command line.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** The whole demo; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, environment, samplesHome());
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        out.println("Sluice demo: three order services (Logback, Log4j2, Spring Boot) ship their logs to RabbitMQ"
                + " and SLS");
        List<DeliveryCheck> checks = new ArrayList<>();
        Map<DemoBackend, Map<Sample, List<DeliveredRecord>>> shown = new EnumMap<>(DemoBackend.class);
        List<String> problems = new ArrayList<>();
        try (Backends backends = Backends.start(options, out)) {
            Path logs = options.samplesHome.resolve("demo/target/demo-logs");
            SampleRunner runner = new SampleRunner(options.samplesHome, logs, out);
            int n = 0;
            for (Sample sample : Sample.values()) {
                n++;
                out.println();
                out.println("[" + n + "/" + Sample.values().length + "] " + sample.directory + " (configured by "
                        + sample.configuredBy + ")");
                long started = System.nanoTime();
                SampleRunner.Outcome outcome;
                List<DeliveredRecord> rabbitMq;
                try (AmqpCollector collector = backends.watchRabbitMq(sample)) {
                    outcome = runner.run(sample, options.orders, backends.sampleEnvironment());
                    rabbitMq = backends.rabbitMqRecords(collector);
                }
                out.println("      finished in " + Backends.seconds(started) + "; its output: " + outcome.log);
                if (outcome.exitCode != 0) {
                    problems.add(sample.directory + " exited with code " + outcome.exitCode + "; see " + outcome.log);
                }
                List<DeliveredRecord> sls = backends.slsReadable() ? backends.slsRecords(sample) : null;
                checks.add(new DeliveryCheck(sample, DemoBackend.RABBITMQ, outcome.logged,
                        counters(outcome, DemoBackend.RABBITMQ), rabbitMq));
                checks.add(new DeliveryCheck(sample, DemoBackend.SLS, outcome.logged,
                        counters(outcome, DemoBackend.SLS), sls));
                shown.computeIfAbsent(DemoBackend.RABBITMQ, b -> new EnumMap<>(Sample.class)).put(sample, rabbitMq);
                if (sls != null) {
                    shown.computeIfAbsent(DemoBackend.SLS, b -> new EnumMap<>(Sample.class)).put(sample, sls);
                }
            }
        } catch (Exception e) {
            out.println();
            out.println("The demo could not run: " + e.getMessage());
            return 1;
        }

        Report report = new Report(out);
        shown.forEach(report::samples);
        report.table(checks);
        for (DeliveryCheck check : checks) {
            problems.addAll(check.problems());
        }
        out.println();
        if (!problems.isEmpty()) {
            out.println("NOT every event was delivered:");
            problems.forEach(p -> out.println("  - " + p));
            return 1;
        }
        long logged = checks.stream().mapToLong(c -> c.counters.accepted).sum();
        long records = checks.stream().mapToLong(DeliveryCheck::delivered).sum();
        long collapsed = checks.stream().mapToLong(c -> c.counters.collapsed).sum();
        out.println("Every event was accounted for and delivered: " + logged + " events in " + records
                + " records (" + collapsed + " repeats folded into counts), 0 dropped, 0 failed.");
        return 0;
    }

    private static AppenderCounters counters(SampleRunner.Outcome outcome, DemoBackend backend) {
        return outcome.appenders.stream().filter(a -> a.backend() == backend).findFirst().orElse(null);
    }

    /** The samples folder: -Dsluice.samples.home, else ./samples or . when started from inside it. */
    private static Path samplesHome() {
        String configured = System.getProperty("sluice.samples.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("samples/demo")) ? here.resolve("samples") : here;
    }
}
