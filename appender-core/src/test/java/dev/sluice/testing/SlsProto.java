package dev.sluice.testing;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLS LogGroup schema (sls-protocol.md) as a protobuf-java descriptor, so tests decode
 * Sluice's hand-written protobuf with the reference implementation.
 */
public final class SlsProto {
    public static final Descriptors.Descriptor LOG;
    public static final Descriptors.Descriptor LOG_GROUP;

    static {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("sls_logs.proto")
                .setSyntax("proto2")
                .addMessageType(DescriptorProto.newBuilder().setName("Log")
                        .addField(field("Time", 1, Type.TYPE_UINT32, Label.LABEL_REQUIRED))
                        .addField(message("Contents", 2, ".Log.Content", Label.LABEL_REPEATED))
                        .addField(field("Time_ns", 4, Type.TYPE_FIXED32, Label.LABEL_OPTIONAL))
                        .addNestedType(DescriptorProto.newBuilder().setName("Content")
                                .addField(field("Key", 1, Type.TYPE_STRING, Label.LABEL_REQUIRED))
                                .addField(field("Value", 2, Type.TYPE_STRING, Label.LABEL_REQUIRED))))
                .addMessageType(DescriptorProto.newBuilder().setName("LogTag")
                        .addField(field("Key", 1, Type.TYPE_STRING, Label.LABEL_REQUIRED))
                        .addField(field("Value", 2, Type.TYPE_STRING, Label.LABEL_REQUIRED)))
                .addMessageType(DescriptorProto.newBuilder().setName("LogGroup")
                        .addField(message("Logs", 1, ".Log", Label.LABEL_REPEATED))
                        .addField(field("Category", 2, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
                        .addField(field("Topic", 3, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
                        .addField(field("Source", 4, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
                        .addField(field("MachineUUID", 5, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
                        .addField(message("LogTags", 6, ".LogTag", Label.LABEL_REPEATED)))
                .build();
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
            LOG = fd.findMessageTypeByName("Log");
            LOG_GROUP = fd.findMessageTypeByName("LogGroup");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SlsProto() {
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type, Label label) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(label);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String typeName, Label label) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(Type.TYPE_MESSAGE)
                .setTypeName(typeName).setLabel(label);
    }

    /** One decoded Log. */
    public static final class Log {
        public final long time;
        public final Integer timeNs;
        public final List<Map.Entry<String, String>> contents;

        Log(DynamicMessage m) {
            this.time = ((Number) get(m, "Time")).longValue() & 0xFFFFFFFFL;
            Descriptors.FieldDescriptor ns = m.getDescriptorForType().findFieldByName("Time_ns");
            this.timeNs = m.hasField(ns) ? (Integer) m.getField(ns) : null;
            this.contents = new ArrayList<>();
            for (Object c : (List<?>) get(m, "Contents")) {
                DynamicMessage content = (DynamicMessage) c;
                contents.add(Map.entry((String) get(content, "Key"), (String) get(content, "Value")));
            }
        }

        public Map<String, String> map() {
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, String> c : contents) {
                map.put(c.getKey(), c.getValue());
            }
            return map;
        }

        public List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, String> c : contents) {
                keys.add(c.getKey());
            }
            return keys;
        }
    }

    /** One decoded LogGroup. */
    public static final class Group {
        public final List<Log> logs = new ArrayList<>();
        public final String topic;
        public final String source;
        public final Map<String, String> tags = new LinkedHashMap<>();

        Group(DynamicMessage m) {
            for (Object l : (List<?>) get(m, "Logs")) {
                logs.add(new Log((DynamicMessage) l));
            }
            topic = optional(m, "Topic");
            source = optional(m, "Source");
            for (Object t : (List<?>) get(m, "LogTags")) {
                tags.put((String) get((DynamicMessage) t, "Key"), (String) get((DynamicMessage) t, "Value"));
            }
        }
    }

    public static Log log(byte[] bytes) {
        return new Log(parse(LOG, bytes));
    }

    public static Group group(byte[] bytes) {
        return new Group(parse(LOG_GROUP, bytes));
    }

    private static DynamicMessage parse(Descriptors.Descriptor type, byte[] bytes) {
        try {
            // parseFrom checks that required fields are present.
            return DynamicMessage.parseFrom(type, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a valid " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static Object get(DynamicMessage m, String field) {
        return m.getField(m.getDescriptorForType().findFieldByName(field));
    }

    private static String optional(DynamicMessage m, String field) {
        Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
        return m.hasField(f) ? (String) m.getField(f) : null;
    }
}
