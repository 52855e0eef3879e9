package dev.sluice.transport.sls;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/** PutLogs body compression; {@code x-log-compresstype} names it. */
enum Compression {
    NONE(null),
    LZ4("lz4"),
    DEFLATE("deflate");

    private final String header;

    Compression(String header) {
        this.header = header;
    }

    /** The {@code x-log-compresstype} value, or null when the body is sent as is. */
    String header() {
        return header;
    }

    /** A compressor for one sender thread. */
    Compressor newCompressor() {
        switch (this) {
            case LZ4:
                return new Lz4();
            case DEFLATE:
                return new Zlib();
            default:
                return raw -> raw;
        }
    }

    interface Compressor {
        byte[] compress(byte[] raw);

        /** Frees native memory (zlib); the compressor is not used afterwards. */
        default void close() {
        }
    }

    /** A raw LZ4 block, as SLS expects (not the LZ4 frame format). Pure Java: no native library loaded into the application. */
    private static final class Lz4 implements Compressor {
        private final LZ4Compressor compressor = LZ4Factory.fastestJavaInstance().fastCompressor();

        @Override
        public byte[] compress(byte[] raw) {
            return compressor.compress(raw);
        }
    }

    /** zlib-wrapped deflate (RFC 1950), java.util.zip's default. */
    private static final class Zlib implements Compressor {
        private final Deflater deflater = new Deflater();
        private final byte[] chunk = new byte[64 * 1024];

        @Override
        public byte[] compress(byte[] raw) {
            deflater.reset();
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            deflater.end();
        }
    }
}
