package dev.sluice.testkit.sls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A hand-rolled protobuf writer, so the tests' LogGroup bytes owe nothing to the receiver's schema. */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, 0);
        rawVarint(value);
        return this;
    }

    ProtoWriter fixed32(int field, int value) {
        tag(field, 5);
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toByteArray());
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        rawVarint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** A Log with Time, optional Time_ns and key/value pairs. */
    static ProtoWriter log(long time, Integer timeNs, String... keyValues) {
        ProtoWriter log = new ProtoWriter().varint(1, time);
        for (int i = 0; i < keyValues.length; i += 2) {
            log.message(2, new ProtoWriter().string(1, keyValues[i]).string(2, keyValues[i + 1]));
        }
        if (timeNs != null) {
            log.fixed32(4, timeNs);
        }
        return log;
    }
}
