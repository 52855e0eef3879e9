package dev.sluice.testkit.sls;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The few file operations an append needs; a seam so that tests can make writes fail (a full disk). */
interface LogFile extends Closeable {

    /** Opens {@code dir/project/logstore.jsonl}-style files for appending. */
    interface Opener {
        LogFile open(Path file) throws IOException;
    }

    Opener FILES = file -> {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new LogFile() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void write(ByteBuffer bytes, long position) throws IOException {
                while (bytes.hasRemaining()) {
                    position += channel.write(bytes, position);
                }
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    };

    long size() throws IOException;

    /** Writes all of {@code bytes} at {@code position}. */
    void write(ByteBuffer bytes, long position) throws IOException;

    void truncate(long size) throws IOException;
}
