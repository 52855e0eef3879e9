package dev.sluice.transport;

import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;


import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Trust and key stores for TLS connections. Without a trust store the JVM's default trust applies;
 * certificates are always verified, and host names too unless {@code verifyHostname=false}.
 */
public final class TlsOptions {
    private final String trustStore;
    private final char[] trustStorePassword;
    private final String trustStoreType;
    private final String keyStore;
    private final char[] keyStorePassword;
    private final String keyStoreType;
    private final boolean verifyHostname;

    private TlsOptions(OptionReader r) {
        trustStore = r.string(TRUST_STORE);
        trustStorePassword = chars(r.raw(TRUST_STORE_PASSWORD));
        trustStoreType = r.string(TRUST_STORE_TYPE, KeyStore.getDefaultType());
        keyStore = r.string(KEY_STORE);
        keyStorePassword = chars(r.raw(KEY_STORE_PASSWORD));
        keyStoreType = r.string(KEY_STORE_TYPE, KeyStore.getDefaultType());
        verifyHostname = r.bool(VERIFY_HOSTNAME);
        if (trustStore != null && !Files.isReadable(path(trustStore))) {
            r.error(TRUST_STORE, "cannot read file '" + trustStore + "'");
        }
        if (keyStore != null && !Files.isReadable(path(keyStore))) {
            r.error(KEY_STORE, "cannot read file '" + keyStore + "'");
        }
    }

    public static TlsOptions read(OptionReader r) {
        return new TlsOptions(r);
    }

    private static char[] chars(String s) {
        return s == null ? null : s.toCharArray();
    }

    private static Path path(String location) {
        return Paths.get(location.startsWith("file:") ? location.substring(5) : location);
    }

    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** Builds the SSL context; failures name the store, never its password. */
    public SSLContext createContext() throws GeneralSecurityException, IOException {
        if (trustStore == null && keyStore == null) {
            return SSLContext.getDefault();
        }
        TrustManagerFactory tmf = null;
        if (trustStore != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore, trustStoreType, trustStorePassword));
        }
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore, keyStoreType, keyStorePassword), keyStorePassword);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String location, String type, char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path(location))) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new IOException("cannot load key store '" + location + "' (type " + type + "): " + e.getMessage(), e);
        }
        return ks;
    }

    @Override
    public String toString() {
        return "TlsOptions[trustStore=" + trustStore + ", keyStore=" + keyStore + ", verifyHostname=" + verifyHostname + "]";
    }
}
