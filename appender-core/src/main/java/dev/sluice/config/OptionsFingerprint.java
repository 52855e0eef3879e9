package dev.sluice.config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A short fingerprint of an appender's options, to tell an unchanged appender from a changed one
 * across reconfigurations (Log4j2 manager names, the Spring Boot integration's pipeline registry).
 * Keyed with a random per-JVM key: the fingerprint appears in manager names (and so in status
 * messages), and a plain hash of options holding a password could be guessed offline.
 */
public final class OptionsFingerprint {
    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private OptionsFingerprint() {
    }

    public static String of(String kind, Options options) {
        List<String> names = new ArrayList<>(options.names());
        Collections.sort(names);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            update(mac, kind);
            for (String name : names) {
                update(mac, name);
                update(mac, options.get(name));
            }
            byte[] digest = mac.doFinal();
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory on every Java platform.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void update(Mac mac, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so that ("ab","c") and ("a","bc") differ.
        mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        mac.update(bytes);
    }
}
