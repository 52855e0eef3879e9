package dev.sluice.samples.demo;

import java.nio.file.Path;
import java.util.Map;

/** The command line: which backends to use (embedded by default) and where the built samples are. */
final class DemoOptions {

    static final String USAGE = String.join("\n",
            "usage: ./demo [--rabbitmq-uri amqp://user:pass@host:5672/vhost]",
            "              [--sls-endpoint https://cn-hangzhou.log.aliyuncs.com --sls-project P --sls-logstore L]",
            "              [--orders N]",
            "",
            "Without options, an embedded AMQP broker and an embedded SLS receiver are started.",
            "With --sls-endpoint, the access key is read from the environment variables SLS_ACCESS_KEY_ID and",
            "SLS_ACCESS_KEY_SECRET; it is never printed.");

    String rabbitMqUri;
    String slsEndpoint;
    String slsProject;
    String slsLogstore;
    String slsAccessKeyId;
    String slsAccessKeySecret;
    int orders = 8;
    Path samplesHome;

    /** Parses the arguments; throws IllegalArgumentException with a message meant for the user. */
    static DemoOptions parse(String[] args, Map<String, String> environment, Path samplesHome) {
        DemoOptions o = new DemoOptions();
        o.samplesHome = samplesHome;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--rabbitmq-uri":
                    o.rabbitMqUri = value;
                    break;
                case "--sls-endpoint":
                    o.slsEndpoint = value;
                    break;
                case "--sls-project":
                    o.slsProject = value;
                    break;
                case "--sls-logstore":
                    o.slsLogstore = value;
                    break;
                case "--orders":
                    o.orders = positive(name, value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (o.slsEndpoint != null) {
            if (o.slsProject == null || o.slsLogstore == null) {
                throw new IllegalArgumentException("--sls-endpoint needs --sls-project and --sls-logstore");
            }
            o.slsAccessKeyId = environment.get("SLS_ACCESS_KEY_ID");
            o.slsAccessKeySecret = environment.get("SLS_ACCESS_KEY_SECRET");
            if (blank(o.slsAccessKeyId) || blank(o.slsAccessKeySecret)) {
                throw new IllegalArgumentException("--sls-endpoint needs the access key in the environment: "
                        + "SLS_ACCESS_KEY_ID and SLS_ACCESS_KEY_SECRET");
            }
        } else if (o.slsProject != null || o.slsLogstore != null) {
            throw new IllegalArgumentException("--sls-project and --sls-logstore need --sls-endpoint");
        }
        return o;
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, not '" + value + "'");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
