package dev.sluice.testkit.sls;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/** Turns a PutLogs body (compressed as x-log-compresstype says) into the logs it carries. */
final class LogGroupDecoder {

    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

    private static final int LOGS = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TOPIC = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SOURCE = tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int LOG_TAGS = tag(6, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int LOG_TIME = tag(1, WireFormat.WIRETYPE_VARINT);
    private static final int LOG_CONTENTS = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int LOG_TIME_NS = tag(4, WireFormat.WIRETYPE_FIXED32);
    private static final int PAIR_KEY = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int PAIR_VALUE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    /** Room for compression overhead on an incompressible body at the raw limit (lz4: n/255 + 16). */
    private static final long BODY_SLACK = 64 * 1024;

    private final long maxRawBodyBytes;
    private final int maxLogsPerRequest;
    private final int maxContentsPerLog;
    private final long maxContentsPerRequest;

    LogGroupDecoder(long maxRawBodyBytes, int maxLogsPerRequest, int maxContentsPerLog, long maxContentsPerRequest) {
        this.maxRawBodyBytes = maxRawBodyBytes;
        this.maxLogsPerRequest = maxLogsPerRequest;
        this.maxContentsPerLog = maxContentsPerLog;
        this.maxContentsPerRequest = maxContentsPerRequest;
    }

    private static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }

    /**
     * Checks what the head declares (compression, Content-Length, x-log-bodyrawsize) before a byte of the body is
     * read, so that an oversized body is refused without being received.
     */
    void checkDeclaredSizes(String compressType, String rawSizeHeader, long contentLength) throws SlsError {
        Long rawSize = parseRawSize(rawSizeHeader);
        if (compressType == null || compressType.isEmpty()) {
            // A raw size that differs from the length is refused after the MD5 check, as before: it may be tampering.
            checkRawLimit(contentLength);
            return;
        }
        if (!"lz4".equals(compressType) && !"deflate".equals(compressType)) {
            throw new SlsError(400, "InvalidCompressType", "x-log-compresstype " + compressType + " is unsupported");
        }
        if (rawSize == null) {
            throw new SlsError(400, "MissingBodyRawSize", "x-log-bodyrawsize does not exist in header when it is necessary");
        }
        if (rawSize <= 0) {
            throw new SlsError(400, "InvalidBodyRawSize", "x-log-bodyrawsize is invalid");
        }
        checkRawLimit(rawSize);
        if (contentLength > maxRawBodyBytes + BODY_SLACK) {
            throw new SlsError(400, "PostBodyTooLarge", "Content-Length " + contentLength + " must be at most "
                    + (maxRawBodyBytes + BODY_SLACK) + " bytes");
        }
    }

    List<ReceivedLog> decode(IncomingRequest request, String project, String logstore, String requestId)
            throws SlsError {
        byte[] raw = decompress(request.header("x-log-compresstype"), request.header("x-log-bodyrawsize"),
                request.body);
        return parse(raw, project, logstore, requestId);
    }

    byte[] decompress(String compressType, String rawSizeHeader, byte[] body) throws SlsError {
        Long rawSize = parseRawSize(rawSizeHeader);
        if (compressType == null || compressType.isEmpty()) {
            if (rawSize != null && rawSize != body.length) {
                throw new SlsError(400, "InvalidBodyRawSize",
                        "x-log-bodyrawsize " + rawSize + " does not match the body length " + body.length);
            }
            checkRawLimit(body.length);
            return body;
        }
        if (!"lz4".equals(compressType) && !"deflate".equals(compressType)) {
            throw new SlsError(400, "InvalidCompressType", "x-log-compresstype " + compressType + " is unsupported");
        }
        if (rawSize == null) {
            throw new SlsError(400, "MissingBodyRawSize", "x-log-bodyrawsize does not exist in header when it is necessary");
        }
        if (rawSize <= 0) {
            throw new SlsError(400, "InvalidBodyRawSize", "x-log-bodyrawsize is invalid");
        }
        checkRawLimit(rawSize);
        return "lz4".equals(compressType) ? lz4(body, (int) (long) rawSize) : inflate(body, (int) (long) rawSize);
    }

