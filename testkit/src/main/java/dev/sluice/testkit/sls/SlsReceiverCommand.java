package dev.sluice.testkit.sls;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The {@code sls-receiver} sub-command:
 * {@code sls-receiver [--port 4999] [--dir ./logs] --key AKID:SECRET [--key ID:SECRET:TOKEN]...}.
 */
public final class SlsReceiverCommand {

    static final String USAGE =
            "usage: sls-receiver [--port N] [--dir DIR] --key ACCESS_KEY_ID:SECRET[:STS_TOKEN] [--key ...]";

    private SlsReceiverCommand() {
    }

    /** Parses the arguments and starts a receiver (writing JSON lines under --dir, default ./logs). */
    public static SlsReceiver start(String... args) {
        SlsReceiver.Builder builder = SlsReceiver.builder();
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
                    builder.port(Integer.parseInt(value));
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
                default:
                    throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (!anyKey) {
            throw new IllegalArgumentException("at least one --key is required\n" + USAGE);
        }
        return builder.directory(directory).start();
    }

    /** Starts, prints where it listens, and serves until the JVM is stopped. */
    public static void run(String[] args, PrintStream out) throws InterruptedException {
        SlsReceiver receiver = start(args);
        Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "sls-receiver-shutdown"));
        out.println("SLS receiver listening on " + receiver.endpoint()
                + " (send Host: {project}.127.0.0.1:" + receiver.port() + "; Ctrl-C to stop)");
        out.flush();
        Thread.currentThread().join();
    }
}
