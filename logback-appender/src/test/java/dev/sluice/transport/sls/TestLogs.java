package dev.sluice.transport.sls;

import dev.sluice.runtime.StatusSink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the SLS transport tests feed a transport directly: hand-built encoded logs, and a sink for its warnings. */
final class TestLogs {

    private TestLogs() {
    }

    /** An SLS {@code Log} message (protobuf) with its time and one content, message=text (under 128 bytes). */
    static byte[] log(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x08); // Time, varint
        long time = System.currentTimeMillis() / 1000;
        while (time >= 0x80) {
            out.write((int) (time & 0x7f) | 0x80);
            time >>>= 7;
        }
        out.write((int) time);
        byte[] key = "message".getBytes(StandardCharsets.UTF_8);
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x12); // Contents, length-delimited
        out.write(2 + key.length + 2 + value.length);
        out.write(0x0a);
        out.write(key.length);
        out.write(key, 0, key.length);
        out.write(0x12);
        out.write(value.length);
        out.write(value, 0, value.length);
        return out.toByteArray();
    }

    /** A status sink that keeps warnings and errors in {@code into}. */
    static StatusSink warningsInto(List<String> into) {
        return new StatusSink() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message, Throwable cause) {
                into.add(message);
            }

            @Override
            public void error(String message, Throwable cause) {
                into.add(message);
            }
        };
    }
}
