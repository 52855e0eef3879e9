package dev.sluice.testkit;

import dev.sluice.testkit.sls.SlsReceiverCommand;

/** Entry point of the executable testkit jar: {@code java -jar sluice-testkit.jar <sls-receiver|amqp-broker> ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "sls-receiver":
                    SlsReceiverCommand.run(rest, System.out);
                    break;
                case "amqp-broker":
                    runAmqpBroker();
                    break;
                default:
                    System.err.println("usage: java -jar sluice-testkit.jar sls-receiver --port 4999 --dir ./logs"
                            + " --key AKID:SECRET [--key ID:SECRET:TOKEN] [--read-timeout SECONDS]"
                            + " [--max-connections N] [--max-requests N] [--max-body-bytes N]\n"
                            + "       java -jar sluice-testkit.jar amqp-broker");
                    System.exit(2);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void runAmqpBroker() throws InterruptedException {
        EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "amqp-broker-shutdown"));
        System.out.println("AMQP broker listening on amqp://" + broker.host() + ":" + broker.port()
                + " (user " + broker.username() + "; Ctrl-C to stop)");
        System.out.flush();
        Thread.currentThread().join();
    }
}
