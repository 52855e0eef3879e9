package dev.sluice.encode;

import dev.sluice.fields.Record;

/** Encodes a composed record for one transport. Called on the sender thread only. */
public interface EventEncoder {
    EncodedEvent encode(Record record);
}
