package dev.sluice.fields;

import java.net.InetAddress;

/**
 * Host name and process id, resolved once per JVM on first use. First use is on a sender thread,
 * so a slow name lookup never delays the application's start-up.
 */
public final class HostInfo {
    private HostInfo() {
    }

    private static final class Holder {
        static final String HOST_NAME = resolveHostName();
        static final long PID = ProcessHandle.current().pid();
    }

    public static String hostName() {
        return Holder.HOST_NAME;
    }

    public static long pid() {
        return Holder.PID;
    }

    private static String resolveHostName() {
        String env = System.getenv("HOSTNAME");
        if (env == null || env.isBlank()) {
            env = System.getenv("COMPUTERNAME");
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (Exception e) {
            // Misconfigured resolvers are common in containers; fall back to the environment.
        }
        return env == null || env.isBlank() ? "unknown" : env;
    }
}
