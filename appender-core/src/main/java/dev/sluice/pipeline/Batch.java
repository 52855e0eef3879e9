package dev.sluice.pipeline;

import dev.sluice.encode.EncodedEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Encoded events sent together. */
public final class Batch {
    private final List<EncodedEvent> events;
    private long bytes;

    public Batch(int expectedSize) {
        this.events = new ArrayList<>(expectedSize);
    }

    public void add(EncodedEvent e) {
        events.add(e);
        bytes += e.body().length;
    }

    public List<EncodedEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    public long bytes() {
        return bytes;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
