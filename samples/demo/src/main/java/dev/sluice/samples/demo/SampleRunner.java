package dev.sluice.samples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a sample as the separate application it is (its own JVM and class path), with the backends in its
 * environment; shows its progress lines, keeps its whole output in a log file, and reads its final counters.
 */
final class SampleRunner {

    private static final Pattern LOGGED = Pattern.compile("^order service: (\\d+) events logged$");
    private static final Pattern PLACED = Pattern.compile("^order service: order (\\d+)/(\\d+) placed$");
    private static final long TIMEOUT_MINUTES = 3;

    private final Path samplesHome;
    private final Path logDirectory;
    private final PrintStream out;

    SampleRunner(Path samplesHome, Path logDirectory, PrintStream out) {
        this.samplesHome = samplesHome;
        this.logDirectory = logDirectory;
        this.out = out;
    }

    /** What one run of a sample told: exit code, events it logged, and each Sluice appender's counters. */
    static final class Outcome {
        final int exitCode;
        final long logged;
        final List<AppenderCounters> appenders;
        final Path log;

        Outcome(int exitCode, long logged, List<AppenderCounters> appenders, Path log) {
            this.exitCode = exitCode;
            this.logged = logged;
            this.appenders = appenders;
            this.log = log;
        }
    }

    Outcome run(Sample sample, int orders, Map<String, String> environment) throws IOException, InterruptedException {
        Path classes = samplesHome.resolve(sample.directory).resolve("target/classes");
        Path classPathFile = samplesHome.resolve(sample.directory).resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classPathFile)) {
            throw new IllegalStateException(sample.directory + " is not built (no " + classPathFile + "); run ./demo,"
                    + " which builds the samples first");
        }
        String classPath = classes + java.io.File.pathSeparator + Files.readString(classPathFile).trim();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp", classPath,
                sample.mainClass, Integer.toString(orders));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(sample.directory + ".log");

        Process process = builder.start();
        long logged = -1;
        List<AppenderCounters> appenders = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer file = Files.newBufferedWriter(log)) {
            String line;
            while ((line = lines.readLine()) != null) {
                file.write(line);
                file.write(System.lineSeparator());
                Matcher placed = PLACED.matcher(line);
                Matcher done = LOGGED.matcher(line);
                AppenderCounters counters = AppenderCounters.parse(line);
                if (placed.matches()) {
                    out.print(placed.group(1).equals("1") ? "      orders placed: 1" : " " + placed.group(1));
                    out.flush();
                } else if (done.matches()) {
                    logged = Long.parseLong(done.group(1));
                    out.println();
                    out.println("      " + logged + " events logged; stopping (Sluice drains its queues)");
                } else if (counters != null) {
                    appenders.add(counters);
                }
            }
        } catch (UncheckedIOException e) {
            process.destroyForcibly();
            throw e.getCause();
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(sample.directory + " did not exit within " + TIMEOUT_MINUTES
                    + " minutes; its output is in " + log);
        }
        return new Outcome(process.exitValue(), logged, appenders, log);
    }
}
