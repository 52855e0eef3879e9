package dev.sluice.transport.sls;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where PutLogs requests go. SLS addresses a project virtual-host style: {@code Host} is
 * {@code {project}.{endpoint}}. For a host name endpoint the request is also sent there (as the
 * official SDK does, which keeps TLS certificates valid); for an IP address or {@code localhost}
 * (an SLS-compatible server, a test receiver) it is sent to the address as given, with the
 * project still named in the {@code Host} header.
 */
final class SlsEndpoint {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String scheme;
    private final String connectHost;
    private final int port;
    private final String hostHeader;

    private SlsEndpoint(String scheme, String connectHost, int port, String hostHeader) {
        this.scheme = scheme;
        this.connectHost = connectHost;
        this.port = port;
        this.hostHeader = hostHeader;
    }

    /**
     * @param endpoint a bare host ({@code cn-hangzhou.log.aliyuncs.com}, https) or a URL
     *                 ({@code http://127.0.0.1:4999})
     * @throws IllegalArgumentException with a message fit for the user
     */
    static SlsEndpoint parse(String endpoint, String project) {
        String text = endpoint.trim();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a host name or URL: '" + endpoint + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, got '" + uri.getScheme() + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("has no host: '" + endpoint + "'");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("must be scheme://host[:port] without a path, got '" + endpoint + "'");
        }
        int port = uri.getPort();
        String hostLower = host.toLowerCase(Locale.ROOT);
        String suffix = port == -1 ? "" : ":" + port;
        if (isAddress(hostLower)) {
            return new SlsEndpoint(scheme, host, port, project + "." + hostLower + suffix);
        }
        String virtualHost = hostLower.startsWith(project + ".") ? hostLower : project + "." + hostLower;
        return new SlsEndpoint(scheme, virtualHost, port, virtualHost + suffix);
    }

    private static boolean isAddress(String host) {
        return host.equals("localhost") || host.startsWith("[") || host.contains(":") || IPV4.matcher(host).matches();
    }

    String scheme() {
        return scheme;
    }

    /** The host to connect to. */
    String connectHost() {
        return connectHost;
    }

    /** The port, or -1 for the scheme's default. */
    int port() {
        return port;
    }

    /** The Host header: always names the project. */
    String hostHeader() {
        return hostHeader;
    }

    /** For status messages. */
    @Override
    public String toString() {
        return scheme + "://" + connectHost + (port == -1 ? "" : ":" + port);
    }
}
