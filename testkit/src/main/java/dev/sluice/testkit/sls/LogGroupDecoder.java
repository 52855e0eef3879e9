package dev.sluice.testkit.sls;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
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

    private final long maxRawBodyBytes;
    private final int maxLogsPerRequest;

    LogGroupDecoder(long maxRawBodyBytes, int maxLogsPerRequest) {
        this.maxRawBodyBytes = maxRawBodyBytes;
        this.maxLogsPerRequest = maxLogsPerRequest;
    }

    List<ReceivedLog> decode(IncomingRequest request, String project, String logstore, String requestId)
            throws SlsError {
        byte[] raw = decompress(request.header("x-log-compresstype"), request.header("x-log-bodyrawsize"),
                request.body);
        return toLogs(parse(raw), project, logstore, requestId);
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

    private DynamicMessage parse(byte[] raw) throws SlsError {
        try {
            return DynamicMessage.parseFrom(LogGroupSchema.LOG_GROUP, raw);
        } catch (InvalidProtocolBufferException e) {
            throw new SlsError(400, "PostBodyInvalid", "body is not a valid LogGroup: " + e.getMessage());
        }
    }

    private List<ReceivedLog> toLogs(DynamicMessage group, String project, String logstore, String requestId)
            throws SlsError {
        Descriptor groupType = LogGroupSchema.LOG_GROUP;
        FieldDescriptor logsField = groupType.findFieldByName("Logs");
        int count = group.getRepeatedFieldCount(logsField);
        if (count > maxLogsPerRequest) {
            throw new SlsError(400, "InvalidLogSize",
                    "logs count " + count + " must be at most " + maxLogsPerRequest + " in one request");
        }
        String topic = optionalString(group, groupType.findFieldByName("Topic"));
        String source = optionalString(group, groupType.findFieldByName("Source"));
        Map<String, String> tags = new LinkedHashMap<>();
        FieldDescriptor tagsField = groupType.findFieldByName("LogTags");
        for (int i = 0; i < group.getRepeatedFieldCount(tagsField); i++) {
            DynamicMessage tag = (DynamicMessage) group.getRepeatedField(tagsField, i);
            tags.put(keyOf(tag, LogGroupSchema.LOG_TAG), valueOf(tag, LogGroupSchema.LOG_TAG));
        }
        Descriptor logType = LogGroupSchema.LOG;
        FieldDescriptor timeField = logType.findFieldByName("Time");
        FieldDescriptor timeNsField = logType.findFieldByName("Time_ns");
        FieldDescriptor contentsField = logType.findFieldByName("Contents");
        List<ReceivedLog> logs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DynamicMessage log = (DynamicMessage) group.getRepeatedField(logsField, i);
            long time = Integer.toUnsignedLong((Integer) log.getField(timeField));
            Integer timeNs = log.hasField(timeNsField) ? (Integer) log.getField(timeNsField) : null;
            List<Map.Entry<String, String>> contents = new ArrayList<>();
            for (int c = 0; c < log.getRepeatedFieldCount(contentsField); c++) {
                DynamicMessage content = (DynamicMessage) log.getRepeatedField(contentsField, c);
                contents.add(new SimpleImmutableEntry<>(keyOf(content, LogGroupSchema.CONTENT),
                        valueOf(content, LogGroupSchema.CONTENT)));
            }
            logs.add(new ReceivedLog(project, logstore, time, timeNs, contents, topic, source, tags, requestId));
        }
        return logs;
    }

    private static String optionalString(DynamicMessage message, FieldDescriptor field) {
        return message.hasField(field) ? (String) message.getField(field) : null;
    }

    private static String keyOf(DynamicMessage pair, Descriptor type) {
        return (String) pair.getField(type.findFieldByName("Key"));
    }

    private static String valueOf(DynamicMessage pair, Descriptor type) {
        return (String) pair.getField(type.findFieldByName("Value"));
    }
}