    private static Long parseRawSize(String header) throws SlsError {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new SlsError(400, "InvalidBodyRawSize", "x-log-bodyrawsize is invalid");
        }
    }

    private void checkRawLimit(long rawSize) throws SlsError {
        if (rawSize > maxRawBodyBytes) {
            throw new SlsError(400, "PostBodyTooLarge",
                    "body size " + rawSize + " must be at most " + maxRawBodyBytes + " bytes");
        }
    }

    private static byte[] lz4(byte[] body, int rawSize) throws SlsError {
        byte[] raw = new byte[rawSize];
        int written;
        try {
            // One byte of slack so that a block longer than declared is detected, not silently cut.
            byte[] probe = new byte[rawSize + 1];
            written = LZ4.decompress(body, 0, body.length, probe, 0, probe.length);
            System.arraycopy(probe, 0, raw, 0, Math.min(written, rawSize));
        } catch (LZ4Exception e) {
            throw new SlsError(400, "PostBodyUncompressError", "lz4 body cannot be decompressed: " + e.getMessage());
        }
        if (written != rawSize) {
            throw new SlsError(400, "PostBodyUncompressError",
                    "lz4 body decompresses to " + written + " bytes, x-log-bodyrawsize says " + rawSize);
        }
        return raw;
    }

    private static byte[] inflate(byte[] body, int rawSize) throws SlsError {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(rawSize);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new SlsError(400, "PostBodyUncompressError", "deflate body is truncated");
                }
                out.write(chunk, 0, n);
                if (out.size() > rawSize) {
                    break;
                }
            }
            if (out.size() != rawSize) {
                throw new SlsError(400, "PostBodyUncompressError", "deflate body decompresses to "
                        + (out.size() > rawSize ? "more than " + rawSize : out.size()) + " bytes, x-log-bodyrawsize says "
                        + rawSize);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new SlsError(400, "PostBodyUncompressError", "deflate body cannot be decompressed: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /**
     * Reads the LogGroup field by field, counting logs and contents as they come: a body over a count limit is
     * refused at the first log or content too many, before the rest is decoded.
     */
    private List<ReceivedLog> parse(byte[] raw, String project, String logstore, String requestId) throws SlsError {
        CodedInputStream in = CodedInputStream.newInstance(raw);
        List<LogFields> logs = new ArrayList<>();
        String topic = null;
        String source = null;
        Map<String, String> tags = new LinkedHashMap<>();
        long contents = 0;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == LOGS) {
                    if (logs.size() == maxLogsPerRequest) {
                        throw new SlsError(400, "InvalidLogSize",
                                "logs count is more than " + maxLogsPerRequest + " in one request");
                    }
                    int limit = in.pushLimit(in.readRawVarint32());
                    LogFields log = readLog(in, logs.size());
                    in.checkLastTagWas(0);
                    in.popLimit(limit);
                    contents += log.contents.size();
                    if (contents > maxContentsPerRequest) {
                        // PostBodyTooLarge rather than InvalidLogSize: the sender can split the request.
                        throw new SlsError(400, "PostBodyTooLarge",
                                "contents count is more than " + maxContentsPerRequest + " in one request");
                    }
                    logs.add(log);
                } else if (tag == TOPIC) {
                    topic = in.readString();
                } else if (tag == SOURCE) {
                    source = in.readString();
                } else if (tag == LOG_TAGS) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    String[] pair = readPair(in, "LogTags[" + tags.size() + "]");
                    in.checkLastTagWas(0);
                    in.popLimit(limit);
                    tags.put(pair[0], pair[1]);
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new SlsError(400, "PostBodyInvalid", "body is not a valid LogGroup: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new SlsError(400, "PostBodyInvalid", "body is not a valid LogGroup: " + e.getMessage());
        }
        List<ReceivedLog> received = new ArrayList<>(logs.size());
        for (LogFields log : logs) {
            received.add(new ReceivedLog(project, logstore, log.time, log.timeNs, log.contents, topic, source, tags,
                    requestId));
        }
        return received;
    }

    private LogFields readLog(CodedInputStream in, int index) throws java.io.IOException, SlsError {
        LogFields log = new LogFields();
        boolean hasTime = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == LOG_TIME) {
                log.time = Integer.toUnsignedLong(in.readUInt32());
                hasTime = true;
            } else if (tag == LOG_CONTENTS) {
                if (log.contents.size() == maxContentsPerLog) {
                    throw new SlsError(400, "InvalidLogSize",
                            "log " + index + " has more than " + maxContentsPerLog + " contents");
                }
                int limit = in.pushLimit(in.readRawVarint32());
                String[] pair = readPair(in, "Logs[" + index + "].Contents[" + log.contents.size() + "]");
                in.checkLastTagWas(0);
                in.popLimit(limit);
                log.contents.add(new SimpleImmutableEntry<>(pair[0], pair[1]));
            } else if (tag == LOG_TIME_NS) {
                log.timeNs = in.readFixed32();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        if (!hasTime) {
            throw new InvalidProtocolBufferException("Message missing required fields: Logs[" + index + "].Time");
        }
        return log;
    }

    /** A Content or LogTag: both Key (1) and Value (2) are required strings. */
    private static String[] readPair(CodedInputStream in, String where) throws java.io.IOException {
        String key = null;
        String value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == PAIR_KEY) {
                key = in.readString();
            } else if (tag == PAIR_VALUE) {
                value = in.readString();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        if (key == null || value == null) {
            throw new InvalidProtocolBufferException("Message missing required fields: " + where
                    + (key == null ? ".Key" : ".Value"));
        }
        return new String[] {key, value};
    }

    /** One log's own fields, before the group's topic, source and tags (which may come after it) are known. */
    private static final class LogFields {
        long time;
        Integer timeNs;
        final List<Map.Entry<String, String>> contents = new ArrayList<>();
    }
}
