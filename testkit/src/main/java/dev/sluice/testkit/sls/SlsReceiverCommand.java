package dev.sluice.testkit.sls;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * The {@code sls-receiver} sub-command:
 * {@code sls-receiver [--port 4999] [--dir ./logs] --key AKID:SECRET [--key ID:SECRET:TOKEN]...}.
 *
 * <p>A standalone server runs for hours: it keeps no log or request in memory (only counts; the logs go to the JSON
 * lines files), serves at most {@code --max-requests} bodies at once, and reports failures on its console.
 */
public final class SlsReceiverCommand {

    static final String USAGE = "usage: sls-receiver [--port N] [--dir DIR] --key ACCESS_KEY_ID:SECRET[:STS_TOKEN]"
            + " [--key ...] [--read-timeout SECONDS] [--max-connections N] [--max-requests N] [--max-body-bytes N]";

    /** Bodies in memory at once in the standalone server: 4 x (10 MB body + its decoded logs). */
    static final int STANDALONE_MAX_CONCURRENT_REQUESTS = 4;

    private SlsReceiverCommand() {
    }

    /** Parses the arguments and starts a receiver (writing JSON lines under --dir, default ./logs), silent. */
    public static SlsReceiver start(String... args) {
        return start(null, args);
    }

    /** Parses the arguments and starts a receiver that reports server-side failures on {@code console}. */
    static SlsReceiver start(PrintStream console, String... args) {
        return builder(args).console(console).start();
    }

    static SlsReceiver.Builder builder(String... args) {
        SlsReceiver.Builder builder = SlsReceiver.builder()
                .retainReceived(false)
                .maxConcurrentRequests(STANDALONE_MAX_CONCURRENT_REQUESTS);
        Path directory = Paths.get("logs");
        boolean anyKey = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--port":
                    builder.port(number(option, value, 0));
                    break;
                case "--dir":
                    directory = Paths.get(value);
                    break;
                case "--key":
                    String[] parts = value.split(":", 3);
                    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                        throw new IllegalArgumentException("--key must be ACCESS_KEY_ID:SECRET[:STS_TOKEN]\n" + USAGE);
                    }
                    builder.key(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
                    anyKey = true;
                    break;
                case "--read-timeout":
                    builder.readTimeout(Duration.ofSeconds(number(option, value, 1)));
                    break;
                case "--max-connections":
                    builder.maxConnections(number(option, value, 1));
                    break;
                case "--max-requests":
                    builder.maxConcurrentRequests(number(option, value, 1));
                    break;
                case "--max-body-bytes":
                    builder.maxRawBodyBytes(number(option, value, 1024));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (!anyKey) {
            throw new IllegalArgumentException("at least one --key is required\n" + USAGE);
        }
        return builder.directory(directory);
    }

    private static int number(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a number >= " + min + "\n" + USAGE);
    }

    /** Starts, prints where it listens, and serves until the JVM is stopped; failures are printed on {@code out}. */
    public static void run(String[] args, PrintStream out) throws InterruptedException {
        SlsReceiver receiver = start(out, args);
        Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "sls-receiver-shutdown"));
        out.println("SLS receiver listening on " + receiver.endpoint()
                + " (send Host: {project}.127.0.0.1:" + receiver.port() + "; Ctrl-C to stop)");
        out.flush();
        Thread.currentThread().join();
    }
}
