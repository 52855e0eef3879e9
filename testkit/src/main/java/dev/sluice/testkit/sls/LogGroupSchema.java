package dev.sluice.testkit.sls;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The SLS LogGroup schema (proto2), built in code from descriptors so that decoding needs no generated classes
 * and owes nothing to Sluice's own hand-written encoder.
 */
public final class LogGroupSchema {

    /** Descriptor of {@code LogGroup}. */
    public static final Descriptor LOG_GROUP;
    /** Descriptor of {@code Log}. */
    public static final Descriptor LOG;
    /** Descriptor of {@code Log.Content}. */
    public static final Descriptor CONTENT;
    /** Descriptor of {@code LogTag}. */
    public static final Descriptor LOG_TAG;

    static {
        DescriptorProto content = DescriptorProto.newBuilder().setName("Content")
                .addField(field("Key", 1, Label.LABEL_REQUIRED, Type.TYPE_STRING, null))
                .addField(field("Value", 2, Label.LABEL_REQUIRED, Type.TYPE_STRING, null))
                .build();
        DescriptorProto log = DescriptorProto.newBuilder().setName("Log")
                .addField(field("Time", 1, Label.LABEL_REQUIRED, Type.TYPE_UINT32, null))
                .addField(field("Contents", 2, Label.LABEL_REPEATED, Type.TYPE_MESSAGE, ".sls.Log.Content"))
                .addField(field("Time_ns", 4, Label.LABEL_OPTIONAL, Type.TYPE_FIXED32, null))
                .addNestedType(content)
                .build();
        DescriptorProto logTag = DescriptorProto.newBuilder().setName("LogTag")
                .addField(field("Key", 1, Label.LABEL_REQUIRED, Type.TYPE_STRING, null))
                .addField(field("Value", 2, Label.LABEL_REQUIRED, Type.TYPE_STRING, null))
                .build();
        DescriptorProto logGroup = DescriptorProto.newBuilder().setName("LogGroup")
                .addField(field("Logs", 1, Label.LABEL_REPEATED, Type.TYPE_MESSAGE, ".sls.Log"))
                .addField(field("Category", 2, Label.LABEL_OPTIONAL, Type.TYPE_STRING, null))
                .addField(field("Topic", 3, Label.LABEL_OPTIONAL, Type.TYPE_STRING, null))
                .addField(field("Source", 4, Label.LABEL_OPTIONAL, Type.TYPE_STRING, null))
                .addField(field("MachineUUID", 5, Label.LABEL_OPTIONAL, Type.TYPE_STRING, null))
                .addField(field("LogTags", 6, Label.LABEL_REPEATED, Type.TYPE_MESSAGE, ".sls.LogTag"))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("sls_logs.proto").setPackage("sls").setSyntax("proto2")
                .addMessageType(log).addMessageType(logTag).addMessageType(logGroup)
                .build();
        try {
            FileDescriptor descriptor = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
            LOG = descriptor.findMessageTypeByName("Log");
            CONTENT = LOG.findNestedTypeByName("Content");
            LOG_TAG = descriptor.findMessageTypeByName("LogTag");
            LOG_GROUP = descriptor.findMessageTypeByName("LogGroup");
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LogGroupSchema() {
    }

    private static FieldDescriptorProto field(String name, int number, Label label, Type type, String typeName) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(name).setNumber(number).setLabel(label).setType(type);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        return field.build();
    }
}
