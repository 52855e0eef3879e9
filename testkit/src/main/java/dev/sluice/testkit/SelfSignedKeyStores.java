package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A fresh self-signed certificate for TLS tests: a PKCS12 key store (private key and certificate, for a server such
 * as {@link EmbeddedAmqpBroker#startTls}) and a PKCS12 trust store holding only that certificate (for the client).
 *
 * <p>The key pair and certificate are made by the JDK's own {@code keytool} ({@code ${java.home}/bin/keytool}), so no
 * extra library is needed; the trust store is derived with the {@link KeyStore} API. Nothing here trusts anything
 * else: a client given {@link #trustStore()} accepts this one certificate, and only for the host names and addresses
 * in its subject alternative names.
 *
 * <pre>{@code
 * SelfSignedKeyStores tls = SelfSignedKeyStores.generate(tempDir, "changeit", "dns:localhost", "ip:127.0.0.1");
 * try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.startTls(tls.keyStore(), tls.password())) { ... }
 * }</pre>
 */
public final class SelfSignedKeyStores {

    /** Alias of the key entry in the key store and of the certificate entry in the trust store. */
    public static final String ALIAS = "sluice-test";

    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keyStore;
    private final Path trustStore;
    private final String password;
    private final List<String> subjectAlternativeNames;

    private SelfSignedKeyStores(Path keyStore, Path trustStore, String password, List<String> sans) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
        this.subjectAlternativeNames = sans;
    }

    /**
     * Generates {@code key-store.p12} and {@code trust-store.p12} in {@code directory} (which must exist), both
     * protected by {@code password} (at least 6 characters, keytool's minimum).
     *
     * @param subjectAlternativeNames keytool syntax, e.g. {@code "dns:localhost"}, {@code "ip:127.0.0.1"}; at least
     *                                one: TLS clients verify host names against these, not against the subject's CN
     */
    public static SelfSignedKeyStores generate(Path directory, String password, String... subjectAlternativeNames) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(password, "password");
        if (password.length() < 6) {
            throw new IllegalArgumentException("keytool requires a password of at least 6 characters");
        }
        if (subjectAlternativeNames.length == 0) {
            throw new IllegalArgumentException("give at least one subject alternative name, e.g. dns:localhost");
        }
        Path keyStore = directory.resolve("key-store.p12").toAbsolutePath();
        Path trustStore = directory.resolve("trust-store.p12").toAbsolutePath();
        runKeytool(directory, password, String.join(",", subjectAlternativeNames), keyStore);
        deriveTrustStore(keyStore, trustStore, password.toCharArray());
        return new SelfSignedKeyStores(keyStore, trustStore, password, List.of(subjectAlternativeNames));
    }

    /** The PKCS12 key store: private key and self-signed certificate under {@link #ALIAS}. */
    public Path keyStore() {
        return keyStore;
    }

    /** The PKCS12 trust store: the certificate only. */
    public Path trustStore() {
        return trustStore;
    }

    /** Password of both stores and of the private key. */
    public String password() {
        return password;
    }

    public List<String> subjectAlternativeNames() {
        return subjectAlternativeNames;
    }

    @Override
    public String toString() {
        return "SelfSignedKeyStores{keyStore=" + keyStore + ", trustStore=" + trustStore + ", san="
                + subjectAlternativeNames + "}";
    }

    private static void runKeytool(Path directory, String password, String san, Path keyStore) {
        Path keytool = Paths.get(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString(),
                "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=sluice-test-broker, O=Sluice tests",
                "-ext", "SAN=" + san,
                "-validity", "2",
                "-storetype", "PKCS12",
                "-keystore", keyStore.toString(),
                // Passed through the environment: never on a command line that other users can list.
                "-storepass:env", "SLUICE_KEYTOOL_PASSWORD",
                "-keypass:env", "SLUICE_KEYTOOL_PASSWORD",
                "-noprompt"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("SLUICE_KEYTOOL_PASSWORD", password);
        try {
            Process process = builder.start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(keyStore)) {
                throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    private static void deriveTrustStore(Path keyStore, Path trustStore, char[] password) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, password);
            }
            Certificate certificate = keys.getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, password);
            trust.setCertificateEntry(ALIAS, certificate);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trust store " + trustStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive a trust store from " + keyStore, e);
        }
    }
}
